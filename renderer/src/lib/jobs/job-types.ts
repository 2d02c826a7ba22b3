/**
 * The job vocabulary the table uses, taken from the core's types in one place.
 * Types only, plus the two small status lists the renderer needs at run time, copied so the renderer bundle
 * never reaches into electron/core (switch this import to electron/shared once the IPC contract re-exports it).
 */
// eslint-disable-next-line no-restricted-imports -- types only, until electron/shared re-exports the core vocabulary
import type { Job, JobOutcome, JobStatus } from '../../../../electron/core/types';

export type { Job, JobOutcome, JobStatus };

/** Every status in lifecycle order, the order the table sorts and the overview stacks them in. */
export const STATUS_ORDER: readonly JobStatus[] = [
  'esriJobNew',
  'esriJobSubmitted',
  'esriJobWaiting',
  'esriJobExecuting',
  'esriJobCancelling',
  'esriJobCancelled',
  'esriJobSucceeded',
  'esriJobFailed',
  'esriJobTimedOut',
  'esriJobDeleting',
  'esriJobDeleted',
];

/** Statuses the admin `cancel` operation accepts (mirrors CANCELLABLE_STATUSES in the core). */
export const CANCELLABLE_STATUSES: readonly JobStatus[] = ['esriJobSubmitted', 'esriJobExecuting'];

/** Statuses of jobs still in flight, whose duration runs until now (mirrors ACTIVE_STATUSES in the core). */
export const ACTIVE_STATUSES: readonly JobStatus[] = [
  'esriJobNew',
  'esriJobSubmitted',
  'esriJobWaiting',
  'esriJobExecuting',
  'esriJobCancelling',
];

/** The last bulk action's result for one row, shown in the result column. */
export interface RowResult {
  outcome: JobOutcome;
  /** Why it failed or was skipped, in words an administrator can act on. */
  message?: string;
}

/** A stable row identity across refreshes: `profileId|service|jobId`. */
export type JobKey = string;

/** The key of a job's row; jobs of different servers or services never collide. */
export function jobKey(job: Pick<Job, 'profileId' | 'service' | 'jobId'>): JobKey {
  return `${job.profileId}|${job.service}|${job.jobId}`;
}
