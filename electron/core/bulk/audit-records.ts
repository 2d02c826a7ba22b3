/**
 * Turning a run's plan and results into audit lines (see `../audit/records.ts` for what each line means).
 */
import type {
  AuditCounts,
  AuditJobRecord,
  AuditJobStart,
  AuditPlannedJob,
  AuditRunEnd,
  AuditRunPlan,
  AuditRunStart,
} from '../audit/records';
import type { BulkPlan, JobResult, PlannedJob, ServerPlan } from './types';

/** Jobs per `run-plan` line: keeps lines a few hundred kilobytes at most. */
export const PLAN_CHUNK = 500;

let lastMs = Number.NaN;
let lastIso = '';
/** The second `secondText` writes (ms since the epoch, a multiple of 1000), and its ISO text up to the `.`. */
let second = Number.NaN;
let secondText = '';
/**
 * `ms` as an ISO time (`toISOString`'s text). Lines of the same millisecond share one string, and those of
 * the same second share its text up to the milliseconds: a run writes two timed lines per job (its
 * `job-start` and `job`; its run-plan entry has no time), nearly every one in another millisecond, and a
 * `Date` with its formatting for each was a measurable part of a job's cost.
 */
export function iso(ms: number): string {
  if (ms === lastMs) return lastIso;
  const s = Math.floor(ms / 1000) * 1000;
  const within = ms - s;
  if (s !== second || !Number.isInteger(within)) {
    lastIso = new Date(ms).toISOString();
    // Only a four-digit year has the fixed layout `YYYY-MM-DDTHH:mm:ss.sssZ` the shortcut builds on.
    if (lastIso.length === 24 && Number.isInteger(within)) {
      second = s;
      secondText = lastIso.slice(0, 20);
    } else second = Number.NaN;
  } else lastIso = `${secondText}${within < 10 ? '00' : within < 100 ? '0' : ''}${within}Z`;
  lastMs = ms;
  return lastIso;
}

/** The `run-start` line. */
export function auditRunStart(
  runId: string,
  at: number,
  plan: BulkPlan,
  servers: readonly ServerPlan[],
  osUser: string,
  retryOf?: string,
  policy?: string,
): AuditRunStart {
  const line: AuditRunStart = {
    type: 'run-start',
    runId,
    time: iso(at),
    action: plan.action,
    total: plan.total,
    osUser,
    profiles: servers.map((s) => ({ id: s.profileId, name: s.name, serverUrl: s.serverUrl })),
  };
  if (retryOf) line.retryOf = retryOf;
  if (policy) line.policy = policy;
  return line;
}

/** The `run-plan` lines: every job of the run, so an interrupted run can be picked up again. */
export function auditRunPlan(runId: string, jobs: readonly PlannedJob[]): AuditRunPlan[] {
  const lines: AuditRunPlan[] = [];
  for (let i = 0; i < jobs.length; i += PLAN_CHUNK) {
    lines.push({ type: 'run-plan', runId, jobs: jobs.slice(i, i + PLAN_CHUNK).map(plannedJob) });
  }
  return lines;
}

function plannedJob(job: PlannedJob): AuditPlannedJob {
  const line: AuditPlannedJob = {
    profileId: job.profileId,
    service: job.service,
    jobId: job.jobId,
    status: job.status,
  };
  if (job.submittedTime != null) line.submittedTime = job.submittedTime;
  if (job.endTime != null) line.endTime = job.endTime;
  if (job.username != null) line.username = job.username;
  if (job.machinename != null) line.machinename = job.machinename;
  return line;
}

/** The `job-start` line written before a job's first request. */
export function auditJobStart(runId: string, at: number, job: PlannedJob): AuditJobStart {
  return {
    type: 'job-start',
    runId,
    time: iso(at),
    profileId: job.profileId,
    service: job.service,
    jobId: job.jobId,
  };
}

/** The `job` line of a result. */
export function auditJobRecord(runId: string, osUser: string, result: JobResult): AuditJobRecord {
  const line: AuditJobRecord = {
    type: 'job',
    runId,
    time: iso(result.finishedAt),
    osUser,
    profileId: result.profileId,
    server: result.server,
    serverUrl: result.serverUrl,
    service: result.service,
    jobId: result.jobId,
    action: result.action,
    outcome: result.outcome,
    attempts: result.attempts,
    status: result.status,
  };
  if (result.message !== undefined) line.message = result.message;
  if (result.kind !== undefined) line.kind = result.kind;
  if (result.code !== undefined) line.code = result.code;
  if (result.submittedTime !== null) line.submittedTime = result.submittedTime;
  if (result.endTime !== null) line.endTime = result.endTime;
  if (result.username !== null) line.username = result.username;
  if (result.machinename !== null) line.machinename = result.machinename;
  return line;
}

/** The `run-end` line. */
export function auditRunEnd(
  runId: string,
  at: number,
  counts: AuditCounts,
  aborted: boolean,
  abortReason?: string,
): AuditRunEnd {
  const line: AuditRunEnd = { type: 'run-end', runId, time: iso(at), counts: { ...counts }, aborted };
  if (abortReason) line.abortReason = abortReason;
  return line;
}
