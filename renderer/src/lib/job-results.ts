/**
 * Copy-on-write updates of the workspace's per-row data: bulk results merged in as they stream, and results
 * dropped once a refresh no longer lists their job.
 * Each returns a new value (or the same one when nothing changed) for a `$state.raw` field.
 */
import type { Job, JobResultView, ProfileView } from './contract-types';
import { jobKey, type JobKey, type RowResult } from './jobs/job-types';

/** No results yet. */
export const NO_RESULTS: ReadonlyMap<JobKey, RowResult> = new Map();

/** The results map with these results recorded on their rows. */
export function mergeResults(
  current: ReadonlyMap<JobKey, RowResult>,
  results: readonly JobResultView[],
): ReadonlyMap<JobKey, RowResult> {
  if (results.length === 0) return current;
  const next = new Map(current);
  for (const r of results) {
    next.set(
      jobKey(r),
      r.message === undefined ? { outcome: r.outcome } : { outcome: r.outcome, message: r.message },
    );
  }
  return next;
}

/** The results without those of a server's jobs that `jobs` (its fresh list) no longer holds. */
export function pruneResults(
  current: ReadonlyMap<JobKey, RowResult>,
  profileId: string,
  jobs: readonly Job[],
): ReadonlyMap<JobKey, RowResult> {
  const prefix = `${profileId}|`;
  const ours = [...current.keys()].filter((key) => key.startsWith(prefix));
  // Usually no row of this server has a result: skip indexing its (up to 100,000) jobs.
  if (ours.length === 0) return current;
  const listed = new Set(jobs.map(jobKey));
  const stale = new Set(ours.filter((key) => !listed.has(key)));
  if (stale.size === 0) return current;
  return new Map([...current].filter(([key]) => !stale.has(key)));
}

/** Profile id → one of its fields, for table cells and chips. */
export function profileIndex<K extends 'name' | 'color'>(
  profiles: readonly ProfileView[],
  field: K,
): ReadonlyMap<string, string> {
  return new Map(profiles.map((p) => [p.id, p[field]]));
}
