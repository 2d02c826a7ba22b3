/**
 * The audit log's line types. One JSON object per line, appended as things happen:
 *
 * - `run-start`: who started which action over how many jobs on which servers.
 * - `run-plan`: the run's jobs, in chunks, written before any request, so an interrupted run can be resumed.
 * - `job-start`: in the file before a job's first request, so a job the server may have acted on is in the
 *   log even if the process dies before the answer arrives. Written ahead in batches (see the lane).
 * - `job`: the job's one result, appended within a bounded delay of its finishing (group commit, see the
 *   run's ledger) and always before `run-end`.
 * - `run-end`: counts and whether the run was aborted. A run without it was interrupted.
 * - `run-ack`: someone acknowledged an interrupted run (checked what it left), so retention may remove it.
 *
 * These types are the file format, kept apart from the engine's own (JobResult, PlannedJob) on purpose:
 * logs outlive versions, so a field renamed or added inside the engine must not change what is written or
 * make older files unreadable. `../bulk/audit-records.ts` is the one place that maps the one onto the other
 * (`../bulk/audit-lines.ts` writes the per-job lines as bytes, tested to equal those records' JSON).
 */
import os from 'node:os';
import type { AppError, BulkAction, JobOutcome } from '../types';
import type { LineBuffer } from './json-bytes';
import type { AuditCounts, AuditProfile } from './run-info';

export type { AuditCounts, AuditProfile };

/** First line of a run. */
export interface AuditRunStart {
  type: 'run-start';
  runId: string;
  /** ISO 8601. */
  time: string;
  action: BulkAction;
  total: number;
  osUser: string;
  profiles: AuditProfile[];
  /** The run this one retries, when it does. */
  retryOf?: string;
  /** The clean-up policy that started the run, when one did (runs are tagged with its name). */
  policy?: string;
}

/** A job as planned: enough to run it again. */
export interface AuditPlannedJob {
  profileId: string;
  service: string;
  jobId: string;
  status: string;
  submittedTime?: number | null;
  endTime?: number | null;
  username?: string | null;
  machinename?: string | null;
}

/** A chunk of the run's jobs. */
export interface AuditRunPlan {
  type: 'run-plan';
  runId: string;
  jobs: AuditPlannedJob[];
}

/** A job is about to get its first request. */
export interface AuditJobStart {
  type: 'job-start';
  runId: string;
  time: string;
  profileId: string;
  service: string;
  jobId: string;
}

/** A job's one result. */
export interface AuditJobRecord {
  type: 'job';
  runId: string;
  time: string;
  osUser: string;
  profileId: string;
  /** The profile's name at the time. */
  server: string;
  serverUrl: string | null;
  service: string;
  jobId: string;
  action: BulkAction;
  outcome: JobOutcome;
  message?: string;
  kind?: AppError['kind'];
  code?: number;
  attempts?: number;
  status?: string;
  submittedTime?: number | null;
  endTime?: number | null;
  username?: string | null;
  machinename?: string | null;
}

/** Last line of a run that was not interrupted. */
export interface AuditRunEnd {
  type: 'run-end';
  runId: string;
  time: string;
  counts: AuditCounts;
  aborted: boolean;
  abortReason?: string;
}

/** An interrupted run acknowledged: its unfinished jobs were checked, retention may remove it. */
export interface AuditRunAck {
  type: 'run-ack';
  runId: string;
  time: string;
  osUser: string;
}

/** Any audit line. */
export type AuditRecord =
  AuditRunStart | AuditRunPlan | AuditJobStart | AuditJobRecord | AuditRunEnd | AuditRunAck;

/**
 * Lines of one run that their writer encodes into the log's buffer itself: each the UTF-8 of one record's
 * `JSON.stringify` text followed by a newline (the engine's per-job lines, see `../bulk/audit-lines.ts`).
 */
export interface EncodedLines {
  readonly runId: string;
  /** Appends the lines to `out`. */
  encodeInto(out: LineBuffer): void;
}

/**
 * Where a run writes its audit lines. `write` and `writeEncoded` resolve once the lines are appended, in
 * the order of the calls; `writeEncoded` never carries a run's `run-start` or `run-end`.
 */
export interface AuditSink {
  write(records: readonly AuditRecord[]): Promise<void>;
  writeEncoded(lines: EncodedLines): Promise<void>;
}

/** The operating-system user running the process (never throws). */
export function currentOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** Zero counts for every outcome. */
export function emptyCounts(): AuditCounts {
  return { deleted: 0, cancelled: 0, 'already-gone': 0, skipped: 0, failed: 0 };
}
