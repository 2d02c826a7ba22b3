/**
 * `jobs/query` with every filter and paging. Page 1 asks for a large page and trusts the count the server
 * returned as its page size; once `total` is known the remaining pages are fetched concurrently (the
 * client's limiter bounds it). Several statuses mean one query per status; statuses the query does not
 * document are filtered here instead of being sent. Every number the server sends (`total`, `nextStart`,
 * page sizes) is bounded before it drives a loop, and what could not be listed is said, never hidden.
 */
import type { Job, JobQuery, JobStatus, Result } from '../types';
import { JOB_STATUSES, err, ok } from '../types';
import type { AdminCaller } from './caller';
import { completeJobs } from './job-fill';
import type { Json } from './normalize';
import { normalizeJob, readQueryPage } from './normalize';
import type { ServiceRef } from './paths';
import { adminJobsUrl, parseServiceId, serviceId } from './paths';
import type { CallOptions } from './requester';

/** Page size asked for; the server may return fewer per page, and that count is used from then on. */
export const DEFAULT_PAGE_SIZE = 1000;

/** Never walk more pages than this for one query, whatever `total` or `nextStart` claim. */
export const MAX_PAGES = 2000;

/** Never hold more jobs than this for one service query (a server claiming 10^12 jobs). */
export const MAX_LISTED_JOBS = 500_000;

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

/** The jobs of one service query, and what the listing could not vouch for (shown to the user). */
export interface ServiceJobs {
  jobs: Job[];
  warnings: string[];
}

type Params = Record<string, string | number | undefined>;

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

/** A count for messages: 10^12 rather than thirteen digits. */
export function countText(n: number): string {
  return n >= 1e9 ? `10^${Math.floor(Math.log10(n))}` : String(n);
}

/** One read of every page of one status; `reported` is the largest `total` any page claimed. */
interface Walk {
  raw: Json[];
  reported: number | null;
  warnings: string[];
}

async function page(c: AdminCaller, url: string, params: Params, opts: CallOptions) {
  const r = await c.call(url, params, 'admin', opts);
  if (!r.ok) return r;
  const read = readQueryPage(r.value);
  if ('page' in read) return ok(read.page);
  const keys = read.unknownKeys.length ? read.unknownKeys.map((k) => `"${k}"`).join(', ') : 'none';
  return err({
    kind: 'not-arcgis' as const,
    message:
      `${url} answered without a job list: no "results" (object keyed by job id or array) and no "jobs" ` +
      `array; keys seen: ${keys}. Run "gpjobs servers diagnose" and attach its report to a bug report.`,
  });
}

/** Every page of one status, read once: concurrent once `total` is known, then `nextStart` to the end. */
async function walk(c: AdminCaller, url: string, id: string, base: Params, opts: QueryOptions) {
  const out: Walk = { raw: [], reported: null, warnings: [] };
  const asked = Math.min(DEFAULT_PAGE_SIZE, Math.max(1, Math.floor(opts.pageSize ?? DEFAULT_PAGE_SIZE)));
  const first = await page(c, url, { ...base, number: asked, start: 1 }, opts);
  if (!first.ok) return first;
  const pages: Json[][] = [first.value.jobs];
  const size = first.value.jobs.length;
  const total = first.value.total;
  const seenTotal = (t: number | null): void => {
    if (t !== null && t >= 0) out.reported = Math.max(out.reported ?? 0, t);
  };
  seenTotal(total);
  const maxPages = Math.max(1, Math.min(MAX_PAGES, Math.floor(MAX_LISTED_JOBS / Math.max(1, size))));
  const stopped = (): void => {
    const listed = pages.reduce((n, p) => n + p.length, 0);
    const claim = out.reported !== null ? `${countText(out.reported)} jobs` : 'more jobs';
    out.warnings.push(
      `${id}: the server reports ${claim}; listing stopped at ${listed} (${pages.length} pages). ` +
        'Narrow the filter (time window, status) to see the rest.',
    );
  };
  let next = first.value.nextStart;
  let lastStart = 1;
  if (size > 0 && total !== null && total > size) {
    // Page count computed (never a loop over `total`), then capped.
    const wanted = Math.ceil((total - size) / size);
    const count = Math.min(wanted, maxPages - 1);
    let failure: Result<never> | null = null;
    const nextStarts = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const start = 1 + size * (i + 1);
        const p = await page(c, url, { ...base, number: size, start }, opts);
        if (!p.ok) {
          failure ??= p;
          return null;
        }
        pages[i + 1] = p.value.jobs;
        seenTotal(p.value.total);
        return p.value.nextStart;
      }),
    );
    if (failure) return failure;
    if (count < wanted) {
      stopped();
      next = null;
    } else {
      next = nextStarts.at(-1) ?? null;
      lastStart = 1 + size * count;
    }
  } else if (total !== null) next = null;
  // No total, or jobs were added while paging: follow nextStart one page at a time, always forward.
  while (size > 0 && next !== null && next > lastStart) {
    if (pages.length >= maxPages) {
      stopped();
      break;
    }
    const p = await page(c, url, { ...base, number: size, start: next }, opts);
    if (!p.ok) return p;
    if (p.value.jobs.length === 0) break;
    pages.push(p.value.jobs);
    seenTotal(p.value.total);
    lastStart = next;
    next = p.value.nextStart;
  }
  out.raw = pages.flat();
  return ok(out);
}

