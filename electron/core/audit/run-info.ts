/**
 * A run as the audit log tells it, summed up from its lines: pure types (no Node), so the IPC views can
 * derive the run history's rows from them.
 */
import type { BulkAction, JobOutcome } from '../types';

/** Counts per outcome. */
export type AuditCounts = Record<JobOutcome, number>;

/** A server as named in a run. */
export interface AuditProfile {
  id: string;
  name: string;
  serverUrl: string | null;
}

/** A run as the audit log tells it. */
export interface AuditRunInfo {
  runId: string;
  action: BulkAction;
  /** ISO 8601. */
  startedAt: string;
  endedAt: string | null;
  osUser: string;
  profiles: AuditProfile[];
  /** Profile names, for lists. */
  servers: string[];
  total: number;
  /** Results per outcome, counted from the job lines. */
  counts: AuditCounts;
  /** Jobs with a result. */
  done: number;
  aborted: boolean;
  abortReason?: string;
  /** Started but never ended: the process died mid-run. */
  interrupted: boolean;
  /**
   * Jobs with a `job-start` line but no result (interrupted runs only): their request may have been sent.
   * The engine writes these lines ahead in batches and group-commits results, so this may include some
   * never sent or already answered; never fewer.
   */
  inFlight: number;
  retryOf?: string;
  /** The clean-up policy that started the run, when one did. */
  policy?: string;
  /** Who acknowledged the interruption, and when (retention may then remove the run). */
  acknowledged?: { time: string; osUser: string };
  /** Still being written by a live process on this machine (listed from the audit directory only). */
  running?: boolean;
}
