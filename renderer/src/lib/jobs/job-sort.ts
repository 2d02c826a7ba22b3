/**
 * Sorting the job table by any column, fast at 100,000 rows.
 * Each column is reduced once to one number per row (a Float64Array, NaN for a missing value), strings by
 * their rank among the column's distinct values, so the sort itself compares numbers only. The sort is
 * stable (ties keep their input order) and missing values go last in both directions.
 */
import { jobDuration } from './job-format';
import { descendingByTies, keyedOrder, ordinalOrder, ordinalRanks, sortedWithTies } from './sort-order';
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

/**
 * Keys computed ahead for a jobs list (see row-index): `jobIds[i]` is job `i`'s id keyed by one
 * `CodeUnitKeys` scheme for the whole list. A job id sort then reads no id but where keys tie.
 */
export interface SortKeysAhead {
  jobIds: Float64Array;
}

/** A new array of the jobs in the given order (the input is not changed). */
export function sortJobs(jobs: readonly Job[], sort: SortState, ctx: SortContext): Job[] {
  return jobsInOrder(jobs, sortOrder(jobs, sort, ctx));
}

/** The jobs at the rows of `order`, in that order. */
function jobsInOrder(jobs: readonly Job[], order: Uint32Array): Job[] {
  const n = order.length;
  const out = new Array<Job>(n);
  for (let i = 0; i < n; i++) out[i] = jobs[order[i]!]!;
  return out;
}

/**
 * The value besides the jobs that a sort by `column` reads (server names, last results or the clock), or
 * null for a column that reads none: a sort is reused only while this value is the same object.
 */
export function sortContextOf(column: SortColumn, ctx: SortContext): unknown {
  switch (column) {
    case 'server':
      return ctx.profileNames;
    case 'result':
      return ctx.results;
    case 'duration':
      return ctx.now;
    default:
      return null;
  }
}

/** One column's ascending row order over one jobs array, and its descending order once asked for. */
interface ColumnOrder {
  /** What the order was computed with (see sortContextOf). */
  context: unknown;
  asc: Uint32Array;
  descending: () => Uint32Array;
}

/**
 * Orders per jobs array; job lists are replaced, never mutated, so the array identity is the version (and
 * the context value's identity for the columns that read one). Keeping the order (not just the keys) makes
 * a second click on a column, or a flip of its direction, free once each direction has been asked for.
 */
const orderCache = new WeakMap<readonly Job[], Map<SortColumn, ColumnOrder>>();

/** How many columns' orders are kept per job list: at a million jobs each holds up to 16 MB. */
const KEPT_COLUMNS = 3;

/** The row order for a sort: indexes into `jobs`, stable, missing values last. Cached; do not change it. */
export function sortOrder(
  jobs: readonly Job[],
  sort: SortState,
  ctx: SortContext,
  ahead?: SortKeysAhead,
): Uint32Array {
  const context = sortContextOf(sort.column, ctx);
  let byColumn = orderCache.get(jobs);
  if (!byColumn) orderCache.set(jobs, (byColumn = new Map()));
  let entry = byColumn.get(sort.column);
  if (!entry || entry.context !== context) entry = columnOrder(jobs, sort.column, ctx, ahead, context);
  // Most recently used last; the oldest beyond KEPT_COLUMNS goes (each is up to 16 bytes a job).
  byColumn.delete(sort.column);
  byColumn.set(sort.column, entry);
  if (byColumn.size > KEPT_COLUMNS) byColumn.delete(byColumn.keys().next().value!);
  return sort.direction === 'asc' ? entry.asc : entry.descending();
}

function columnOrder(
  jobs: readonly Job[],
  column: SortColumn,
  ctx: SortContext,
  ahead: SortKeysAhead | undefined,
  context: unknown,
): ColumnOrder {
  const { order, same, present } =
    column === 'jobId' ? jobIdOrder(jobs, ahead) : sortedWithTies(sortKeys(jobs, column, ctx));
  return lazyDescending(context, order, () => descendingByTies(order, same, present));
}

/**
 * The job id order. ArcGIS job ids are fixed-length lowercase hex, so code-unit order is their natural
 * order; at a million distinct ids a locale collator (or a plain string sort) would cost seconds.
 */
function jobIdOrder(jobs: readonly Job[], ahead: SortKeysAhead | undefined) {
  return ahead?.jobIds.length === jobs.length
    ? keyedOrder(ahead.jobIds, (row) => jobs[row]!.jobId)
    : ordinalOrder(jobs.map((j) => j.jobId));
}

function lazyDescending(context: unknown, asc: Uint32Array, flip: () => Uint32Array): ColumnOrder {
  let desc: Uint32Array | undefined;
  return { context, asc, descending: () => (desc ??= flip()) };
}

/** How a column reads its value from a job: a string (ranked by the collator) or a number. */
type ColumnValue =
  | { text: (j: Job, ctx: SortContext) => string | null }
  | { number: (j: Job, ctx: SortContext) => number | null };

