/**
 * The table's rows as a view: a job list read through an order of its indexes, instead of a new array of
 * jobs. At a million rows, building that array for every sort (a header click, a flip of the direction)
 * cost more than the sort itself, and its 8 MB made the collector walk every job again; a view over the
 * cached row order costs nothing to make.
 */
import type { Job } from './job-types';

/** What the table reads from its rows; a plain array of jobs gives it too. */
export interface JobRows {
  readonly length: number;
  /** The row at `index` (negative counts from the end, as arrays do), or undefined past the ends. */
  at(index: number): Job | undefined;
  /** Rows `start` to `end` as a new array (for the few rows on screen). */
  slice(start?: number, end?: number): Job[];
}

/** Rows `jobs[order[0]]`, `jobs[order[1]]`, and so on; neither array is copied or changed. */
export class RowView implements JobRows {
  readonly jobs: readonly Job[];
  /** Each row's index in `jobs`. */
  readonly order: Uint32Array;

  constructor(jobs: readonly Job[], order: Uint32Array) {
    this.jobs = jobs;
    this.order = order;
  }

  get length(): number {
    return this.order.length;
  }

  at(index: number): Job | undefined {
    const i = index < 0 ? index + this.order.length : index;
    return i >= 0 && i < this.order.length ? this.jobs[this.order[i]!] : undefined;
  }

  slice(start = 0, end = this.order.length): Job[] {
    const n = this.order.length;
    const from = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
    const to = end < 0 ? Math.max(0, n + end) : Math.min(end, n);
    const out: Job[] = [];
    for (let i = from; i < to; i++) out.push(this.jobs[this.order[i]!]!);
    return out;
  }
}

/** The rows `keep` lets through, in order. */
export function filterRows(rows: JobRows, keep: (job: Job) => boolean): Job[] {
  const out: Job[] = [];
  for (let i = 0; i < rows.length; i++) {
    const j = rows.at(i)!;
    if (keep(j)) out.push(j);
  }
  return out;
}
