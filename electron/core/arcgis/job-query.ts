/**
 * `jobs/query` with every filter and paging (reference §3.1, §3.7). Page 1 asks for a large page and trusts
 * the count the server returned as its page size; once `total` is known the remaining pages are fetched
 * concurrently (the client's limiter bounds it). Several statuses mean one query per status.
 */
import type { Job, JobQuery, JobStatus, Result } from '../types';
import { err, ok } from '../types';
import type { AdminCaller } from './caller';
import type { Json, QueryPage } from './normalize';
import { normalizeJob, parseQueryPage } from './normalize';
import type { ServiceRef } from './paths';
import { adminJobsUrl, parseServiceId, serviceId } from './paths';
import type { CallOptions } from './requester';

/** Page size asked for; the server may return fewer per page, and that count is used from then on. */
export const DEFAULT_PAGE_SIZE = 1000;

/** Refuse to walk more pages than this for one query (a server claiming a huge total). */
export const MAX_PAGES = 5000;

/** Options of a job query. */
export interface QueryOptions extends CallOptions {
  pageSize?: number;
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

/** The form parameters of one status's query (page fields added per page). */
export function queryParams(q: JobQuery, status: JobStatus | undefined): Params {
  return {
    startTime: q.startTime ?? 0,
    endTime: q.endTime,
    jobStatus: status,
    userName: q.username || undefined,
    machineName: q.machineName || undefined,
  };
}

function noJobList(url: string): Result<never> {
  return err({ kind: 'not-arcgis', message: `${url} answered without a job list (no "jobs" or "results").` });
}

async function page(
  c: AdminCaller,
  url: string,
  params: Params,
  opts: CallOptions,
): Promise<Result<QueryPage>> {
  const r = await c.call(url, params, 'admin', opts);
  if (!r.ok) return r;
  const parsed = parseQueryPage(r.value);
  return parsed ? ok(parsed) : noJobList(url);
}

/**
 * The jobs of one status, every page, normalised as each page arrives (so a page's raw JSON can be
 * collected at once instead of all pages being held until the last one is in: a lower memory peak).
 */
async function queryStatus(
  c: AdminCaller,
  ref: ServiceRef,
  base: Params,
  opts: QueryOptions,
): Promise<Result<Job[]>> {
  const url = adminJobsUrl(c.roots.admin, ref, 'query');
  const id = serviceId(ref);
  const normalize = (raw: readonly Json[]): Job[] => {
    const out: Job[] = [];
    for (const entry of raw) {
      const job = normalizeJob(entry, c.profileId, id);
      if (job) out.push(job);
    }
    return out;
  };
  // One slot per page, filled as pages arrive, joined in page order (the server's order).
  const pages: Job[][] = [];
  const joined = (): Job[] => pages.flat();
  const asked = Math.max(1, opts.pageSize ?? DEFAULT_PAGE_SIZE);
  const first = await page(c, url, { ...base, number: asked, start: 1 }, opts);
  if (!first.ok) return first;
  pages.push(normalize(first.value.jobs));
  const size = first.value.jobs.length;
  const total = first.value.total;
  let next = first.value.nextStart;
  if (size === 0) return ok(joined());
  if (total !== null && total > size) {
    const starts: number[] = [];
    for (let s = 1 + size; s <= total; s += size) starts.push(s);
    if (starts.length > MAX_PAGES) {
      return err({
        kind: 'invalid-input',
        message: `${total} jobs match; narrow the filter (time window, status).`,
      });
    }
    let failure: Result<never> | null = null;
    const nextStarts = await Promise.all(
      starts.map(async (start, i) => {
        const p = await page(c, url, { ...base, number: size, start }, opts);
        if (!p.ok) {
          failure ??= p;
          return null;
        }
        pages[i + 1] = normalize(p.value.jobs);
        return p.value.nextStart;
      }),
    );
    if (failure) return failure;
    next = nextStarts.at(-1) ?? null;
  } else if (total !== null) {
    return ok(joined());
  }
  // No total, or jobs were added while paging: follow nextStart one page at a time.
  for (let i = 0; next !== null && next > 0 && i < MAX_PAGES; i++) {
    const p = await page(c, url, { ...base, number: size, start: next }, opts);
    if (!p.ok) return p;
    if (p.value.jobs.length === 0) break;
    pages.push(normalize(p.value.jobs));
    next = p.value.nextStart;
  }
  return ok(joined());
}

/** All jobs of a service matching `query`, normalised and without duplicates. */
export async function queryJobs(
  c: AdminCaller,
  service: string,
  query: JobQuery,
  opts: QueryOptions = {},
): Promise<Result<Job[]>> {
  const ref = parseServiceId(service);
  if (!ref.ok) return ref;
  const valid = validateQuery(query);
  if (!valid.ok) return valid;
  const statuses: Array<JobStatus | undefined> = query.statuses?.length
    ? [...new Set(query.statuses)]
    : [undefined];
  const results = await Promise.all(
    statuses.map((s) => queryStatus(c, ref.value, queryParams(query, s), opts)),
  );
  for (const r of results) if (!r.ok) return r;
  const lists = results.map((r) => (r.ok ? r.value : []));
  // Pages of a live set can overlap (jobs added while paging): keep each job once.
  if (lists.length === 1 && !hasDuplicateIds(lists[0]!)) return ok(lists[0]!);
  const seen = new Map<string, Job>();
  for (const list of lists) for (const job of list) if (!seen.has(job.jobId)) seen.set(job.jobId, job);
  return ok([...seen.values()]);
}

function hasDuplicateIds(jobs: readonly Job[]): boolean {
  const ids = new Set<string>();
  for (const job of jobs) {
    if (ids.has(job.jobId)) return true;
    ids.add(job.jobId);
  }
  return false;
}
