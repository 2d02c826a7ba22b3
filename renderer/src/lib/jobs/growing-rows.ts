/**
 * The table's sorted and filtered rows, kept from one job list to the next: when the new list only appends
 * jobs to the last one (a listing streaming in page by page), just the new batch is sorted, filtered and
 * merged into the rows already there (see sort-merge); any other change re-derives everything. Holding a
 * million rows, a batch of a thousand jobs then costs a few milliseconds instead of a full sort. Each row's
 * place in the list travels with it, so the free-text filter reads the row index's columns (row-index).
 */
import { compileFilter, emptyFilter, isFilterEmpty, usesClock, type FilterState } from './job-filter';
import { jobComparator, jobsInOrder, sortOrder, type SortContext, type SortState } from './job-sort';
import type { Job } from './job-types';
import { RowIndex } from './row-index';
import { mergePlaces, mergeSorted, spliceIn, spliceInRows } from './sort-merge';

interface SortedStep {
  jobs: readonly Job[];
  sort: SortState;
  /** The context value the sort read (names, results or the clock), or null for a column that reads none. */
  context: unknown;
  rows: readonly Job[];
  /** Each row's place in `jobs`. */
  order: Uint32Array;
  /** When these rows were merged from the previous ones: those, the sorted batch, and the order used. */
  merged: {
    from: readonly Job[];
    batch: readonly Job[];
    batchOrder: Uint32Array;
    compare: (a: Job, b: Job) => number;
  } | null;
}

interface FilteredStep {
  sorted: readonly Job[];
  filter: FilterState;
  now: number;
  rows: readonly Job[];
}

/** The context value a sort by `sort.column` reads, so a change of it re-sorts everything. */
function contextOf(sort: SortState, ctx: SortContext): unknown {
  switch (sort.column) {
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

/** The rows (each at `order[i]` in the list) that `mask` marks and `rest` (if any) lets through, in order. */
function pick(
  rows: readonly Job[],
  order: Uint32Array,
  mask: Uint8Array,
  rest: ((job: Job) => boolean) | null,
): Job[] {
  const out: Job[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (mask[order[i]!] && (rest === null || rest(rows[i]!))) out.push(rows[i]!);
  }
  return out;
}

/** The time fields of a filter (age and "running longer than"), which the row index does not answer. */
function pickTimes(f: FilterState): Partial<FilterState> {
  return { olderThanMs: f.olderThanMs, ageField: f.ageField, runningLongerThanMs: f.runningLongerThanMs };
}

/** See the module comment; one per table. */
export class GrowingRows {
  #sorted: SortedStep | null = null;
  #filtered: FilteredStep | null = null;
  readonly #index = new RowIndex();

  /**
   * `jobs` in `sort` order. `grownFrom` is the list `jobs` extends by appending only (null when unknown);
   * when it is the list sorted last time, with the same sort, only the appended jobs are sorted.
   */
  sorted(
    jobs: readonly Job[],
    grownFrom: readonly Job[] | null,
    sort: SortState,
    ctx: SortContext,
  ): readonly Job[] {
    const last = this.#sorted;
    const context = contextOf(sort, ctx);
    const same = last !== null && last.sort === sort && last.context === context;
    if (same && last.jobs === jobs) return last.rows;
    this.#index.follow(jobs, grownFrom);
    let step: SortedStep;
    // A batch bigger than the rows it joins is cheaper sorted with them than merged into them.
    const merges =
      grownFrom !== null &&
      jobs.length >= grownFrom.length &&
      jobs.length - grownFrom.length <= grownFrom.length;
    if (same && merges && grownFrom === last.jobs) {
      const appended = jobs.slice(grownFrom.length);
      const byBatch = sortOrder(appended, sort, ctx);
      const batch = jobsInOrder(appended, byBatch);
      const batchOrder = byBatch.map((i) => i + grownFrom.length);
      const compare = jobComparator(sort, ctx);
      const places = mergePlaces(last.rows, batch, compare);
      const rows = spliceIn(last.rows, batch, places);
      const order = spliceInRows(last.order, batchOrder, places);
      step = { jobs, sort, context, rows, order, merged: { from: last.rows, batch, batchOrder, compare } };
    } else {
      const ahead = sort.column === 'jobId' ? this.#index.sortKeys(jobs) : undefined;
      const order = sortOrder(jobs, sort, ctx, ahead);
      step = { jobs, sort, context, rows: jobsInOrder(jobs, order), order, merged: null };
    }
    this.#sorted = step;
    return step.rows;
  }

  /**
   * The rows of `sorted` (what `sorted()` returned last) the filter lets through, in order. When `sorted`
   * was merged from the rows filtered last time, with the same filter, only the merged batch is filtered.
   */
  filtered(sorted: readonly Job[], filter: FilterState, now: number): readonly Job[] {
    if (isFilterEmpty(filter)) return sorted;
    const clock = usesClock(filter) ? now : 0;
    const last = this.#filtered;
    if (last && last.sorted === sorted && last.filter === filter && last.now === clock) return last.rows;
    const step = this.#sorted?.rows === sorted ? this.#sorted : null;
    const merged = step?.merged ?? null;
    const grows =
      last && merged && last.sorted === merged.from && last.filter === filter && last.now === clock;
    const pass = this.#passing(step, filter, clock);
    const rows = grows
      ? mergeSorted(last.rows, pass(merged.batch, merged.batchOrder), merged.compare)
      : pass(sorted, step?.order ?? null);
    this.#filtered = { sorted, filter, now: clock, rows };
    return rows;
  }

  /**
   * The filter as a function of rows and their places in the list: the list fields and the free text go
   * through the row index's mask (one byte per row, kept per filter), the time fields through the job filter.
   */
  #passing(
    step: SortedStep | null,
    filter: FilterState,
    clock: number,
  ): (rows: readonly Job[], order: Uint32Array | null) => readonly Job[] {
    const mask = step ? this.#index.listMask(step.jobs, filter) : null;
    if (!mask) {
      const matches = compileFilter(filter, clock);
      return (rows) => rows.filter(matches);
    }
    // The time filters are the job filter's, per row.
    const times = { ...emptyFilter(), ...pickTimes(filter) };
    const rest = isFilterEmpty(times) ? null : compileFilter(times, clock);
    return (rows, order) =>
      order ? pick(rows, order, mask, rest) : rows.filter(compileFilter(filter, clock));
  }
}
