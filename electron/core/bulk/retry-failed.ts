/**
 * Running a finished run again on its failed jobs only, from the engine's summary or from the audit log
 * (which also covers a run interrupted by a crash: its jobs without a result are taken as well).
 */
import { readRunResults } from '../audit/audit-reader';
import type { AuditRunResults } from '../audit/audit-reader';
import type { BulkAction, Result } from '../types';
import { err, ok } from '../types';
import { MESSAGES } from './job-result';
import { planBulk } from './plan';
import type { BulkJob, BulkPlan, BulkProfile, BulkRunSummary } from './types';

/** A plan for the retry, and the run it retries (pass both to `startBulkRun` as `plan` and `retryOf`). */
export interface RetryPlan {
  plan: BulkPlan;
  retryOf: string;
}

/** Options of `retryFailed`. */
export interface RetryOptions {
  /** Also take jobs skipped because the run was aborted before they started (default false). */
  includeNotStarted?: boolean;
}

type ResultLike = {
  profileId: string;
  service: string;
  jobId: string;
  outcome: string;
  message?: string;
  status?: string;
  submittedTime?: number | null;
  endTime?: number | null;
  username?: string | null;
  machinename?: string | null;
};

function toJob(r: Omit<ResultLike, 'outcome'>): BulkJob {
  return {
    profileId: r.profileId,
    service: r.service,
    jobId: r.jobId,
    status: r.status ?? 'unknown',
    submittedTime: r.submittedTime ?? null,
    endTime: r.endTime ?? null,
    username: r.username ?? null,
    machinename: r.machinename ?? null,
  };
}

function wanted(r: ResultLike, options: RetryOptions): boolean {
  if (r.outcome === 'failed') return true;
  return options.includeNotStarted === true && r.outcome === 'skipped' && r.message === MESSAGES.notStarted;
}

/** Plans a retry of `source`'s failed jobs (and an interrupted run's unfinished ones) with the same action. */
export function retryFailed(
  source: BulkRunSummary | AuditRunResults,
  profiles: readonly BulkProfile[],
  options: RetryOptions = {},
): RetryPlan {
  let action: BulkAction;
  let runId: string;
  let jobs: BulkJob[];
  if ('run' in source) {
    ({ action, runId } = source.run);
    jobs = [...source.results.filter((r) => wanted(r, options)).map(toJob), ...source.unfinished.map(toJob)];
  } else {
    ({ action, runId } = source);
    jobs = source.results.filter((r) => wanted(r, options)).map(toJob);
  }
  return { plan: planBulk(jobs, action, profiles), retryOf: runId };
}

/** Reads run `runId` from the audit file and plans the retry of its failed jobs. */
export async function loadRetryPlan(
  auditFile: string,
  runId: string,
  profiles: readonly BulkProfile[],
  options: RetryOptions = {},
): Promise<Result<RetryPlan>> {
  const run = await readRunResults(auditFile, runId);
  if (!run) return err({ kind: 'not-found', message: `No run ${runId} in the audit log.` });
  return ok(retryFailed(run, profiles, options));
}
