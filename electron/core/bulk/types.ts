/**
 * The bulk engine's vocabulary: what it asks of a server, what a plan says, what each job ends as,
 * and what progress looks like. Plain data everywhere, so plans, results and events cross IPC unchanged.
 * Types only, no Node: the core's vocabulary re-exports them, and the IPC views derive from them.
 */
import type { AppError, BulkAction, Job, JobOutcome, JobRef, Result } from '../types';

/**
 * The three operations the engine needs from one server (one profile). The app and the CLI adapt their
 * ArcGIS client to this, so the engine never depends on how requests are made. Each call resolves to a
 * Result; `getJob` fails with kind `not-found` when the job no longer exists.
 */
export interface JobOperations {
  deleteJob(service: string, jobId: string, signal: AbortSignal): Promise<Result<void>>;
  cancelJob(service: string, jobId: string, signal: AbortSignal): Promise<Result<void>>;
  getJob(service: string, jobId: string, signal: AbortSignal): Promise<Result<{ status: string }>>;
}

/** What the engine needs to know about a server profile (a `Profile` fits). */
export interface BulkProfile {
  id: string;
  name: string;
  /** Simultaneous requests to this server (clamped to 1..64). */
  concurrency: number;
  production: boolean;
  /** Kept in the audit log so a record names the server even after the profile is gone. */
  serverUrl?: string;
}

/** A job named for a bulk run; the optional listing fields are kept for the audit log and exports. */
export interface BulkJob extends JobRef {
  submittedTime?: Job['submittedTime'];
  endTime?: Job['endTime'];
  username?: Job['username'];
  machinename?: Job['machinename'];
}

/** One job in a plan: whether the run will touch it, and why not when it will not. */
export interface PlannedJob extends BulkJob {
  eligible: boolean;
  /** Why the job is skipped, when it is not eligible. */
  skipReason?: string;
}

/** Jobs of one status within one service of a plan. */
export interface PlanStatusCount {
  status: string;
  count: number;
  eligible: number;
}

/** One service of a plan. */
export interface ServicePlan {
  service: string;
  statuses: PlanStatusCount[];
  total: number;
  eligible: number;
  skipped: number;
  /** Jobs still running that a delete cancels first. */
  running: number;
}

/** One server of a plan. */
export interface ServerPlan {
  profileId: string;
  name: string;
  serverUrl: string | null;
  production: boolean;
  /** Simultaneous requests the run will make to this server. */
  concurrency: number;
  services: ServicePlan[];
  total: number;
  eligible: number;
  skipped: number;
  running: number;
}

/** What a bulk action will do, before it does anything. A dry run is exactly this. */
export interface BulkPlan {
  action: BulkAction;
  /** Distinct jobs in the plan (duplicates removed). */
  total: number;
  eligible: number;
  skipped: number;
  /** Running jobs a delete will cancel first (0 for cancel). */
  running: number;
  /** Input entries dropped because they named a job already in the plan. */
  duplicates: number;
  servers: ServerPlan[];
  /** Names of production servers with at least one eligible job. */
  productionServers: string[];
  /** Every job, in input order, with its eligibility. */
  jobs: PlannedJob[];
}

/** The one final result of one job in a bulk run. */
export interface JobResult {
  profileId: string;
  /** The profile's name at the time of the run. */
  server: string;
  serverUrl: string | null;
  service: string;
  jobId: string;
  action: BulkAction;
  outcome: JobOutcome;
  /** Why, for every outcome except a plain deleted/cancelled. */
  message?: string;
  /** The failure category, for failed jobs (and skipped ones when a failure caused the skip). */
  kind?: AppError['kind'];
  /** The ArcGIS error code or HTTP status, when there was one. */
  code?: number;
  /** Requests made for this job, checks included. */
  attempts: number;
  /** Last known status (from the listing, or from the check after a failure). */
  status: string;
  submittedTime: number | null;
  endTime: number | null;
  username: string | null;
  machinename: string | null;
  /** Epoch ms when the result was known. */
  finishedAt: number;
}

/** Counts per outcome. */
export type OutcomeCounts = Record<JobOutcome, number>;

/** Health of one server during a run. */
export type ServerState = 'running' | 'cooling-down' | 'probing' | 'down' | 'finished';

/**
 * A server's line in progress reports: its health, or `paused` while the run is paused and the server
 * would otherwise be running (a paused run sends nothing, so "running" would mislead).
 */
export type ServerLineState = ServerState | 'paused';

/** One server's share of a run. */
export interface ServerProgress {
  profileId: string;
  name: string;
  total: number;
  done: number;
  inFlight: number;
  state: ServerLineState;
  /** The error that made the server cool down or go down. */
  lastError?: AppError;
  /**
   * Epoch ms until which the server asked (`Retry-After` on a 429 or 503, to this run or to a listing of
   * the same server) that nothing be sent: set while that pause lasts, and the lane sends nothing until then.
   */
  retryAfterUntil?: number;
}

/** The state of a run at one moment (no per-job results). */
export interface BulkSnapshot {
  runId: string;
  action: BulkAction;
  total: number;
  done: number;
  counts: OutcomeCounts;
  /** Jobs finished per second over the last few seconds. */
  ratePerSec: number;
  /** Null while paused or before the rate is known. */
  etaSeconds: number | null;
  paused: boolean;
  finished: boolean;
  aborted: boolean;
  servers: ServerProgress[];
}

/** A coalesced progress event: the snapshot plus the results finished since the previous event. */
export interface BulkProgressEvent extends BulkSnapshot {
  results: JobResult[];
}

/** How a finished (or aborted) run ended. */
export interface BulkRunSummary {
  runId: string;
  action: BulkAction;
  total: number;
  counts: OutcomeCounts;
  aborted: boolean;
  /** Why the run stopped early, when it did (user abort, audit log failure). */
  abortReason?: string;
  startedAt: number;
  endedAt: number;
  /** Every job's result, in plan order (the runner's summary makes them when first read: a getter). */
  readonly results: JobResult[];
  /** Set when the audit log could not be written; the run was aborted because of it. */
  auditError?: string;
}

/** Bounded retries of transient failures: exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Requests per operation, the first included (default 4). */
  maxAttempts: number;
  /** Upper bound of the first wait (default 500 ms); doubles per attempt. */
  baseDelayMs: number;
  /** No wait is longer than this (default 10 s). */
  maxDelayMs: number;
}

/** When a server counts as down, and how it is given a chance to come back. */
export interface BreakerPolicy {
  /** Jobs in a row failing to reach the server before its queue is held (default 5). */
  threshold: number;
  /** First wait before a probe job is tried (default 5 s); doubles per failed probe. */
  cooldownMs: number;
  /** Failed probes before the server's remaining jobs fail without a request (default 2). */
  maxProbes: number;
}

/** Waits `ms`; resolves early (never rejects) when `signal` aborts. Injected so tests never wait in real time. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;