function normalizeAll(c: AdminCaller, id: string, raw: readonly Json[], into: Map<string, Job>): void {
  for (const entry of raw) {
    const job = normalizeJob(entry, c.profileId, id);
    if (job && !into.has(job.jobId)) into.set(job.jobId, job);
  }
}

/**
 * The jobs of one status. When fewer unique jobs arrived than the server's `total` (the set changed
 * between concurrent pages), the pages are read once more and merged; if some are still missing the
 * listing says how many may be missing instead of hiding the gap.
 */
async function queryStatus(
  c: AdminCaller,
  ref: ServiceRef,
  base: Params,
  opts: QueryOptions,
): Promise<Result<ServiceJobs>> {
  const url = adminJobsUrl(c.roots.admin, ref, 'query');
  const id = serviceId(ref);
  const jobs = new Map<string, Job>();
  const warnings: string[] = [];
  let reported: number | null = null;
  for (let round = 0; round < 2; round++) {
    const w = await walk(c, url, id, base, opts);
    if (!w.ok) return w;
    normalizeAll(c, id, w.value.raw, jobs);
    reported = w.value.reported;
    if (w.value.warnings.length > 0) return ok({ jobs: [...jobs.values()], warnings: w.value.warnings });
    if (reported === null || jobs.size >= reported) break;
  }
  if (reported !== null && jobs.size < reported) {
    const missing = reported - jobs.size;
    warnings.push(`${id}: ${missing} jobs may be missing (the job list changed while it was read); refresh.`);
  }
  return ok({ jobs: [...jobs.values()], warnings });
}

/** All jobs of a service matching `query`, normalised, without duplicates, with what may be missing. */
export async function queryServiceJobs(
  c: AdminCaller,
  service: string,
  query: JobQuery,
  opts: QueryOptions = {},
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
  const results = await Promise.all(
    statuses.map((s) => queryStatus(c, ref.value, queryParams(query, s), opts)),
  );
  const seen = new Map<string, Job>();
  const warnings: string[] = [];
  for (const [i, r] of results.entries()) {
    if (!r.ok) return r;
    warnings.push(...r.value.warnings);
    const filled = statuses[i];
    for (const job of r.value.jobs) {
      if (seen.has(job.jobId)) continue;
      // The server matched this job to the filters it was sent: a field the page left out is that value.
      if (job.status === 'unknown' && filled) job.status = filled;
      if (job.username === null && query.username) job.username = query.username;
      if (job.machinename === null && query.machineName) job.machinename = query.machineName;
      seen.set(job.jobId, job);
    }
  }
  const filled = await completeJobs(c, [...seen.values()], opts);
  if (!filled.ok) return filled;
  warnings.push(...filled.value.warnings);
  const keep = wanted.length > 0 ? new Set<string>(wanted) : null;
  // A job whose status stays unknown never matches a status filter (completeJobs said how many).
  const jobs = filled.value.jobs.filter((j) => !keep || keep.has(j.status));
  return ok({ jobs, warnings });
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
