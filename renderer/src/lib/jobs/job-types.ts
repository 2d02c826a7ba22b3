/**
 * The job vocabulary the table uses, in one place: the backend's types (through contract-types, so nothing
 * from electron/ is bundled) plus the small status lists the renderer needs at run time, copied from the
 * core's constants (a unit test keeps them equal).
 */
import type { Job, JobOutcome } from '../contract-types';

export type { Job, JobOutcome };

/** Every status in lifecycle order, the order the table sorts and the overview stacks them in. */
export const STATUS_ORDER: readonly string[] = [
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
export const CANCELLABLE_STATUSES: readonly string[] = ['esriJobSubmitted', 'esriJobExecuting'];

/** Statuses of jobs still in flight, whose duration runs until now (mirrors ACTIVE_STATUSES in the core). */
export const ACTIVE_STATUSES: readonly string[] = [
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
