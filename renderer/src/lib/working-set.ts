/**
 * The working set after bulk results: a deleted or already-gone job leaves its server's list at once (so
 * every count, the overview and "select all matching" stop offering it) and is kept aside as a finished
 * row the table can still show, struck through, until that server's next refresh; a cancelled job takes
 * the cancelled status. Copy-on-write: each function returns new values, or the same ones when nothing
 * changed, for `$state.raw` fields.
 */
import type { Job, JobOutcome, JobResultView } from './contract-types';
import { jobKey, type JobKey } from './jobs/job-types';

/** Jobs per server, as the workspace holds them. */
export type JobsByServer = Readonly<Record<string, readonly Job[]>>;

/** Finished rows (deleted or already gone) by row key. */
export type FinishedJobs = ReadonlyMap<JobKey, Job>;

/** No finished rows. */
export const NO_FINISHED: FinishedJobs = new Map();

/** The status a cancelled job is shown with until the next refresh says otherwise. */
export const CANCELLED_STATUS = 'esriJobCancelled';

/** Whether an outcome means the job no longer exists on its server. */
export function isGone(outcome: JobOutcome): boolean {
  return outcome === 'deleted' || outcome === 'already-gone';
}

/** The working set with these results applied (see the module comment). */
export function applyOutcomes(
  jobsByServer: JobsByServer,
  finished: FinishedJobs,
  results: readonly JobResultView[],
): { jobsByServer: JobsByServer; finished: FinishedJobs } {
  const byServer = new Map<string, Map<JobKey, JobOutcome>>();
  for (const r of results) {
    if (!isGone(r.outcome) && r.outcome !== 'cancelled') continue;
    let m = byServer.get(r.profileId);
    if (!m) byServer.set(r.profileId, (m = new Map()));
    m.set(jobKey(r), r.outcome);
  }
  if (byServer.size === 0) return { jobsByServer, finished };
  const nextJobs: Record<string, readonly Job[]> = { ...jobsByServer };
  const nextFinished = new Map(finished);
  for (const [profileId, outcomes] of byServer) {
    const jobs = jobsByServer[profileId];
    if (!jobs) continue;
    const kept: Job[] = [];
    for (const j of jobs) {
      const outcome = outcomes.get(jobKey(j));
      if (outcome === undefined) kept.push(j);
      else if (isGone(outcome)) nextFinished.set(jobKey(j), j);
      else kept.push(j.status === CANCELLED_STATUS ? j : { ...j, status: CANCELLED_STATUS });
    }
    nextJobs[profileId] = kept;
  }
  return { jobsByServer: nextJobs, finished: nextFinished };
}

/** The finished rows without those of one server (its refresh lists what is really left). */
export function dropFinished(finished: FinishedJobs, profileId: string): FinishedJobs {
  const prefix = `${profileId}|`;
  let found = false;
  for (const key of finished.keys()) if ((found = key.startsWith(prefix))) break;
  if (!found) return finished;
  return new Map([...finished].filter(([key]) => !key.startsWith(prefix)));
}

/** The finished rows of these servers, in the order they finished. */
export function finishedOf(finished: FinishedJobs, profileIds: readonly string[]): Job[] {
  if (finished.size === 0) return [];
  const shown = new Set(profileIds);
  return [...finished.values()].filter((j) => shown.has(j.profileId));
}
