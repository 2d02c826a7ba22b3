/**
 * The table's sorted and filtered rows, kept from one job list to the next: when the new list only appends
 * jobs to the last one (a listing streaming in page by page), just the new batch is sorted, filtered and
 * merged into the rows already there (see sort-merge); any other change re-derives everything. Holding a
 * million rows, a batch of a thousand jobs then costs a few milliseconds instead of a full sort. Rows are
 * views over the list through an order of its indexes (job-rows), never a new array of jobs: a header click
 * on a sorted column, or a flip of its direction, reuses the cached order (job-sort) and copies nothing.
 * Each row's place in the list is its index, so the filters read the row index's columns (row-index).
 */
import { compileFilter, isFilterEmpty, usesClock, type FilterState } from './job-filter';
import { RowView, filterRows, type JobRows } from './job-rows';
import { jobComparator, sortContextOf, sortOrder, type SortContext, type SortState } from './job-sort';
import type { Job } from './job-types';
import { RowIndex } from './row-index';
import { mergePlaces, spliceInRows } from './sort-merge';

/** A batch appended to the list: its jobs in sort order (a view over the batch alone), and where it starts. */
interface Batch {
  rows: RowView;
  offset: number;
}

interface SortedStep {
  jobs: readonly Job[];
  sort: SortState;
  /** The context value the sort read (names, results or the clock), or null for a column that reads none. */
  context: unknown;
  rows: RowView;
  /** When these rows were merged from the previous ones: those, the sorted batch, and the order used. */
  merged: { from: RowView; batch: Batch; compare: (a: Job, b: Job) => number } | null;
}

interface FilteredStep {
  sorted: JobRows;
  filter: FilterState;
  now: number;
  rows: JobRows;
}

/** The rows of `view` whose place in the list (`offset` + index in the view's jobs) `keep` accepts. */
function pick(view: RowView, offset: number, keep: (row: number) => boolean): RowView {
  const { jobs, order } = view;
  const out = new Uint32Array(order.length);
  let n = 0;
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    if (keep(row + offset)) out[n++] = row;
  }
  // A few matches of many rows: do not hold the whole buffer.
  return new RowView(jobs, n < order.length / 2 ? out.slice(0, n) : out.subarray(0, n));
}

/** `batch` merged into `rows` (a view over the list the batch was appended to) as a view over `jobs`. */
function mergeBatch(
  jobs: readonly Job[],
  rows: RowView,
  batch: Batch,
  compare: (a: Job, b: Job) => number,
): RowView {
  const places = mergePlaces(rows, batch.rows, compare);
  return new RowView(jobs, spliceInRows(rows.order, batch.rows.order, places, batch.offset));
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
  sorted(jobs: readonly Job[], grownFrom: readonly Job[] | null, sort: SortState, ctx: SortContext): JobRows {
    const last = this.#sorted;
    const context = sortContextOf(sort.column, ctx);
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
      const batch = { rows: new RowView(appended, sortOrder(appended, sort, ctx)), offset: grownFrom.length };
      const compare = jobComparator(sort, ctx);
      const rows = mergeBatch(jobs, last.rows, batch, compare);
      step = { jobs, sort, context, rows, merged: { from: last.rows, batch, compare } };
    } else {
      const ahead = sort.column === 'jobId' ? this.#index.sortKeys(jobs) : undefined;
      step = {
        jobs,
        sort,
        context,
        rows: new RowView(jobs, sortOrder(jobs, sort, ctx, ahead)),
        merged: null,
      };
    }
    this.#sorted = step;
    return step.rows;
  }

  /**
   * The rows of `sorted` (what `sorted()` returned last) the filter lets through, in order. When `sorted`
   * was merged from the rows filtered last time, with the same filter, only the merged batch is filtered.
   */
  filtered(sorted: JobRows, filter: FilterState, now: number): JobRows {
    if (isFilterEmpty(filter)) return sorted;
    const clock = usesClock(filter) ? now : 0;
    const last = this.#filtered;
    if (last && last.sorted === sorted && last.filter === filter && last.now === clock) return last.rows;
    const step = this.#sorted?.rows === sorted ? this.#sorted : null;
    let rows: JobRows;
    if (!step) rows = filterRows(sorted, compileFilter(filter, clock));
    else {
      const keep = this.#passing(step, filter, clock);
      const merged = step.merged;
      // The rows filtered last time, when these were merged from the rows they were filtered from.
      const grows =
        merged && last?.sorted === merged.from && last.filter === filter && last.now === clock
          ? last.rows
          : null;
      rows =
        merged && grows instanceof RowView
          ? mergeBatch(step.jobs, grows, filterBatch(merged.batch, keep), merged.compare)
          : pick(step.rows, 0, keep);
    }
    this.#filtered = { sorted, filter, now: clock, rows };
    return rows;
  }

  /**
   * One byte per row of `jobs` (1: the filter at `now` lets the row through), from the row index; null when
   * `jobs` is not the list sorted last or the free text spans lines (ask the job filter then).
   */
  mask(jobs: readonly Job[], filter: FilterState, now: number): Uint8Array | null {
    return this.#sorted?.jobs === jobs
      ? this.#index.listMask(jobs, filter, usesClock(filter) ? now : 0)
      : null;
  }

  /** The filter as a test of a row's place in the list and its job: the row index's mask where it has one. */
  #passing(step: SortedStep, filter: FilterState, clock: number): (row: number) => boolean {
    const mask = this.#index.listMask(step.jobs, filter, clock);
    if (!mask) {
      const matches = compileFilter(filter, clock);
      return (row) => matches(step.jobs[row]!);
    }
    return (row) => mask[row] === 1;
  }
}

/** The rows of an appended batch that `keep` accepts, still as a batch. */
function filterBatch(batch: Batch, keep: (row: number) => boolean): Batch {
  return { rows: pick(batch.rows, batch.offset, keep), offset: batch.offset };
}
