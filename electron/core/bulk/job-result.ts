/**
 * A bulk job's one result and its words: the result every outcome builds (`jobResult`), a failure's kind,
 * code and message taken from the error, and the sentences the engine, the audit reader and tests share.
 * job-task.ts decides which outcome a job gets; this module only writes it down.
 */
import type { AppError, BulkAction, JobOutcome } from '../types';
import type { JobResult, PlannedJob, ServerPlan } from './types';

/** Wording shared by the engine, the audit reader and tests. */
export const MESSAGES = {
  notStarted: 'Aborted before it started.',
  abortedInFlight:
    'Aborted while the request was in flight: the server may still have completed it. Refresh the job list to check.',
  goneAfterInterrupt: 'Gone after an interrupted request: an earlier attempt may have removed it.',
  goneAlready: 'The job no longer exists on the server.',
} as const;

/** Builds a result for `job` on `server` with the fields every outcome shares. */
export function jobResult(
  job: PlannedJob,
  server: ServerPlan,
  action: BulkAction,
  outcome: JobOutcome,
  finishedAt: number,
  extra: Partial<Pick<JobResult, 'message' | 'kind' | 'code' | 'attempts' | 'status'>> = {},
): JobResult {
  // One literal with every field (those without a value undefined): see `plannedJob` in plan.ts.
  return {
    profileId: job.profileId,
    server: server.name,
    serverUrl: server.serverUrl,
    service: job.service,
    jobId: job.jobId,
    action,
    outcome,
    attempts: extra.attempts ?? 0,
    status: extra.status ?? job.status,
    submittedTime: job.submittedTime ?? null,
    endTime: job.endTime ?? null,
    username: job.username ?? null,
    machinename: job.machinename ?? null,
    finishedAt,
    message: extra.message,
    kind: extra.kind,
    code: extra.code,
  };
}

/** A failed result carrying `error`'s kind, code and words. */
export function failedWith(
  error: AppError,
  message = describeError(error),
): Pick<JobResult, 'message' | 'kind' | 'code'> {
  return error.code === undefined
    ? { message, kind: error.kind }
    : { message, kind: error.kind, code: error.code };
}

/** An error's words, with the server's own message when it adds something. */
export function describeError(error: AppError): string {
  const server = error.serverMessage?.trim();
  return server && !error.message.includes(server) ? `${error.message} (server: ${server})` : error.message;
}
