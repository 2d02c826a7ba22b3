/**
 * `gpjobs jobs show ID` (one job's fields and messages, found on any chosen server) and `gpjobs jobs
 * summary` (counts by server, service and status with the oldest job of each, in table, JSON or CSV).
 */
import type { Command } from 'commander';
import { JOB_STATUSES, statusLabel } from '../../core';
import { withService } from '../context';
import type { ExitCode } from '../exit-codes';
import { EXIT_USAGE, worstExit } from '../exit-codes';
import type { CliIo } from '../io';
import { out, outputWidth, reportError } from '../io';
import type { FilterFlags } from '../options';
import { addFilterOptions, formatOption, serverOption } from '../options';
import type { Format, JobRow } from '../output';
import { csvRows, jobRow, localTime } from '../output';
import { renderTable } from '../table';
import type { Gathered } from '../gather';
import { listing } from './jobs-listing';

/** One line of `jobs summary`. */
export interface SummaryRow {
  server: string;
  service: string;
  /** GP, Map or Image: with `service`, the service. */
  serviceType: string;
  /** The machine name (esriJob*). */
  status: string;
  jobs: number;
  /** ISO 8601 submission time of the oldest job, and its id. */
  oldestSubmitted: string | null;
  oldestJobId: string;
}

const SUMMARY_COLUMNS = [
  'server',
  'service',
  'serviceType',
  'status',
  'jobs',
  'oldestSubmitted',
  'oldestJobId',
] as const;

/** Registers `show` and `summary` on the `jobs` command. */
export function registerJobViews(jobs: Command, io: CliIo, done: (code: ExitCode) => void): void {
  jobs
    .command('show')
    .description("show one job's fields and messages (looked for on every chosen server)")
    .argument('<id>', 'the job id')
    .addOption(serverOption())
    .addOption(formatOption(['table', 'json']))
    .action(async (id: string, flags: { server?: string[]; format: 'table' | 'json' }) =>
      done(await showJob(io, id, flags)),
    );

  addFilterOptions(
    jobs.command('summary').description('count the matching jobs by server, service and status'),
    true,
  )
    .addOption(formatOption())
    .action(async (flags: FilterFlags & { format: Format }) => done(await summarize(io, flags)));
}

/** A status's place in a job's life (New, Submitted, Waiting, Executing, …, Timed out), as the window lists them. */
const STATUS_RANK = new Map<string, number>(JOB_STATUSES.map((s, i) => [s, i]));
const statusRank = (status: string): number => STATUS_RANK.get(status) ?? JOB_STATUSES.length;

/**
 * Counts `rows` by server, service and status, each group with its oldest job; sorted by server, service
 * and type, then by status in the order of a job's life (not alphabetically, which put Cancelled first).
 */
export function summaryRows(rows: readonly JobRow[]): SummaryRow[] {
  const groups = new Map<string, SummaryRow>();
  for (const r of rows) {
    const key = JSON.stringify([r.server, r.service, r.serviceType, r.status]);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { ...pickGroup(r), jobs: 1, oldestSubmitted: r.submittedTime, oldestJobId: r.jobId });
      continue;
    }
    g.jobs++;
    if (r.submittedTime !== null && (g.oldestSubmitted === null || r.submittedTime < g.oldestSubmitted)) {
      g.oldestSubmitted = r.submittedTime;
      g.oldestJobId = r.jobId;
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.server.localeCompare(b.server) ||
      a.service.localeCompare(b.service) ||
      a.serviceType.localeCompare(b.serviceType) ||
      statusRank(a.status) - statusRank(b.status) ||
      a.status.localeCompare(b.status),
  );
}

function pickGroup(r: JobRow): Pick<SummaryRow, 'server' | 'service' | 'serviceType' | 'status'> {
  return { server: r.server, service: r.service, serviceType: r.serviceType, status: r.status };
}

