/**
 * Running a bulk plan: every server in parallel on its own lane, every job to exactly one result, every
 * result appended to the audit log as it finishes and handed to progress in coalesced events. The parts:
 * the ledger (results, counts, audit: run-ledger.ts), the lanes (run-lanes.ts, server-lane.ts) and the
 * control (pause, resume, stop: run-control.ts); this file wires them and runs the phases in order.
 */
import { randomUUID } from 'node:crypto';
import { ServerHold } from '../arcgis/retry-after';
import { currentOsUser } from '../audit/records';
import type { AuditSink } from '../audit/records';
import type { AppError, BulkAction } from '../types';
import { auditRunEnd, auditRunStart } from './audit-records';
import type { HeldOperations } from './client-operations';
import { jobResult, MESSAGES } from './job-result';
import type { JobContext } from './job-task';
import { planBulk } from './plan';
import type { Schedule } from './progress';
import { DEFAULT_BREAKER, DEFAULT_RETRY, timerSleep } from './retry-policy';
import { RunControl } from './run-control';
import { RunLanes } from './run-lanes';
import { RunLedger } from './run-ledger';
import { RunProgress } from './run-progress';
import type {
  BreakerPolicy,
  BulkJob,
  BulkPlan,
  BulkProfile,
  BulkProgressEvent,
  BulkRunSummary,
  BulkSnapshot,
  JobResult,
  RetryPolicy,
  ServerPlan,
  Sleep,
} from './types';

/** What a run does: a plan the user confirmed, or jobs and an action to plan here. */
export type RunWork =
  | { plan: BulkPlan }
  | { plan?: undefined; jobs: readonly BulkJob[]; action: BulkAction; profiles?: readonly BulkProfile[] };

/** How a run goes: its connections, audit log, policies, clock and progress listener. */
export interface RunSettings {
  /** One set of operations per profile id (with its server's `Retry-After` hold, when it has one to share). */
  operations: ReadonlyMap<string, HeldOperations>;
  /** Per-profile concurrency overriding the plan's. */
  concurrency?: Readonly<Record<string, number>>;
  audit?: AuditSink;
  runId?: string;
  /** The run this one retries (recorded in the audit log). */
  retryOf?: string;
  /** The clean-up policy that started the run (recorded in the audit log). */
  policy?: string;
  osUser?: string;
  now?: () => number;
  random?: () => number;
  sleep?: Sleep;
  /** The timer of progress events and of the audit log's group commit (tests pass their own). */
  schedule?: Schedule;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerPolicy>;
  onProgress?: (event: BulkProgressEvent) => void;
  progressIntervalMs?: number;
}

/** Options of `startBulkRun`. */
export type BulkRunOptions = RunWork & RunSettings;

/** A run in progress. */
export interface BulkRun {
  runId: string;
  plan: BulkPlan;
  /** No new request starts until `resume` (requests in flight finish). */
  pause(): void;
  resume(): void;
  /**
   * Nothing new starts; requests in flight are aborted (their jobs are reported failed, kind `aborted`,
   * since the server may have acted), or, with `waitForInFlight`, allowed to finish with their true result.
   */
  abort(options?: { waitForInFlight?: boolean; reason?: string }): void;
  snapshot(): BulkSnapshot;
  /** Resolves when every job has its result and the audit log is flushed. Never rejects for server failures. */
  done: Promise<BulkRunSummary>;
}

/** The wired parts of one run. */
interface Run {
  runId: string;
  plan: BulkPlan;
  options: BulkRunOptions;
  now: () => number;
  osUser: string;
  startedAt: number;
  control: RunControl;
  ledger: RunLedger;
  lanes: RunLanes;
  progress: RunProgress;
  /** Stops the run (nothing new starts), the first reason kept. */
  stop(abortInFlight: boolean, reason: string): void;
  /** The result of a job failed without a request. */
  failed(index: number, message: string, error: AppError): JobResult;
  /** Message and kind of a job a stop left untouched. */
  notStarted(): Pick<JobResult, 'message' | 'kind'>;
}

/** Starts the plan (or plans the jobs) and returns its controls at once. */
export function startBulkRun(options: BulkRunOptions): BulkRun {
  const run = wire(options);
  const { control, progress } = run;
  return {
    runId: run.runId,
    plan: run.plan,
    pause: () => {
      if (control.pause()) progress.poke();
    },
    resume: () => {
      if (control.resume()) progress.resumed();
    },
    abort: (abortOptions = {}) =>
      run.stop(!abortOptions.waitForInFlight, abortOptions.reason ?? 'Aborted by the user.'),
    snapshot: () => progress.snapshot(),
    done: execute(run),
  };
}

