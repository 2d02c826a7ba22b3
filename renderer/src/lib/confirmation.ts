/**
 * The confirmation rule of a bulk action: what the dialog says, and when its button may be pressed.
 * Production servers or more than 100 jobs (the backend sets `requiresTypedConfirmation`) need the job
 * count typed, so a large or risky delete is never one careless click away.
 */
import type { BulkAction, BulkPlanView } from './contract-types';
import { t } from './strings';

/** The number the user types to confirm: the jobs the run will actually act on. */
export function confirmationCount(plan: BulkPlanView): number {
  return plan.eligible;
}

/** Reads a typed count, tolerating spaces and thousands separators (`1,234`, `1 234`, `1.234`). */
export function parseTypedCount(typed: string): number | null {
  const digits = typed.trim().replace(/[\s,.'\u00a0\u202f_]/g, '');
  return /^\d{1,9}$/.test(digits) ? Number(digits) : null;
}

/** Whether the confirm button is enabled: there is work to do, and the count is typed when required. */
export function isConfirmed(plan: BulkPlanView, typed: string): boolean {
  if (plan.eligible === 0) return false;
  if (!plan.requiresTypedConfirmation) return true;
  return parseTypedCount(typed) === confirmationCount(plan);
}

/** The verb of an action for buttons and headings. */
export function actionVerb(action: BulkAction): string {
  return t.bulk.confirmVerb(action === 'delete');
}

/** The confirm button's words: `Delete 300 jobs`, `Cancel 1 job`. */
export function confirmLabel(plan: BulkPlanView): string {
  return t.bulk.confirmButton(plan.action === 'delete', plan.eligible);
}

/** Why typing is required, in one sentence, or null when it is not. */
export function typedConfirmationReason(plan: BulkPlanView): string | null {
  if (!plan.requiresTypedConfirmation) return null;
  const production = plan.servers.filter((s) => s.production && s.eligible > 0).map((s) => s.name);
  if (production.length > 0) {
    return t.bulk.productionReason(production);
  }
  return t.bulk.manyJobsReason;
}

/** One status's counts summed across every server and service of a plan. */
export interface StatusTotal {
  status: string;
  count: number;
  eligible: number;
}

/** Counts by status across the whole plan, largest first, for the dialog's status summary. */
export function statusTotals(plan: BulkPlanView): StatusTotal[] {
  const totals = new Map<string, StatusTotal>();
  for (const server of plan.servers) {
    for (const service of server.services) {
      for (const s of service.statuses) {
        const t = totals.get(s.status) ?? { status: s.status, count: 0, eligible: 0 };
        t.count += s.count;
        t.eligible += s.eligible;
        totals.set(s.status, t);
      }
    }
  }
  return [...totals.values()].sort((a, b) => b.count - a.count || a.status.localeCompare(b.status));
}
