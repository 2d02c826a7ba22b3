/**
 * Whether a site applied a `jobs/query` status filter, checked where its answer cannot tell: entries
 * that carry no status of their own take the status asked for (page-batch.ts), so a site, or a gateway
 * in front of it that drops the parameter, that applies no filter would have every job listed (and
 * deleted) as that status. One such job is read on its own (`jobs/<id>`, as job-fill.ts reads jobs)
 * before the query hands any job on, and a status it cannot have reached since fails the listing.
 */
import type { AppError, JobStatus } from '../types';
import type { AdminCaller } from './caller';
import { getJob } from './jobs';
import type { JobBatch } from './page-batch';
import type { CallOptions } from './requester';

/** Jobs read one by one, at most, to check that a status query's filter was applied. */
export const FILTER_PROBES = 3;

/** Statuses of a job not yet ended, in the order a job goes through them. */
const UNDER_WAY = ['esriJobNew', 'esriJobSubmitted', 'esriJobWaiting', 'esriJobExecuting'];

/**
 * Whether a job listed as `asked` may since have become `read`: a job only moves forward (through
 * `UNDER_WAY`, then Cancelling or an end; Cancelling to Cancelled), and any job may be being deleted.
 */
export function mayHaveMoved(asked: string, read: string): boolean {
  if (read === 'unknown' || read === 'esriJobDeleting' || read === 'esriJobDeleted') return true;
  if (asked === 'esriJobCancelling') return read === 'esriJobCancelled';
  const from = UNDER_WAY.indexOf(asked);
  // An ended job stays as it ended; a job under way may be at a later step, or ended.
  return from >= 0 && (UNDER_WAY.indexOf(read) > from || !UNDER_WAY.includes(read));
}

/** A status query's check that the server applied its filter (see the module comment). */
export interface FilterCheck {
  /** The reads under way, once a page listed a job without its status: the error, or null. */
  verdict: Promise<AppError | null> | null;
  /** The query's jobs, held until the verdict. */
  held: JobBatch[] | null;
}

/** Reads `ids` one at a time: an error when one reads as a status its listing as `asked` cannot explain. */
export async function checkFilter(
  c: AdminCaller,
  service: string,
  asked: JobStatus,
  ids: readonly string[],
  opts: CallOptions,
): Promise<AppError | null> {
  for (const id of ids) {
    const r = await getJob(c, service, id, opts);
    if (!r.ok) continue;
    if (r.value.status === asked) return null;
    if (mayHaveMoved(asked, r.value.status)) continue;
    return {
      kind: 'server',
      message:
        `${service}: the server ignored the status filter (asked for ${asked}, job ${id} is ` +
        `${r.value.status}), so no job of this service was listed. A proxy in front of the server may ` +
        'drop the parameter; list this service without a status filter.',
    };
  }
  return null;
}

/**
 * The ids of the first `FILTER_PROBES` jobs of a page's `batch` whose entries carried no status of their
 * own: `filledRows` as `readPageBatch` gave them (the rows that took the status asked for), so the page is
 * not read a second time.
 */
export function statuslessIds(batch: JobBatch, filledRows: readonly number[]): string[] {
  return filledRows.slice(0, FILTER_PROBES).map((row) => batch.jobIds[row]!);
}
