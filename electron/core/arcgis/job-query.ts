/**
 * `jobs/query` with every filter, paging (see job-walk.ts) and jobs handed on page by page. Several
 * statuses mean one query per status; statuses the query does not document are filtered here instead of
 * being sent. Each page is read straight from the parsed body into columns (page-batch.ts), duplicates
 * dropped (a job moved between pages while they were read), and handed on at once; a job whose entry left
 * out its status or submitted time waits for its own read (job-fill.ts) and is handed on at the end. A
 * status query whose entries carry no status holds its jobs until one is read on its own (filter-check.ts).
 */
import type { AppError, Job, JobQuery, JobStatus, Result } from '../types';
import { JOB_STATUSES, err, ok } from '../types';
import type { AdminCaller } from './caller';
import { completeJobs } from './job-fill';
import type { FilterCheck } from './filter-check';
import { checkFilter, statuslessIds } from './filter-check';
import type { Params } from './job-walk';
import { walkPages } from './job-walk';
import type { QueryPageList } from './normalize';
import type { JobBatch } from './page-batch';
import { batchJob, batchJobs, jobsBatch, pickRows, readPageBatch } from './page-batch';
import type { ServiceRef } from './paths';
import { adminJobsUrl, parseServiceId, serviceId } from './paths';
import type { CallOptions } from './requester';

export { DEFAULT_PAGE_SIZE, MAX_LISTED_JOBS, MAX_PAGES, countText } from './job-walk';

/** Job statuses `jobs/query` does not document for `jobStatus`: filtered on the client instead. */
const UNQUERYABLE = new Set(['esriJobTimedOut', 'esriJobDeleting', 'esriJobDeleted']);

/**
 * The statuses `jobs/query` documents for `jobStatus` (Esri, "Query Jobs", ArcGIS Server Administrator
 * API): every job status but TimedOut, Deleting and Deleted.
 */
export const QUERYABLE_STATUSES: ReadonlySet<string> = new Set(
  JOB_STATUSES.filter((s) => !UNQUERYABLE.has(s)),
);

/** Options of a job query. */
export interface QueryOptions extends CallOptions {
  pageSize?: number;
}

/** Receives a service's jobs a page at a time, in columns, as each page is read. */
export type JobSink = (batch: JobBatch) => void;

/** The jobs of one service query, and what the listing could not vouch for (shown to the user). */
export interface ServiceJobs {
  /** Empty when the jobs went to a `JobSink` instead. */
  jobs: Job[];
  warnings: string[];
}

/** Checks a job query's fields (types, sizes) before it reaches the server. */
export function validateQuery(q: JobQuery): Result<JobQuery> {
  const bad = (m: string): Result<never> => err({ kind: 'invalid-input', message: m });
  for (const k of ['startTime', 'endTime'] as const) {
    const v = q[k];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) return bad(`${k} must be epoch milliseconds.`);
  }
  for (const k of ['username', 'machineName'] as const) {
    const v = q[k];
    if (v !== undefined && (typeof v !== 'string' || v.length > 256)) return bad(`${k} is too long.`);
  }
  return ok(q);
}

/**
 * The form parameters of one status's query (page fields added per page); never an undocumented status.
 * The status goes under both names Esri uses (API notes §3.1: `jobStatus` documented, `status` sent by
 * Esri's Python client): a site filtering by the other would list every job as the status asked for.
 */
export function queryParams(q: JobQuery, status: JobStatus | undefined): Params {
  const jobStatus = status && QUERYABLE_STATUSES.has(status) ? status : undefined;
  return {
    startTime: q.startTime ?? 0,
    endTime: q.endTime,
    jobStatus,
    status: jobStatus,
    userName: q.username || undefined,
    machineName: q.machineName || undefined,
  };
}