/** Builds the ledger, lanes, control and progress of a run, each told about the others it needs. */
function wire(options: BulkRunOptions): Run {
  const plan =
    options.plan ??
    planBulk(options.jobs, options.action, options.profiles ?? [], { concurrency: options.concurrency });
  const runId = options.runId ?? randomUUID();
  const now = options.now ?? Date.now;
  const osUser = options.osUser ?? currentOsUser();
  const startedAt = now();
  const control = new RunControl();
  const stop = (abortInFlight: boolean, reason: string): void => {
    control.stop(abortInFlight, reason);
    progress.poke();
  };
  const ledger = new RunLedger({
    runId,
    plan,
    osUser,
    serverOf: (index): ServerPlan => lanes.serverOf(index),
    ...(options.audit ? { audit: options.audit } : {}),
    onResult: (index) => progress.push(index),
    ...(options.schedule ? { schedule: options.schedule } : {}),
    onAuditFailure: (message) =>
      stop(
        false,
        `The audit log could not be written (${message}); the run was stopped so no job goes unrecorded.`,
      ),
  });
  const notStarted = (): Pick<JobResult, 'message' | 'kind'> => ({
    message: ledger.auditError ? `Not started: ${control.stopReason}` : MESSAGES.notStarted,
    kind: 'aborted',
  });
  const failed = (index: number, message: string, error: AppError): JobResult => {
    const extra = { message, kind: error.kind, ...(error.code === undefined ? {} : { code: error.code }) };
    return jobResult(plan.jobs[index]!, lanes.serverOf(index), plan.action, 'failed', now(), extra);
  };
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? timerSleep;
  const context = (server: ServerPlan): JobContext => {
    const ops = options.operations.get(server.profileId);
    return {
      action: plan.action,
      ops: ops!,
      control,
      retry,
      sleep,
      random: options.random ?? Math.random,
      now,
      // The client's pause when the operations hand one on (one hold per server), else the lane's own.
      hold: ops?.hold ?? new ServerHold(now),
      notStartedMessage: () => notStarted().message!,
    };
  };
  const lanes = new RunLanes(plan, options.operations, options.concurrency, {
    control,
    sleep,
    breaker: { ...DEFAULT_BREAKER, ...options.breaker },
    context,
    writeAhead: (indices) => ledger.writeAhead(indices, now()),
    record: (index, result) => ledger.record(index, result),
    failFast: failed,
    onStateChange: () => progress.poke(),
  });
  const progress = new RunProgress({
    runId,
    plan,
    startedAt,
    now,
    ledger,
    control,
    servers: () => lanes.progress(),
    ...(options.schedule ? { schedule: options.schedule } : {}),
    ...(options.progressIntervalMs === undefined ? {} : { intervalMs: options.progressIntervalMs }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return {
    runId,
    plan,
    options,
    now,
    osUser,
    startedAt,
    control,
    ledger,
    lanes,
    progress,
    stop,
    failed,
    notStarted,
  };
}

/**
 * The phases of a run: the run's start and plan in the audit log; jobs that need no request settled; the
 * lanes run (unless the audit log refused the start); jobs a stop left untouched settled; every result
 * line flushed; the run's end written; the final progress event and the summary.
 */
async function execute(run: Run): Promise<BulkRunSummary> {
  const { runId, plan, startedAt, control, ledger, lanes } = run;
  const started = await ledger.writeStart(
    auditRunStart(runId, startedAt, plan, lanes.servers, run.osUser, run.options.retryOf, run.options.policy),
  );
  settleUnrunnable(run);
  if (started) await lanes.run();
  settleNotStarted(run);
  await ledger.settle();
  const endedAt = run.now();
  await ledger.write([auditRunEnd(runId, endedAt, ledger.counts, control.stopped, control.stopReason)]);
  run.progress.finish();
  // The results are made again from the ledger when first read, not for every run at its end: the CLI
  // reads them, the app never does (its window got them with the progress events), and a result object per
  // job, made as the run ends and held by its summary, was the largest allocation of a run's last moment.
  let results: JobResult[] | undefined;
  const summary: BulkRunSummary = {
    runId,
    action: plan.action,
    total: plan.total,
    counts: { ...ledger.counts },
    aborted: control.stopped,
    startedAt,
    endedAt,
    get results() {
      return (results ??= ledger.all());
    },
  };
  if (control.stopReason) summary.abortReason = control.stopReason;
  if (ledger.auditError) summary.auditError = ledger.auditError;
  return summary;
}

/** Settles the jobs no request is made for: an ineligible job is skipped, one without a connection fails. */
function settleUnrunnable({ plan, options, lanes, ledger, now, failed }: Run): void {
  plan.jobs.forEach((job, index) => {
    if (!job.eligible) {
      lanes.countDone(index);
      const extra = { message: job.skipReason };
      ledger.record(index, jobResult(job, lanes.serverOf(index), plan.action, 'skipped', now(), extra));
    } else if (!options.operations.has(job.profileId)) {
      lanes.countDone(index);
      const message = `No connection to ${lanes.serverOf(index).name} is available; the job was not touched.`;
      ledger.record(index, failed(index, message, { kind: 'config', message }));
    }
  });
}

/** Reports every job a stop left untouched as not started. */
function settleNotStarted({ plan, lanes, ledger, now, notStarted }: Run): void {
  plan.jobs.forEach((job, index) => {
    if (ledger.has(index)) return;
    lanes.countDone(index);
    ledger.record(index, jobResult(job, lanes.serverOf(index), plan.action, 'skipped', now(), notStarted()));
  });
}
