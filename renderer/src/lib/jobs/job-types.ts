/**
 * The job vocabulary the table uses, in one place: the backend's types (through contract-types) plus the
 * small status lists the renderer needs at run time, from the shared layer (the core's own constants).
 */
import type { Job, JobOutcome } from '../contract-types';
import {
  ACTIVE_STATUSES as CORE_ACTIVE,
  CANCELLABLE_STATUSES as CORE_CANCELLABLE,
  JOB_OUTCOMES as CORE_OUTCOMES,
  JOB_STATUSES,
} from '../../../../electron/shared/job-status';

export type { Job, JobOutcome };

/** Every bulk result, in the order summaries and the progress panel list them. */
export const JOB_OUTCOMES: readonly JobOutcome[] = CORE_OUTCOMES;

/** Every status in lifecycle order, the order the table sorts and the overview stacks them in. */
export const STATUS_ORDER: readonly string[] = JOB_STATUSES;

/** Statuses the admin `cancel` operation accepts. */
export const CANCELLABLE_STATUSES: readonly string[] = CORE_CANCELLABLE;

/** Statuses of jobs still in flight, whose duration runs until now. */
export const ACTIVE_STATUSES: readonly string[] = CORE_ACTIVE;

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