/** What one service's listing has taken in so far, shared by its status queries. */
interface Intake {
  profileId: string;
  service: string;
  /** The ids each status query read (its unique count is checked against the server's `total`). */
  seen: Array<Set<string>>;
  /** The statuses asked for, when the listing is filtered by status. */
  keep: ReadonlySet<string> | null;
  username: string | null;
  machinename: string | null;
  /** Jobs waiting for their own read (a field the app needs was left out of their entry). */
  incomplete: Job[];
  /** Where jobs go: the caller's sink, or `out`. */
  sink: JobSink | null;
  out: Job[];
}

/** Hands a batch on (when it holds any job): to the sink, or as job objects into `out`. */
function handOn(intake: Intake, batch: JobBatch): void {
  if (batch.jobIds.length === 0) return;
  if (intake.sink) intake.sink(batch);
  else for (const job of batchJobs(intake.profileId, batch)) intake.out.push(job);
}

/**
 * The rows of a page's batch to hand on: those new to status query `k` (and to the others), complete,
 * and of a status asked for. Incomplete new rows are set aside as jobs to read one by one (see
 * job-fill.ts); the batch itself is handed on as it is when every row passes (the usual page).
 */
function admit(intake: Intake, k: number, b: JobBatch): JobBatch {
  const mine = intake.seen[k]!;
  const others = intake.seen.length > 1 ? intake.seen.filter((s) => s !== mine) : [];
  const { strings, jobIds, fields, times } = b;
  // Each distinct string has one index, so a status is 'unknown' exactly when its index is this one.
  const unknown = strings.indexOf('unknown');
  const keep = intake.keep;
  // The rows kept, listed only from the first row that is not (until then, every row so far).
  let kept: number[] | null = null;
  for (let i = 0; i < jobIds.length; i++) {
    const id = jobIds[i]!;
    const before = mine.size;
    let pass = mine.add(id).size !== before && !(others.length > 0 && others.some((s) => s.has(id)));
    // No submitted time: NO_VALUE (job-columns.ts), or any negative time, likewise none to use.
    if (pass && (fields[4 * i + 1] === unknown || times[2 * i]! < 0)) {
      intake.incomplete.push(batchJob(intake.profileId, b, i));
      pass = false;
    } else if (pass && keep) pass = keep.has(strings[fields[4 * i + 1]!]!);
    if (kept) {
      if (pass) kept.push(i);
    } else if (!pass) kept = Array.from({ length: i }, (_, r) => r);
  }
  return kept ? pickRows(b, kept) : b;
}

/**
 * Reads one page of status query `k` (which asked for status `filled`, if any) and hands its new jobs
 * on, or holds them while `check` is under way; returns how many entries the page listed.
 */
function takePage(
  intake: Intake,
  k: number,
  filled: JobStatus | undefined,
  page: QueryPageList,
  check: FilterCheck | null,
  start: (ids: string[]) => Promise<AppError | null>,
): number {
  const fill = { status: filled, username: intake.username, machinename: intake.machinename };
  const { batch, entries, filledRows } = readPageBatch(page.list, intake.service, fill);
  if (check && filledRows.length > 0 && !check.verdict) {
    check.held = [];
    check.verdict = start(statuslessIds(batch, filledRows));
  }
  const admitted = admit(intake, k, batch);
  if (check?.held) check.held.push(admitted);
  else handOn(intake, admitted);
  return entries;
}

/**
 * The jobs of status query `k`, handed on once its filter is known to be applied (see `FilterCheck`):
 * when a job the query listed without a status reads as one the query cannot explain, an error instead.
 */
async function queryStatus(
  c: AdminCaller,
  ref: ServiceRef,
  query: JobQuery,
  status: JobStatus | undefined,
  intake: Intake,
  k: number,
  opts: QueryOptions,
): Promise<Result<string[]>> {
  const check: FilterCheck | null = status ? { verdict: null, held: null } : null;
  const start = async (ids: string[]): Promise<AppError | null> => {
    const bad = await checkFilter(c, intake.service, status!, ids, opts);
    if (!bad) {
      const held = check!.held ?? [];
      check!.held = null;
      for (const batch of held) handOn(intake, batch);
    }
    return bad;
  };
  const url = adminJobsUrl(c.roots.admin, ref, 'query');
  const take = (p: QueryPageList): number => takePage(intake, k, status, p, check, start);
  const r = await walkStatus(c, url, queryParams(query, status), intake.seen[k]!, intake.service, opts, take);
  // A walk that failed hands on nothing it still held.
  if (!r.ok && check?.held) check.held = [];
  const bad = check?.verdict ? await check.verdict : null;
  return bad ? err(bad) : r;
}

