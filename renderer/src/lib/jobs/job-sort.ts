/**
 * Sorting the job table by any column, fast at 100,000 rows.
 * Each column is reduced once to one number per row (a Float64Array, NaN for a missing value), strings by
 * their rank among the column's distinct values, so the sort itself compares numbers only. The sort is
 * stable (ties keep their input order) and missing values go last in both directions.
 */
import { jobDuration } from './job-format';
import { ordinalRanks, sortedOrder } from './sort-order';
import { STATUS_ORDER, jobKey, type Job, type JobKey, type JobOutcome, type RowResult } from './job-types';

/** The columns the table sorts by. */
export type SortColumn =
  | 'server'
  | 'service'
  | 'jobId'
  | 'status'
  | 'submitted'
  | 'age'
  | 'ended'
  | 'duration'
  | 'user'
  | 'machine'
  | 'result';

/** Every sortable column, in table order. */
export const SORT_COLUMNS: readonly SortColumn[] = [
  'server',
  'service',
  'jobId',
  'status',
  'result',
  'submitted',
  'age',
  'ended',
  'duration',
  'user',
  'machine',
];

/** Sort direction. */
export type SortDirection = 'asc' | 'desc';

/** The table's sort: one column and a direction. */
export interface SortState {
  column: SortColumn;
  direction: SortDirection;
}

/** What sorting needs beyond the jobs: server names, last results, and the clock for running durations. */
export interface SortContext {
  profileNames: ReadonlyMap<string, string>;
  results: ReadonlyMap<JobKey, RowResult>;
  now: number;
}

/** Newest first: what an administrator looks at first. */
export const DEFAULT_SORT: SortState = { column: 'submitted', direction: 'desc' };

/** Outcomes in the order that needs attention first. */
const OUTCOME_ORDER: readonly JobOutcome[] = ['failed', 'skipped', 'already-gone', 'cancelled', 'deleted'];

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The next sort after a header click: the same column flips direction, a new column starts ascending. */
export function nextSort(current: SortState, column: SortColumn): SortState {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}

/** A new array of the jobs in the given order (the input is not changed). */
export function sortJobs(jobs: readonly Job[], sort: SortState, ctx: SortContext): Job[] {
  const order = sortedOrder(cachedKeys(jobs, sort.column, ctx), sort.direction === 'asc' ? 1 : -1);
  const n = jobs.length;
  const out = new Array<Job>(n);
  for (let i = 0; i < n; i++) out[i] = jobs[order[i]!]!;
  return out;
}

/** Columns whose keys depend on the jobs alone, so flipping the direction reuses them. */
const CONTEXT_FREE = new Set<SortColumn>([
  'service',
  'jobId',
  'status',
  'submitted',
  'age',
  'ended',
  'user',
  'machine',
]);

/** Keys per jobs array; job lists are replaced, never mutated, so the array identity is the version. */
const keyCache = new WeakMap<readonly Job[], Map<SortColumn, Float64Array>>();

function cachedKeys(jobs: readonly Job[], column: SortColumn, ctx: SortContext): Float64Array {
  if (!CONTEXT_FREE.has(column)) return sortKeys(jobs, column, ctx);
  let byColumn = keyCache.get(jobs);
  if (!byColumn) keyCache.set(jobs, (byColumn = new Map()));
  let keys = byColumn.get(column);
  if (!keys) byColumn.set(column, (keys = sortKeys(jobs, column, ctx)));
  return keys;
}

/** One number per job for a column; NaN where the value is missing. */
export function sortKeys(jobs: readonly Job[], column: SortColumn, ctx: SortContext): Float64Array {
  switch (column) {
    case 'server':
      return rankStrings(jobs, (j) => ctx.profileNames.get(j.profileId) ?? j.profileId);
    case 'service':
      return rankStrings(jobs, (j) => j.service);
    case 'jobId':
      // ArcGIS job ids are fixed-length lowercase hex, so code-unit order is their natural order; at a
      // million distinct ids a locale collator (or a plain string sort) would cost seconds.
      return ordinalRanks(jobs.map((j) => j.jobId));
    case 'user':
      return rankStrings(jobs, (j) => j.username);
    case 'machine':
      return rankStrings(jobs, (j) => j.machinename);
    case 'status':
      return statusKeys(jobs);
    case 'submitted':
      return numberKeys(jobs, (j) => j.submittedTime);
    case 'age':
      // Youngest first when ascending: the reverse of the submitted time.
      return numberKeys(jobs, (j) => (j.submittedTime === null ? null : -j.submittedTime));
    case 'ended':
      return numberKeys(jobs, (j) => j.endTime);
    case 'duration':
      return numberKeys(jobs, (j) => jobDuration(j, ctx.now));
    case 'result':
      return numberKeys(jobs, (j) => {
        const r = ctx.results.get(jobKey(j));
        return r ? OUTCOME_ORDER.indexOf(r.outcome) : null;
      });
  }
}

function numberKeys(jobs: readonly Job[], value: (j: Job) => number | null): Float64Array {
  const keys = new Float64Array(jobs.length);
  for (let i = 0; i < jobs.length; i++) {
    const v = value(jobs[i]!);
    keys[i] = v === null || !Number.isFinite(v) ? NaN : v;
  }
  return keys;
}

/**
 * Ranks strings among the column's distinct values by the locale collator (case-insensitive, numbers in
 * natural order, accents); '' counts as missing. Job ids, nearly all distinct, take `ordinalRanks`.
 */
function rankStrings(jobs: readonly Job[], value: (j: Job) => string | null): Float64Array {
  const distinct = new Map<string, number>();
  for (const j of jobs) {
    const v = value(j);
    if (v) distinct.set(v, 0);
  }
  const sorted = [...distinct.keys()].sort(collator.compare);
  // Values the collator calls equal ('abc', 'ABC') share a rank so the input order decides between them.
  let rank = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && collator.compare(sorted[i - 1]!, sorted[i]!) !== 0) rank = i;
    distinct.set(sorted[i]!, rank);
  }
  const keys = new Float64Array(jobs.length);
  for (let i = 0; i < jobs.length; i++) {
    const v = value(jobs[i]!);
    keys[i] = v ? distinct.get(v)! : NaN;
  }
  return keys;
}

/** Known statuses in lifecycle order, then unknown ones alphabetically. */
function statusKeys(jobs: readonly Job[]): Float64Array {
  const known = new Map<string, number>(STATUS_ORDER.map((s, i) => [s, i]));
  const unknown = [...new Set(jobs.map((j) => j.status).filter((s) => s && !known.has(s)))].sort(
    collator.compare,
  );
  unknown.forEach((s, i) => known.set(s, STATUS_ORDER.length + i));
  return numberKeys(jobs, (j) => known.get(j.status) ?? null);
}