async function summarize(io: CliIo, flags: FilterFlags & { format: Format }): Promise<ExitCode> {
  return withService(io, async (service) => {
    // No job cache: only bulk commands plan from it (as in `jobs list`).
    const { code, gathered } = await listing(service, io, flags, { cache: false });
    if (!gathered) return code;
    const rows = summaryRows(
      gathered.jobs.map((j) => jobRow(j, gathered.names.get(j.profileId) ?? j.profileId)),
    );
    if (flags.format === 'json') out(io, JSON.stringify(rows, null, 2));
    else if (flags.format === 'csv')
      io.stdout.write(
        csvRows(
          SUMMARY_COLUMNS,
          rows.map((r) => SUMMARY_COLUMNS.map((c) => r[c])),
        ),
      );
    else if (rows.length === 0) out(io, 'No jobs match.');
    else {
      const total = rows.reduce((n, r) => n + r.jobs, 0);
      const oldest = rows.reduce<SummaryRow | null>(
        (o, r) =>
          r.oldestSubmitted && (!o?.oldestSubmitted || r.oldestSubmitted < o.oldestSubmitted) ? r : o,
        null,
      );
      out(
        io,
        renderTable(
          [
            { header: 'SERVER', value: (r: SummaryRow) => r.server, min: 6 },
            { header: 'SERVICE', value: (r) => r.service, min: 10 },
            { header: 'TYPE', value: (r) => r.serviceType, shrink: false },
            { header: 'STATUS', value: (r) => statusLabel(r.status), shrink: false },
            { header: 'JOBS', value: (r) => String(r.jobs), align: 'right' },
            { header: 'OLDEST', value: (r) => localTime(r.oldestSubmitted), shrink: false },
            { header: 'OLDEST JOB', value: (r) => r.oldestJobId, dropOrder: 1 },
          ],
          rows,
          outputWidth(io),
        ) +
          `\n${total} job${total === 1 ? '' : 's'} in ${rows.length} group${rows.length === 1 ? '' : 's'}` +
          (oldest
            ? `; the oldest, ${oldest.oldestJobId}, was submitted ${localTime(oldest.oldestSubmitted)}.`
            : '.'),
      );
    }
    return code;
  });
}

/**
 * `jobs show`'s answer when no listed job has the id. It names only the servers searched in full: one that
 * could not be listed (reported above) may hold the job, so the exit code is then the listing's, not 2.
 */
function reportNotFound(io: CliIo, id: string, gathered: Gathered, code: ExitCode): ExitCode {
  const unsearched = new Set(
    [...gathered.failedServers, ...gathered.failedServices].map((f) => f.profile.id),
  );
  const searched = [...gathered.names].filter(([pid]) => !unsearched.has(pid)).map(([, name]) => name);
  const unsearchedNames = [...unsearched].map((pid) => gathered.names.get(pid) ?? pid);
  // The reasons differ (down, no saved password, …) and each is reported above with what to do.
  const notSearched =
    unsearchedNames.length > 0
      ? ` ${unsearchedNames.join(', ')} could not be searched in full (see above for why).`
      : '';
  const message =
    searched.length > 0
      ? `No job "${id}" on ${searched.join(', ')} (job ids are case-sensitive).${notSearched}`
      : `Job "${id}" was not found, but no server could be searched in full (see above for why).`;
  reportError(io, { kind: 'not-found', message });
  return unsearched.size > 0 ? code : worstExit(code, EXIT_USAGE);
}

async function showJob(
  io: CliIo,
  id: string,
  flags: { server?: string[]; format: 'table' | 'json' },
): Promise<ExitCode> {
  return withService(io, async (service) => {
    const { code, gathered } = await listing(
      service,
      io,
      { ...(flags.server ? { server: flags.server } : {}) },
      { cache: false }, // no job cache: only bulk commands plan from it
    );
    if (!gathered) return code;
    const found = gathered.jobs.filter((j) => j.jobId === id.trim());
    if (found.length === 0) return reportNotFound(io, id, gathered, code);
    const shown = await Promise.all(
      found.map(async (job) => {
        const detail = await service.jobDetail(job.profileId, job.service, job.jobId);
        return {
          ...jobRow(job, gathered.names.get(job.profileId) ?? job.profileId),
          messages: detail.ok && detail.value.detail ? detail.value.detail.messages : null,
          messagesError: detail.ok ? (detail.value.detailError?.message ?? null) : detail.error.message,
        };
      }),
    );
    if (flags.format === 'json') {
      out(io, JSON.stringify(shown.length === 1 ? shown[0] : shown, null, 2));
      return code;
    }
    for (const s of shown) {
      const lines = [
        `Job        ${s.jobId}`,
        `Server     ${s.server}`,
        `Service    ${s.service} (${s.serviceType})`,
        `Status     ${statusLabel(s.status)}`,
        `Submitted  ${localTime(s.submittedTime)}`,
        `Ended      ${localTime(s.endTime)}`,
        `User       ${s.username ?? ''}`,
        `Machine    ${s.machinename ?? ''}`,
        '',
        s.messages
          ? `Messages (${s.messages.length}):\n${s.messages.map((m) => `  ${m.type.replace(/^esriJobMessageType/, '')}: ${m.description}`).join('\n')}`
          : `Messages could not be read: ${s.messagesError ?? 'no reason given'}`,
      ];
      out(io, `${lines.map((l) => l.trimEnd()).join('\n')}\n`);
    }
    return code;
  });
}
