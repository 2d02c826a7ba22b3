/**
 * One copy of each repeated string of the loaded jobs (server, service, status, user, machine). A decoded
 * listing gives every job its own copies; shared, a million jobs take about half the memory, and every
 * filter, sort and count over them hashes each distinct value once instead of once per job.
 */
import type { Job } from './job-types';

/** More distinct values than any fleet has: past it the pool starts again, so it stays bounded. */
const MAX_VALUES = 200_000;

/** The pool of shared strings (one per window). */
export class SharedStrings {
  #pool = new Map<string, string>();

  /** The pool's copy of `value`. */
  share(value: string): string {
    const known = this.#pool.get(value);
    if (known !== undefined) return known;
    if (this.#pool.size >= MAX_VALUES) this.#pool = new Map();
    this.#pool.set(value, value);
    return value;
  }

  /** Points the repeated fields of freshly decoded `jobs` at the pool's copies (in place); returns them. */
  shareJobs<T extends Job>(jobs: T[]): T[] {
    for (const job of jobs) {
      job.profileId = this.share(job.profileId);
      job.service = this.share(job.service);
      job.status = this.share(job.status);
      if (job.username !== null) job.username = this.share(job.username);
      if (job.machinename !== null) job.machinename = this.share(job.machinename);
    }
    return jobs;
  }
}
