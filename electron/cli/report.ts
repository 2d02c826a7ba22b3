/**
 * What delete and cancel print: the plan of a dry run (per server, service and status; running jobs;
 * skipped jobs and why) and, after a run, the summary per server plus every failed job with its reason.
 */
import type { BulkPlan, BulkRunSummary, JobResult, JobOutcome } from '../core';
import { JOB_OUTCOMES, isoTime, statusLabel } from '../core';
import type { JobRow } from './output';
import { renderJobTable, serviceColumns } from './output';
import type { Column } from './table';
import { renderTable } from './table';

/** "1 job", "3 jobs". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

interface PlanLine {
  server: string;
  service: string;
  serviceType: string;
  status: string;
  count: number;
  eligible: number;
}

/** The dry run as text for people: headline, per-server notes, and the per-status table. */
export function renderPlan(plan: BulkPlan, width: number, concurrency?: number): string {
  const verb = plan.action === 'delete' ? 'delete' : 'cancel';
  const lines: string[] = [
    `Dry run: nothing was changed. ${plural(plan.total, 'job')} match on ${plural(plan.servers.length, 'server')}; ` +
      `${plan.eligible} would be ${plan.action === 'delete' ? 'deleted' : 'cancelled'}, ${plan.skipped} skipped.`,
  ];
  if (plan.action === 'delete' && plan.running > 0) {
    lines.push(`${plural(plan.running, 'running job')} would be cancelled first, then deleted.`);
  }
  for (const s of plan.servers) {
    const flags = [s.production ? 'production' : null, `${concurrency ?? s.concurrency} requests at a time`]
      .filter(Boolean)
      .join(', ');
    // Running jobs matter to a delete (cancelled first); every job a cancel takes is running.
    const running = plan.action === 'delete' ? `, ${s.running} running` : '';
    lines.push(`  ${s.name} (${flags}): ${s.eligible} to ${verb}, ${s.skipped} skipped${running}.`);
  }
  if (plan.total === 0) return `${lines.join('\n')}\n`;
  const rows: PlanLine[] = plan.servers.flatMap((s) =>
    s.services.flatMap((v) =>
      v.statuses.map((st) => ({
        server: s.name,
        ...serviceColumns(v.service),
        status: statusLabel(st.status),
        count: st.count,
        eligible: st.eligible,
      })),
    ),
  );
  const columns: Column<PlanLine>[] = [
    { header: 'SERVER', value: (r) => r.server, min: 6 },
    { header: 'SERVICE', value: (r) => r.service, min: 10 },
    { header: 'TYPE', value: (r) => r.serviceType, shrink: false },
    { header: 'STATUS', value: (r) => r.status, shrink: false },
    { header: 'JOBS', value: (r) => String(r.count), align: 'right' },
    { header: `TO ${verb.toUpperCase()}`, value: (r) => String(r.eligible), align: 'right' },
    { header: 'SKIPPED', value: (r) => String(r.count - r.eligible), align: 'right' },
  ];
  let text = `${lines.join('\n')}\n\n${renderTable(columns, rows, width)}`;
  const skipped = plan.jobs.filter((j) => !j.eligible);
  if (skipped.length) {
    const reasons = new Map<string, number>();
    for (const j of skipped) reasons.set(j.skipReason ?? '', (reasons.get(j.skipReason ?? '') ?? 0) + 1);
    text += `\nSkipped:\n${[...reasons].map(([why, n]) => `  ${plural(n, 'job')}: ${why}`).join('\n')}\n`;
  }
  return text;
}

/**
 * Each planned job of `plan.jobs[from..to)` as a row: `planned` when the run would act on it, `skipped`
 * with the reason otherwise.
 */