/**
 * Walks the pages of a status query (`url`, `base`) into `take`, which adds their ids to `mine`. When
 * fewer unique jobs arrived than the server's `total` (the set changed between concurrent pages), the
 * pages are read once more and the new ones handed on; if some are still missing the listing says how
 * many may be missing instead of hiding the gap.
 */
async function walkStatus(
  c: AdminCaller,
  url: string,
  base: Params,
  mine: ReadonlySet<string>,
  service: string,
  opts: QueryOptions,
  take: (page: QueryPageList) => number,
): Promise<Result<string[]>> {
  let reported: number | null = null;
  for (let round = 0; round < 2; round++) {
    const w = await walkPages(c, url, service, base, opts, take);
    if (!w.ok) return w;
    reported = w.value.reported;
    if (w.value.warnings.length > 0) return ok(w.value.warnings);
    if (reported === null || mine.size >= reported) break;
  }
  if (reported === null || mine.size >= reported) return ok([]);
  const missing = reported - mine.size;
  return ok([
    `${service}: ${missing} jobs may be missing (the job list changed while it was read); refresh.`,
  ]);
}

/**
 * All jobs of a service matching `query`, normalised, without duplicates, with what may be missing. With
 * `onJobs`, each page's jobs go to it as the page is read (and the result's `jobs` is empty); jobs handed
 * on before a failure stay handed on.
 */
export async function queryServiceJobs(
  c: AdminCaller,
  service: string,
  query: JobQuery,
  opts: QueryOptions = {},
  onJobs?: JobSink,
): Promise<Result<ServiceJobs>> {
  const ref = parseServiceId(service);
  if (!ref.ok) return ref;
  const valid = validateQuery(query);
  if (!valid.ok) return valid;
  const wanted = query.statuses?.length ? [...new Set(query.statuses)] : [];
  const sent = wanted.filter((s) => QUERYABLE_STATUSES.has(s));
  // Any status the query does not document means one unfiltered query, filtered here.
  const statuses: Array<JobStatus | undefined> =
    wanted.length === 0 || sent.length < wanted.length ? [undefined] : sent;
  const intake: Intake = {
    profileId: c.profileId,
    service: serviceId(ref.value),
    seen: statuses.map(() => new Set<string>()),
    keep: wanted.length > 0 ? new Set<string>(wanted) : null,
    username: query.username || null,
    machinename: query.machineName || null,
    incomplete: [],
    sink: onJobs ?? null,
    out: [],
  };
  const results = await Promise.all(
    statuses.map((s, k) => queryStatus(c, ref.value, query, s, intake, k, opts)),
  );
  const warnings: string[] = [];
  for (const r of results) {
    if (!r.ok) return r;
    warnings.push(...r.value);
  }
  const filled = await completeJobs(c, intake.service, intake.incomplete, opts);
  warnings.push(...filled.warnings);
  const keep = intake.keep;
  const done = keep ? filled.jobs.filter((j) => keep.has(j.status)) : filled.jobs;
  // Jobs completed one by one are already job objects: only a sink needs them as a batch.
  if (intake.sink) handOn(intake, jobsBatch(done));
  else for (const job of done) intake.out.push(job);
  return ok({ jobs: intake.out, warnings });
}

/** All jobs of a service matching `query` (see `queryServiceJobs`, which also says what may be missing). */
export async function queryJobs(
  c: AdminCaller,
  service: string,
  query: JobQuery,
  opts: QueryOptions = {},
): Promise<Result<Job[]>> {
  const r = await queryServiceJobs(c, service, query, opts);
  return r.ok ? ok(r.value.jobs) : r;
}