const outcomeOf = (j: Job, ctx: SortContext): number | null => {
  const r = ctx.results.get(jobKey(j));
  return r ? OUTCOME_ORDER.indexOf(r.outcome) : null;
};

/** Every column but the job id and the status (see sortKeys and jobComparator for those). */
const VALUES: Record<Exclude<SortColumn, 'jobId' | 'status'>, ColumnValue> = {
  server: { text: (j, ctx) => ctx.profileNames.get(j.profileId) ?? j.profileId },
  service: { text: (j) => j.service },
  user: { text: (j) => j.username },
  machine: { text: (j) => j.machinename },
  submitted: { number: (j) => j.submittedTime },
  // Youngest first when ascending: the reverse of the submitted time.
  age: { number: (j) => (j.submittedTime === null ? null : -j.submittedTime) },
  ended: { number: (j) => j.endTime },
  duration: { number: (j, ctx) => jobDuration(j, ctx.now) },
  result: { number: outcomeOf },
};

/** One number per job for a column; NaN where the value is missing. */
export function sortKeys(jobs: readonly Job[], column: SortColumn, ctx: SortContext): Float64Array {
  if (column === 'jobId') return ordinalRanks(jobs.map((j) => j.jobId));
  if (column === 'status') return statusKeys(jobs);
  const v = VALUES[column];
  return 'text' in v ? rankStrings(jobs, (j) => v.text(j, ctx)) : numberKeys(jobs, (j) => v.number(j, ctx));
}

/**
 * Two jobs compared as the sort orders them (direction applied, missing values last, 0 for ties), for
 * merging a sorted batch of new rows into rows already sorted (see sort-merge) without re-sorting them all.
 */
export function jobComparator(sort: SortState, ctx: SortContext): (a: Job, b: Job) => number {
  const dir = sort.direction === 'asc' ? 1 : -1;
  const compare = ascendingComparator(sort.column, ctx);
  return (a, b) => {
    const c = compare(a, b);
    // Missing values (NaN) come last whichever the direction.
    if (c !== c) return missing(compare, a) ? (missing(compare, b) ? 0 : 1) : -1;
    return c * dir;
  };
}

/** Whether `a`'s value is missing: it compares NaN even with itself. */
const missing = (compare: (a: Job, b: Job) => number, a: Job): boolean => compare(a, a) !== 0;

/** Ascending comparison of a column's values; NaN when either value is missing. */
function ascendingComparator(column: SortColumn, ctx: SortContext): (a: Job, b: Job) => number {
  if (column === 'jobId') return (a, b) => textOrder(a.jobId, b.jobId, codeUnits);
  if (column === 'status') return (a, b) => textOrder(a.status, b.status, compareStatuses);
  const v = VALUES[column];
  if ('text' in v) return (a, b) => textOrder(v.text(a, ctx), v.text(b, ctx), collator.compare);
  return (a, b) => {
    const x = finite(v.number(a, ctx));
    const y = finite(v.number(b, ctx));
    return x !== x || y !== y ? NaN : x < y ? -1 : x > y ? 1 : 0;
  };
}

function textOrder(a: string | null, b: string | null, compare: (a: string, b: string) => number): number {
  return !a || !b ? NaN : a === b ? 0 : compare(a, b);
}

const codeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const STATUS_RANK = new Map<string, number>(STATUS_ORDER.map((s, i) => [s, i]));

/** Known statuses in lifecycle order, then unknown ones alphabetically (as statusKeys ranks them). */
function compareStatuses(a: string, b: string): number {
  const ra = STATUS_RANK.get(a) ?? STATUS_ORDER.length;
  const rb = STATUS_RANK.get(b) ?? STATUS_ORDER.length;
  return ra - rb || (ra === STATUS_ORDER.length ? collator.compare(a, b) : 0);
}

const finite = (v: number | null): number => (v === null || !Number.isFinite(v) ? NaN : v);

function numberKeys(jobs: readonly Job[], value: (j: Job) => number | null): Float64Array {
  const keys = new Float64Array(jobs.length);
  for (let i = 0; i < jobs.length; i++) keys[i] = finite(value(jobs[i]!));
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

/** Known statuses in lifecycle order, then unknown ones alphabetically (those the collator calls equal tie). */
function statusKeys(jobs: readonly Job[]): Float64Array {
  const known = new Map<string, number>(STATUS_RANK);
  const unknown = [...new Set(jobs.map((j) => j.status).filter((s) => s && !known.has(s)))].sort(
    collator.compare,
  );
  let rank = 0;
  unknown.forEach((s, i) => {
    if (i > 0 && collator.compare(unknown[i - 1]!, s) !== 0) rank = i;
    known.set(s, STATUS_ORDER.length + rank);
  });
  return numberKeys(jobs, (j) => known.get(j.status) ?? null);
}