export function planRows(
  plan: Pick<BulkPlan, 'jobs'>,
  names: ReadonlyMap<string, string>,
  from = 0,
  to = plan.jobs.length,
): JobRow[] {
  return plan.jobs.slice(from, to).map((j) => ({
    jobId: j.jobId,
    server: names.get(j.profileId) ?? j.profileId,
    ...serviceColumns(j.service),
    status: j.status,
    submittedTime: isoTime(j.submittedTime),
    endTime: isoTime(j.endTime),
    username: j.username ?? null,
    machinename: j.machinename ?? null,
    result: j.eligible ? 'planned' : 'skipped',
    message: j.eligible ? null : (j.skipReason ?? null),
  }));
}

interface SummaryLine {
  server: string;
  counts: Record<JobOutcome, number>;
  total: number;
}

/** Outcome counts per server, plus a total line when there are several servers. */
export function summaryLines(results: readonly JobResult[]): SummaryLine[] {
  const byServer = new Map<string, SummaryLine>();
  const empty = (): Record<JobOutcome, number> => ({
    deleted: 0,
    cancelled: 0,
    'already-gone': 0,
    skipped: 0,
    failed: 0,
  });
  for (const r of results) {
    let line = byServer.get(r.profileId);
    if (!line) byServer.set(r.profileId, (line = { server: r.server, counts: empty(), total: 0 }));
    line.counts[r.outcome]++;
    line.total++;
  }
  const lines = [...byServer.values()];
  if (lines.length > 1) {
    const total: SummaryLine = { server: 'Total', counts: empty(), total: 0 };
    for (const l of lines) {
      for (const o of JOB_OUTCOMES) total.counts[o] += l.counts[o];
      total.total += l.total;
    }
    lines.push(total);
  }
  return lines;
}

/** Failed jobs grouped by reason: each reason in full, then its jobs as a table. */
export function renderFailures(rows: readonly JobRow[], width: number): string {
  const byReason = new Map<string, JobRow[]>();
  for (const row of rows) {
    const reason = row.message ?? 'No reason given.';
    byReason.set(reason, [...(byReason.get(reason) ?? []), row]);
  }
  const parts = [...byReason].map(([reason, jobs]) => {
    const table = renderJobTable(jobs, ['server', 'service', 'serviceType', 'jobId', 'status'], width - 4)
      .trimEnd()
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
    return `  ${plural(jobs.length, 'job')}: ${reason}\n${table}\n`;
  });
  return `Failed (${rows.length}):\n${parts.join('\n')}`;
}

/** The summary table of a finished run, then the failed jobs with their reasons. */
export function renderSummary(summary: BulkRunSummary, width: number, failedRows: readonly JobRow[]): string {
  const shown = JOB_OUTCOMES.filter((o) => o !== (summary.action === 'delete' ? 'cancelled' : 'deleted'));
  const columns: Column<SummaryLine>[] = [
    { header: 'SERVER', value: (l) => l.server, min: 6 },
    ...shown.map((o): Column<SummaryLine> => ({
      header: o.toUpperCase().replace('-', ' '),
      value: (l) => String(l.counts[o]),
      align: 'right',
    })),
    { header: 'TOTAL', value: (l) => String(l.total), align: 'right' },
  ];
  const seconds = ((summary.endedAt - summary.startedAt) / 1000).toFixed(1);
  const head = summary.aborted
    ? `Run ${summary.runId} stopped early${summary.abortReason ? `: ${summary.abortReason}` : '.'}`
    : `Run ${summary.runId} finished in ${seconds} s.`;
  let text = `${head}\n\n${summary.results.length ? renderTable(columns, summaryLines(summary.results), width) : 'No jobs were touched.\n'}`;
  if (summary.auditError) text += `\nThe audit log could not be written: ${summary.auditError}\n`;
  if (failedRows.length) text += `\n${renderFailures(failedRows, width)}`;
  const run = summary.runId.slice(0, 8);
  text += `\nDetails: gpjobs runs show ${run}\n`;
  if (summary.aborted || summary.results.some((r) => r.outcome === 'failed')) {
    text += `Failed jobs only: gpjobs runs show ${run} --failed. Try them again: gpjobs runs retry ${run}\n`;
  }
  return text;
}
