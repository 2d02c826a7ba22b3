/**
 * One vocabulary for job statuses and bulk results, everywhere: a display name for people (tables, the
 * app: "Timed out", "Already gone") and a stable machine name for files and scripts (JSON, CSV, the audit
 * log: ArcGIS Server's own `esriJobTimedOut`, and `already-gone`). Both are accepted as input in any case,
 * with spaces, hyphens and underscores ignored, so `timed-out`, `TimedOut`, `"Timed out"` and
 * `esriJobTimedOut` all name the same status. Pure (no Node APIs): the app's renderer uses it too.
 */
import { ACTIVE_STATUSES, JOB_STATUSES } from './types';
import type { JobOutcome, JobStatus } from './types';

/** Every bulk result, in the order summaries list them. */
export const JOB_OUTCOMES: readonly JobOutcome[] = [
  'deleted',
  'cancelled',
  'already-gone',
  'skipped',
  'failed',
];

/** A status as people read it: `esriJobTimedOut` → `Timed out`; an unknown value verbatim. */
export function statusLabel(status: string): string {
  if (!status.startsWith('esriJob') || status.length === 'esriJob'.length) return status;
  const words = status.slice('esriJob'.length).replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.charAt(0) + words.slice(1).toLowerCase();
}

/** A result as people read it: `already-gone` → `Already gone`. */
export function outcomeLabel(outcome: string): string {
  const words = outcome.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The comparison key of a typed word: lower case, without spaces, hyphens, underscores or `esriJob`. */
function wordKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, '')
    .replace(/^esrijob/, '');
}

const STATUS_BY_KEY = new Map<string, JobStatus>(JOB_STATUSES.map((s) => [wordKey(s), s] as const));

/** Words that name several statuses, or a status by another common spelling. */
export const STATUS_GROUPS: Readonly<Record<string, readonly JobStatus[]>> = {
  active: ACTIVE_STATUSES,
  finished: ['esriJobSucceeded', 'esriJobFailed', 'esriJobTimedOut', 'esriJobCancelled'],
  running: ['esriJobExecuting'],
  canceled: ['esriJobCancelled'],
  canceling: ['esriJobCancelling'],
};

/** The statuses a typed word names (`failed`, `Timed out`, `esriJobTimedOut`, `active`), or null. */
export function parseStatusWord(text: string): JobStatus[] | null {
  const key = wordKey(text);
  const one = STATUS_BY_KEY.get(key);
  if (one) return [one];
  const group = STATUS_GROUPS[key];
  return group ? [...group] : null;
}

const OUTCOME_BY_KEY = new Map<string, JobOutcome>(JOB_OUTCOMES.map((o) => [wordKey(o), o] as const));

/** The result a typed word names (`failed`, `already-gone`, `Already gone`, `canceled`), or null. */
export function parseOutcomeWord(text: string): JobOutcome | null {
  const key = wordKey(text);
  return OUTCOME_BY_KEY.get(key === 'canceled' ? 'cancelled' : key) ?? null;
}
