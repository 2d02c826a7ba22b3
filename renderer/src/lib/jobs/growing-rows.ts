/**
 * The table's sorted and filtered rows, kept from one job list to the next: when the new list only appends
 * jobs to the last one (a listing streaming in page by page), just the new batch is sorted, filtered and
 * merged into the rows already there (see sort-merge); any other change re-derives everything. Holding a
 * million rows, a batch of a thousand jobs then costs a few milliseconds instead of a full sort.
 */
import { filterJobs, isFilterEmpty, usesClock, type FilterState } from './job-filter';
import { jobComparator, sortJobs, type SortContext, type SortState } from './job-sort';
import type { Job } from './job-types';
import { mergeSorted } from './sort-merge';

interface SortedStep {
  jobs: readonly Job[];
  sort: SortState;
  /** The context value the sort read (names, results or the clock), or null for a column that reads none. */
  context: unknown;
  rows: readonly Job[];
  /** When these rows were merged from the previous ones: those, the sorted batch, and the order used. */
  merged: { from: readonly Job[]; batch: readonly Job[]; compare: (a: Job, b: Job) => number } | null;
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

/** See the module comment; one per table. */
export class GrowingRows {
  #sorted: SortedStep | null = null;
  #filtered: FilteredStep | null = null;

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
    let step: SortedStep;
    // A batch bigger than the rows it joins is cheaper sorted with them than merged into them.
    const merges =
      grownFrom !== null &&
      jobs.length >= grownFrom.length &&
      jobs.length - grownFrom.length <= grownFrom.length;
    if (same && merges && grownFrom === last.jobs) {
      const batch = sortJobs(jobs.slice(grownFrom.length), sort, ctx);
      const compare = jobComparator(sort, ctx);
      const rows = mergeSorted(last.rows, batch, compare);
      step = { jobs, sort, context, rows, merged: { from: last.rows, batch, compare } };
    } else step = { jobs, sort, context, rows: sortJobs(jobs, sort, ctx), merged: null };
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
    const merged = this.#sorted?.rows === sorted ? this.#sorted.merged : null;
    const grows =
      last && merged && last.sorted === merged.from && last.filter === filter && last.now === clock;
    const rows = grows
      ? mergeSorted(last.rows, filterJobs(merged.batch, filter, clock), merged.compare)
      : filterJobs(sorted, filter, clock);
    this.#filtered = { sorted, filter, now: clock, rows };
    return rows;
  }
}
