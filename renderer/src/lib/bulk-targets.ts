/**
 * Turning selected table rows into the job references a bulk action takes, and counting what Cancel can
 * act on, so the action bar can say "Cancel 12" before asking the backend for a plan.
 */
import type { Job, PayloadOf } from './contract-types';
import { CANCELLABLE_STATUSES, jobKey } from './jobs/job-types';

/** A job named for a bulk plan or run, as the contract takes it. */
export type BulkJobRef = PayloadOf<'bulk.plan'>['jobs'][number];

const CANCELLABLE = new Set<string>(CANCELLABLE_STATUSES);

/** Whether the admin cancel operation accepts a job in this status. */
export function isCancellable(status: string): boolean {
  return CANCELLABLE.has(status);
}

/** How many of these jobs Cancel would act on. */
export function countCancellable(jobs: Iterable<Pick<Job, 'status'>>): number {
  let n = 0;
  for (const j of jobs) if (CANCELLABLE.has(j.status)) n++;
  return n;
}

/** The references a bulk action needs, with each job's last known status. */
export function toJobRefs(jobs: Iterable<Job>): BulkJobRef[] {
  const refs: BulkJobRef[] = [];
  for (const j of jobs)
    refs.push({ profileId: j.profileId, service: j.service, jobId: j.jobId, status: j.status });
  return refs;
}

/**
 * Each of `jobs` as the window lists it now (`listed`), so a plan made again uses current statuses; a job
 * no longer listed is kept as it was (the backend plans over what its servers last listed).
 */
export function asListedNow(jobs: readonly Job[], listed: readonly Job[]): Job[] {
  const now = new Map(listed.map((j) => [jobKey(j), j]));
  return jobs.map((j) => now.get(jobKey(j)) ?? j);
}
