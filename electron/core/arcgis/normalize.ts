/**
 * Normalises what servers send into the core's shapes: `results` keyed by job id or arrays `jobs`/`results`,
 * `jobId`/`jobID`/`job_id`, `status`/`jobStatus`, `machineName`/`machinename`, times in ms or seconds
 * (Enterprise on Kubernetes), numbers as strings. See ./README.md ("Answer shapes") for the sources. The REST
 * job page and `jobs/statistics` are read in job-detail.ts.
 */
import type { Job, JobStatus } from '../types';
import { JOB_STATUSES } from '../types';

/** A parsed JSON object. */
export type Json = Record<string, unknown>;

/** One page of `jobs/query`, with its raw job entries. */
export interface QueryPage {
  jobs: Json[];
  total: number | null;
  num: number | null;
  start: number | null;
  nextStart: number | null;
}

/** Epoch values below this are seconds, not milliseconds (1e11 ms is March 1973; 1e11 s is year 5138). */
const SECONDS_BELOW = 1e11;

/** Whether a value is a plain JSON object. */
export function isJsonObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finite number from a number or numeric string, else null. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** Epoch ms from ms, seconds, numeric strings or ISO dates; null for absent, zero or negative values. */
export function normalizeTime(v: unknown): number | null {
  const n = toNumber(v);
  if (n !== null) {
    if (n <= 0) return null;
    return n < SECONDS_BELOW ? Math.round(n * 1000) : Math.round(n);
  }
  if (typeof v === 'string' && v.trim() !== '') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

/** Every spelling of a known status seen so far: `esriJobSucceeded`, `Succeeded`, `succeeded`. */
const STATUS_OF = new Map<string, JobStatus>();
for (const s of JOB_STATUSES) {
  const bare = s.slice('esriJob'.length);
  for (const spelling of [s, bare, bare.charAt(0).toLowerCase() + bare.slice(1)]) STATUS_OF.set(spelling, s);
}

/** `esriJobSucceeded` stays; Kubernetes' `Succeeded` becomes `esriJobSucceeded`; unknown values stay verbatim. */
export function normalizeStatus(v: unknown): JobStatus | string {
  if (typeof v !== 'string' || v === '') return 'unknown';
  const known = STATUS_OF.get(v);
  if (known) return known;
  const statuses: readonly string[] = JOB_STATUSES;
  const prefixed = `esriJob${v.charAt(0).toUpperCase()}${v.slice(1)}`;
  return statuses.includes(prefixed) ? prefixed : v;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** The job id of a raw entry, whichever key the server used. */
export function rawJobId(raw: Json): string | null {
  return str(raw.jobId ?? raw.jobID ?? raw.job_id ?? raw.id);
}

/**
 * The fields of a raw job entry, whichever key and form the server used: the one reader behind both a job
 * object (`normalizeJob`) and a page read straight into columns (page-batch.ts).
 */
export const rawField = {
  /** The status as the entry spelt it (see `normalizeStatus`), under whichever key the server used. */
  spelling: (raw: Json): unknown => raw.status ?? raw.jobStatus,
  status: (raw: Json): JobStatus | string => normalizeStatus(rawField.spelling(raw)),
  submittedTime: (raw: Json): number | null =>
    normalizeTime(raw.submittedTime ?? raw.job_created ?? raw.submitted),
  endTime: (raw: Json): number | null => normalizeTime(raw.endTime ?? raw.job_execution_end ?? raw.end),
  username: (raw: Json): string | null => str(raw.username ?? raw.userName),
  machinename: (raw: Json): string | null => str(raw.machinename ?? raw.machineName),
  url: (raw: Json): string | null => str(raw.url),
};

/**
 * Writes an entry's submitted and end times, as `rawField` reads them, at `out[at]` and `out[at + 1]`
 * (`none` for null). The usual value, epoch milliseconds as a JSON number under `submittedTime` or
 * `endTime` (ArcGIS Server's), is read and written here without a call: a time returned from a call V8
 * does not inline is boxed in a heap number first, two per job on the listing's path (page-batch.ts).
 */
export function writeTimes(raw: Json, out: Float64Array | number[], at: number, none: number): void {
  const s = raw.submittedTime;
  out[at] =
    typeof s === 'number' && s >= SECONDS_BELOW && s <= Number.MAX_VALUE
      ? Math.round(s)
      : (rawField.submittedTime(raw) ?? none);
  const e = raw.endTime;
  out[at + 1] =
    typeof e === 'number' && e >= SECONDS_BELOW && e <= Number.MAX_VALUE
      ? Math.round(e)
      : (rawField.endTime(raw) ?? none);
}

/**
 * Normalises one raw job entry; null when it carries no job id. `listedAs` is the key a keyed page listed
 * it under, its id when the entry does not name one itself.
 */
export function normalizeJob(raw: Json, profileId: string, service: string, listedAs?: string): Job | null {
  const jobId = entryJobId(raw, listedAs);
  if (!jobId) return null;
  return {
    profileId,
    service,
    jobId,
    status: rawField.status(raw),
    submittedTime: rawField.submittedTime(raw),
    endTime: rawField.endTime(raw),
    username: rawField.username(raw),
    machinename: rawField.machinename(raw),
    url: rawField.url(raw),
  };
}

/** How the jobs of a `jobs/query` page were laid out (kept for diagnostics and tests). */
export type QueryPageShape = 'keyed-results' | 'results-array' | 'jobs-array';

/** A page's paging fields and its job list as it came: keyed by job id, or an array. */
export interface QueryPageList {
  list: { keyed: Json; items?: undefined } | { keyed?: undefined; items: unknown[] };
  shape: QueryPageShape;
  total: number | null;
  num: number | null;
  start: number | null;
  nextStart: number | null;
}

/** A page that could be read, or the keys the body had when it could not. */
export type QueryPageRead = { page: QueryPage; shape: QueryPageShape } | { unknownKeys: string[] };

const NO_FIELDS: Json = Object.freeze({});

/**
 * Reads a `jobs/query` page in every shape the documentation and Esri's clients allow: `results` as an
 * object keyed by job id (what ArcGIS Server answers and Esri's Python client reads), or an array under
 * `jobs` or `results` (Enterprise on Kubernetes, older answers). The entries are left as they came (see
 * `visitPageJobs`); unknown layouts give the keys seen.
 */
export function readQueryList(body: Json): QueryPageList | { unknownKeys: string[] } {
  let list: QueryPageList['list'];
  let shape: QueryPageShape;
  if (isJsonObject(body.results)) [list, shape] = [{ keyed: body.results }, 'keyed-results'];
  else if (Array.isArray(body.results)) [list, shape] = [{ items: body.results }, 'results-array'];
  else if (Array.isArray(body.jobs)) [list, shape] = [{ items: body.jobs }, 'jobs-array'];
  else if (isJsonObject(body.jobs)) [list, shape] = [{ keyed: body.jobs }, 'keyed-results'];
  else return { unknownKeys: Object.keys(body).slice(0, 20) };
  return {
    list,
    shape,
    total: toNumber(body.total),
    num: toNumber(body.num),
    start: toNumber(body.start),
    nextStart: toNumber(body.nextStart),
  };
}

/**
 * Entry `e` of a page's list (`keys`: `Object.keys` of a keyed list, else null): the raw job, or null to
 * skip it. A value that is not an object counts as empty in a keyed list and is skipped in an array.
 * Callers walk `keys` by index: a page of a thousand keys is a dictionary, which for…in walks slower.
 */
export function pageEntry(list: QueryPageList['list'], keys: string[] | null, e: number): Json | null {
  const value: unknown = keys ? list.keyed![keys[e]!] : list.items![e];
  return isJsonObject(value) ? value : keys ? NO_FIELDS : null;
}

/** A listed entry's job id: its own, else the key a keyed page listed it under; null when neither. */
export function entryJobId(raw: Json, key: string | undefined): string | null {
  return rawJobId(raw) ?? (key || null);
}

/**
 * Calls `visit` with each job entry of a page's list (see `pageEntry`) and, in a keyed list, its key (the
 * job id; the value may repeat it as jobId/jobID, hold some fields, or be empty). Used by
 * `readQueryPage` (diagnostics); the listing walks pages in page-batch.ts's `readPageBatch`, by the same
 * `pageEntry`/`entryJobId` rule.
 */
export function visitPageJobs(
  list: QueryPageList['list'],
  visit: (raw: Json, key: string | undefined) => void,
): void {
  const keys = list.keyed ? Object.keys(list.keyed) : null;
  const entries = keys ? keys.length : list.items!.length;
  for (let e = 0; e < entries; e++) {
    const raw = pageEntry(list, keys, e);
    if (raw !== null) visit(raw, keys ? keys[e] : undefined);
  }
}

/** Reads a `jobs/query` page with its raw job entries, each carrying its id (see `readQueryList`). */
export function readQueryPage(body: Json): QueryPageRead {
  const read = readQueryList(body);
  if (!('list' in read)) return read;
  const jobs: Json[] = [];
  visitPageJobs(read.list, (raw, key) =>
    jobs.push(key === undefined || rawJobId(raw) ? raw : { ...raw, jobId: key }),
  );
  const { list: _list, shape, ...paging } = read;
  return { page: { jobs, ...paging }, shape };
}

/** Reads a `jobs/query` page; null when the body has no job list in any known shape. */
export function parseQueryPage(body: Json): QueryPage | null {
  const read = readQueryPage(body);
  return 'page' in read ? read.page : null;
}
