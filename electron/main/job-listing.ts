/**
 * `jobs.list` in its two forms: the whole list in one answer, or streamed as `jobs.page` events to the
 * caller with an answer that only counts them. Neither hands on the core's jobs' REST urls.
 */
import { ok, type JobAdminService, type JobBatch, type Result } from '../core';
import { fromColumns, type JobColumns } from '../shared/job-columns';
import type { PayloadOf } from '../shared/schemas';
import type { ListedJob, ServerJobsView } from '../shared/views';

type ListQuery = NonNullable<PayloadOf<'jobs.list'>['query']>;

/**
 * A server's listing with each non-empty batch the core hands on passed to `each` (whatever its size) and
 * not kept: the answer carries no jobs, only how many went out in how many batches. Both forms below are
 * this, so the whole list and the stream always hold the same jobs.
 */
async function listBatches(
  service: JobAdminService,
  profileId: string,
  query: ListQuery,
  each: (batch: number, columns: JobBatch) => void,
): Promise<Result<ServerJobsView>> {
  let batches = 0;
  let count = 0;
  const onBatch = (columns: JobBatch): void => {
    if (columns.jobIds.length === 0) return;
    count += columns.jobIds.length;
    each(batches++, columns);
  };
  const listed = await service.listJobs(profileId, query, { onBatch });
  if (!listed.ok) return listed;
  const { failures, warnings, services } = listed.value;
  return ok({ profileId, services, jobs: [], streamed: { jobs: count, batches }, failures, warnings });
}

/**
 * A server's whole list in one answer (the CLI-like callers: tests, the memory child, a caller that cannot
 * receive events): the streamed listing's batches gathered here as views, without the columns the window's
 * transport needs. Each page's jobs become views as soon as it is listed, so the main process never holds a
 * server's job objects (with their REST urls) and their views at once.
 */
export async function listWhole(
  service: JobAdminService,
  profileId: string,
  query: ListQuery,
): Promise<Result<ServerJobsView>> {
  const chunks: ListedJob[][] = [];
  const listed = await listBatches(service, profileId, query, (_batch, columns) =>
    chunks.push(fromColumns(profileId, columns)),
  );
  if (!listed.ok) return listed;
  const { streamed: _streamed, ...answer } = listed.value;
  // In service order (as discovery sorts them), whichever service finished first; a service's pages keep
  // their arrival order (the sort is stable).
  chunks.sort((a, b) => a[0]!.service.localeCompare(b[0]!.service));
  return ok({ ...answer, jobs: chunks.flat() });
}

/**
 * A server's list streamed: every batch the core hands on (whatever its size) goes out at once through
 * `send` in columns (job-columns.ts: what the transport to the window serializes fastest), numbered from 0,
 * and is not kept; the answer carries no jobs, only how many were sent in how many batches, so a million
 * jobs cross to the renderer once and it can tell when it has them all.
 */
export async function listStreamed(
  service: JobAdminService,
  profileId: string,
  query: ListQuery,
  send: (batch: number, columns: JobColumns) => void,
): Promise<Result<ServerJobsView>> {
  // The core's batch is already in columns; only its REST urls stay behind.
  return listBatches(service, profileId, query, (batch, { strings, jobIds, fields, times }) =>
    send(batch, { strings, jobIds, fields, times }),
  );
}
