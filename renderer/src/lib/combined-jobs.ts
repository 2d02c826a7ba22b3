/**
 * The table's one array of jobs over every shown server, kept so that rows streaming in are an append: when
 * the only change since the last combination is servers' arrays growing by appended rows (recorded with
 * `grew`), the new combined array is the old one plus those rows, and says which array it extends. The
 * table can then merge the new rows into its sorted, filtered rows instead of re-deriving a million.
 */
import type { Job } from './jobs/job-types';

/** No jobs: one shared empty array, so "this server had none" compares by identity. */
export const NO_JOBS: readonly Job[] = Object.freeze([]);

/** A combined array and the previous combined array it extends by appending only (or null). */
export interface Combined {
  jobs: readonly Job[];
  grownFrom: readonly Job[] | null;
}

interface Last extends Combined {
  shown: readonly string[];
  byServer: Readonly<Record<string, readonly Job[]>>;
}

/** Combines the shown servers' jobs, remembering the last result to extend it when rows were appended. */
export class CombinedJobs {
  /** For an array that extends another by appended rows: the array it extends. */
  readonly #grewFrom = new WeakMap<readonly Job[], readonly Job[]>();
  #last: Last | null = null;

  /** Records that `next` is `previous` followed by more rows (same elements, same order). */
  grew(previous: readonly Job[], next: readonly Job[]): void {
    this.#grewFrom.set(next, previous);
  }

  /** The shown servers' jobs, as one array; an append to the last one when only appends happened. */
  combine(shown: readonly string[], byServer: Readonly<Record<string, readonly Job[]>>): Combined {
    const last = this.#last;
    const tails = last ? this.#tails(last, shown, byServer) : null;
    let result: Combined;
    if (last && tails && tails.length === 0) result = { jobs: last.jobs, grownFrom: last.grownFrom };
    else if (last && tails) result = { jobs: last.jobs.concat(...tails), grownFrom: last.jobs };
    else
      result = { jobs: ([] as Job[]).concat(...shown.map((id) => byServer[id] ?? NO_JOBS)), grownFrom: null };
    this.#last = { ...result, shown, byServer };
    return result;
  }

  /** The rows appended to each server since `last`, or null when anything else changed. */
  #tails(
    last: Last,
    shown: readonly string[],
    byServer: Readonly<Record<string, readonly Job[]>>,
  ): (readonly Job[])[] | null {
    if (shown.length !== last.shown.length || shown.some((id, i) => id !== last.shown[i])) return null;
    const tails: (readonly Job[])[] = [];
    for (const id of shown) {
      const now = byServer[id] ?? NO_JOBS;
      const before = last.byServer[id] ?? NO_JOBS;
      if (now === before) continue;
      if (this.#grewFrom.get(now) !== before) return null;
      tails.push(now.slice(before.length));
    }
    return tails;
  }
}
