/**
 * Sorting the job table by any column, fast at 100,000 rows.
 * Each column is reduced once to one number per row (a Float64Array, NaN for a missing value), strings by
 * their rank among the column's distinct values, so the sort itself compares numbers only. The sort is
 * stable (ties keep their input order) and missing values go last in both directions.
 */
import { jobDuration } from './job-format';
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

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The row order for `keys`: stable, missing (NaN) last in both directions. Integer keys (every column's:
 * ranks, epoch milliseconds) are packed with the row index into one unsigned 64-bit number each,
 * `(key - min) * 2^bits + row` (flipped when descending), written as two 32-bit halves and sorted natively
 * by a BigUint64Array: no comparator calls, about four times faster at a million rows. Anything else
 * (fractions, spans too wide to pack) takes the comparator sort.
 */
export function sortedOrder(keys: Float64Array, dir: 1 | -1): Uint32Array {
  const n = keys.length;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (k !== k) continue;
    if (k < min) min = k;
    if (k > max) max = k;
    if (!Number.isInteger(k)) integers = false;
  }
  const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const missing = max >= min ? max - min + 1 : 0;
  // Spans past 2^53 would lose digits in `k - min`.
  const tooWide = missing >= Math.min(2 ** 53, 2 ** (64 - bits));
  if (!integers || !LITTLE_ENDIAN || bits > 31 || tooWide) return comparatorOrder(keys, dir);
  const low = 2 ** (32 - bits);
  const row = 2 ** bits;
  const packed = new BigUint64Array(n);
  const halves = new Uint32Array(packed.buffer);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    const v = k !== k ? missing : dir === 1 ? k - min : max - k;
    halves[2 * i] = (v % low) * row + i;
    halves[2 * i + 1] = Math.floor(v / low);
  }
  packed.sort();
  const order = new Uint32Array(n);
  const mask = row - 1;
  for (let i = 0; i < n; i++) order[i] = halves[2 * i]! & mask;
  return order;
}

function comparatorOrder(keys: Float64Array, dir: 1 | -1): Uint32Array {
  const order = new Uint32Array(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    const missingA = ka !== ka;
    const missingB = kb !== kb;
    if (missingA || missingB) return missingA === missingB ? a - b : missingA ? 1 : -1;
    if (ka === kb) return a - b;
    return ka < kb ? -dir : dir;
  });
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
      // ArcGIS job ids are fixed-length lowercase hex, so code-unit order is their natural order; at 100k
      // distinct ids a locale collator would cost half a second.
      return rankStrings(jobs, (j) => j.jobId, 'ordinal');
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
 * Ranks strings among the column's distinct values; '' counts as missing.
 * `locale` uses the locale collator (case-insensitive, numbers in natural order, accents); `ordinal` compares
 * code units, several times faster, for columns where nearly every value is distinct (job ids).
 */
function rankStrings(
  jobs: readonly Job[],
  value: (j: Job) => string | null,
  mode: 'locale' | 'ordinal' = 'locale',
): Float64Array {
  const distinct = new Map<string, number>();
  for (const j of jobs) {
    const v = value(j);
    if (v) distinct.set(v, 0);
  }
  const sorted = [...distinct.keys()];
  if (mode === 'ordinal') {
    sorted.sort();
    for (let i = 0; i < sorted.length; i++) distinct.set(sorted[i]!, i);
  } else {
    sorted.sort(collator.compare);
    // Values the collator calls equal ('abc', 'ABC') share a rank so the input order decides between them.
    let rank = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (i > 0 && collator.compare(sorted[i - 1]!, sorted[i]!) !== 0) rank = i;
      distinct.set(sorted[i]!, rank);
    }
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
