/**
 * `jobs/query` with every filter, paging (see job-walk.ts) and jobs handed on page by page. Several
 * statuses mean one query per status; statuses the query does not document are filtered here instead of
 * being sent. Each page is normalised straight from the parsed body into jobs, duplicates dropped (a job
 * moved between pages while they were read), and handed on at once; a job whose entry left out its status
 * or submitted time waits for its own read (job-fill.ts) and is handed on at the end.
 */
import type { Job, JobQuery, JobStatus, Result } from '../types';
import { JOB_STATUSES, err, ok } from '../types';
import type { AdminCaller } from './caller';
import { completeJobs, needsFill } from './job-fill';
import type { Params } from './job-walk';
import { walkPages } from './job-walk';
import type { QueryPageList } from './normalize';
import { normalizeJob, visitPageJobs } from './normalize';
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

/** Receives a service's jobs a page at a time, as each page is read and normalised. */
export type JobSink = (jobs: Job[]) => void;

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

/** The form parameters of one status's query (page fields added per page); never an undocumented status. */
export function queryParams(q: JobQuery, status: JobStatus | undefined): Params {
  return {
    startTime: q.startTime ?? 0,
    endTime: q.endTime,
    jobStatus: status && QUERYABLE_STATUSES.has(status) ? status : undefined,
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
  /** One copy of each user and machine name: a parsed page holds its own copy per job. */
  names: Map<string, string>;
  /** Jobs waiting for their own read (a field the app needs was left out of their entry). */
  incomplete: Job[];
  /** Where jobs go: the caller's sink, or `out`. */
  sink: JobSink | null;
  out: Job[];
}

/** Hands on the jobs that pass the status filter (a job whose status stays unknown never does). */
function handOn(intake: Intake, jobs: Job[]): void {
  const kept = intake.keep ? jobs.filter((j) => intake.keep!.has(j.status)) : jobs;
  if (kept.length === 0) return;
  if (intake.sink) intake.sink(kept);
  else for (const job of kept) intake.out.push(job);
}

/**
 * One copy of each name through `names`, with the last name kept aside: a page's jobs mostly repeat their
 * neighbour's, and comparing with it is cheaper than hashing each parsed copy for the map.
 */
function sharer(names: Map<string, string>): (name: string | null) => string | null {
  let lastName = '';
  let lastKept = '';
  return (name) => {
    if (name === null) return null;
    if (name === lastName) return lastKept;
    let kept = names.get(name);
    if (kept === undefined) names.set(name, (kept = name));
    lastName = name;
    lastKept = kept;
    return kept;
  };
}

/**
 * Normalises one page of status query `k` (which asked for status `filled`, if any) and hands its new
 * jobs on; returns how many entries the page listed.
 */
function takePage(intake: Intake, k: number, filled: JobStatus | undefined, page: QueryPageList): number {
  const mine = intake.seen[k]!;
  const others = intake.seen.length > 1 ? intake.seen.filter((s) => s !== mine) : [];
  const { profileId, service, username, machinename, names } = intake;
  const user = sharer(names);
  const machine = sharer(names);
  const batch: Job[] = [];
  let entries = 0;
  visitPageJobs(page.list, (raw, key) => {
    entries++;
    const job = normalizeJob(raw, profileId, service, key);
    if (!job) return;
    const before = mine.size;
    if (mine.add(job.jobId).size === before) return;
    if (others.length > 0 && others.some((s) => s.has(job.jobId))) return;
    // The server matched this job to the filters it was sent: a field the page left out is that value.
    if (job.status === 'unknown' && filled) job.status = filled;
    job.username = user(job.username) ?? username;
    job.machinename = machine(job.machinename) ?? machinename;
    if (needsFill(job)) intake.incomplete.push(job);
    else batch.push(job);
  });
  handOn(intake, batch);
  return entries;
}

/**
 * The jobs of status query `k`. When fewer unique jobs arrived than the server's `total` (the set changed
 * between concurrent pages), the pages are read once more and the new ones handed on; if some are still
 * missing the listing says how many may be missing instead of hiding the gap.
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
  const url = adminJobsUrl(c.roots.admin, ref, 'query');
  const base = queryParams(query, status);
  const mine = intake.seen[k]!;
  let reported: number | null = null;
  for (let round = 0; round < 2; round++) {
    const w = await walkPages(c, url, intake.service, base, opts, (p) => takePage(intake, k, status, p));
    if (!w.ok) return w;
    reported = w.value.reported;
    if (w.value.warnings.length > 0) return ok(w.value.warnings);
    if (reported === null || mine.size >= reported) break;
  }
  if (reported === null || mine.size >= reported) return ok([]);
  const missing = reported - mine.size;
  return ok([
    `${intake.service}: ${missing} jobs may be missing (the job list changed while it was read); refresh.`,
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
    names: new Map(),
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
  handOn(intake, filled.jobs);
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
