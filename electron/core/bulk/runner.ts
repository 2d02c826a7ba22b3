/**
 * Running a bulk plan: every server in parallel on its own lane, every job to exactly one result, every
 * result appended to the audit log as it finishes and handed to progress in coalesced events.
 */
import { randomUUID } from 'node:crypto';
import { currentOsUser, emptyCounts } from '../audit/records';
import type { AuditRecord, AuditSink } from '../audit/records';
import type { AppError, BulkAction } from '../types';
import { jobResult, MESSAGES } from './job-task';
import type { JobContext } from './job-task';
import { clampConcurrency, planBulk } from './plan';
import { DEFAULT_PROGRESS_INTERVAL_MS, etaSeconds, ProgressCoalescer, RateMeter } from './progress';
import type { Schedule } from './progress';
import { DEFAULT_BREAKER, DEFAULT_RETRY, timerSleep } from './retry-policy';
import { RunControl } from './run-control';
import { ServerLane } from './server-lane';
import { auditJobRecord, auditJobStart, auditRunEnd, auditRunStart, auditRunPlan } from './audit-records';
import type {
  BreakerPolicy,
  BulkJob,
  BulkPlan,
  BulkProfile,
  BulkProgressEvent,
  BulkRunSummary,
  BulkSnapshot,
  JobOperations,
  JobResult,
  PlannedJob,
  RetryPolicy,
  Sleep,
} from './types';

/** Options of `startBulkRun`: a plan, or jobs + action + profiles to plan from. */
export interface BulkRunOptions {
  plan?: BulkPlan;
  jobs?: readonly BulkJob[];
  action?: BulkAction;
  profiles?: readonly BulkProfile[];
  /** One set of operations per profile id. */
  operations: ReadonlyMap<string, JobOperations>;
  /** Per-profile concurrency overriding the plan's. */
  concurrency?: Readonly<Record<string, number>>;
  audit?: AuditSink;
  runId?: string;
  /** The run this one retries (recorded in the audit log). */
  retryOf?: string;
  osUser?: string;
  now?: () => number;
  random?: () => number;
  sleep?: Sleep;
  schedule?: Schedule;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerPolicy>;
  onProgress?: (event: BulkProgressEvent) => void;
  progressIntervalMs?: number;
}

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

/** Starts `options.plan` (or plans `jobs`) and returns its controls at once. */
export function startBulkRun(options: BulkRunOptions): BulkRun {
  const plan = options.plan ?? planFrom(options);
  const runId = options.runId ?? randomUUID();
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const breaker: BreakerPolicy = { ...DEFAULT_BREAKER, ...options.breaker };
  const osUser = options.osUser ?? currentOsUser();
  const control = new RunControl();
  const results: Array<JobResult | undefined> = new Array<JobResult | undefined>(plan.total);
  const counts = emptyCounts();
  const rate = new RateMeter();
  const startedAt = now();
  let done = 0;
  let finished = false;
  let abortReason: string | undefined;
  let auditError: string | undefined;

  const servers = plan.servers.map((s) => {
    const wanted = options.concurrency?.[s.profileId];
    return wanted === undefined ? s : { ...s, concurrency: clampConcurrency(wanted) };
  });
  const serverIndex = new Map(servers.map((s, i) => [s.profileId, i]));
  const serverOf = (index: number) => servers[serverIndex.get(plan.jobs[index]!.profileId)!]!;

  const audit = (records: AuditRecord[]): Promise<boolean> =>
    options.audit
      ? options.audit.write(records).then(
          () => true,
          (error: unknown) => (onAuditFailure(error), false),
        )
      : Promise.resolve(true);
  const pendingAudit = new Set<Promise<boolean>>();

  const snapshot = (): BulkSnapshot => {
    const ratePerSec = finished ? (done * 1000) / Math.max(1, now() - startedAt) : rate.sample(now(), done);
    return {
      runId,
      action: plan.action,
      total: plan.total,
      done,
      counts: { ...counts },
      ratePerSec: Math.round(ratePerSec * 10) / 10,
      etaSeconds: control.paused ? null : etaSeconds(plan.total - done, ratePerSec),
      paused: control.paused,
      finished,
      aborted: control.stopped,
      servers: lanes.map((lane, i) => lane.progress(servers[i]!.total)),
    };
  };
  const progress = new ProgressCoalescer({
    intervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
    now,
    schedule: options.schedule,
    emit: (batch) => {
      if (!options.onProgress) return;
      try {
        options.onProgress({ ...snapshot(), results: batch });
      } catch {
        // A listener's own failure must not break the run or lose results.
      }
    },
  });

  const record = (index: number, result: JobResult): void => {
    if (results[index]) throw new Error(`Bulk engine bug: job ${result.jobId} got a second result`);
    results[index] = result;
    counts[result.outcome]++;
    done++;
    progress.push(result);
    const written = audit([auditJobRecord(runId, osUser, result)]);
    pendingAudit.add(written);
    void written.then(() => pendingAudit.delete(written));
  };

  function onAuditFailure(error: unknown): void {
    if (auditError) return;
    auditError = error instanceof Error ? error.message : String(error);
    stop(
      false,
      `The audit log could not be written (${auditError}); the run was stopped so no job goes unrecorded.`,
    );
  }

  function stop(abortInFlight: boolean, reason: string): void {
    abortReason ??= reason;
    control.stop(abortInFlight);
    progress.poke();
  }

  const contextFor = (index: number): Omit<JobContext, 'beforeFirstRequest'> => ({
    action: plan.action,
    ops: options.operations.get(plan.jobs[index]!.profileId)!,
    control,
    retry,
    sleep,
    random: options.random ?? Math.random,
    now,
    notStartedMessage: () => notStarted().message!,
  });
  const writeAhead = (indices: number[]): Promise<boolean> => {
    const time = now();
    return audit(indices.map((index) => auditJobStart(runId, time, plan.jobs[index]!)));
  };

  // Each server's eligible jobs, in plan order, grouped in one pass.
  const laneJobs = servers.map((): Array<{ index: number; job: PlannedJob }> => []);
  plan.jobs.forEach((job, index) => {
    if (job.eligible && options.operations.has(job.profileId))
      laneJobs[serverIndex.get(job.profileId)!]!.push({ index, job });
  });
  const lanes = servers.map(
    (server, i) =>
      new ServerLane({
        server,
        jobs: laneJobs[i]!,
        control,
        sleep,
        breaker,
        context: contextFor,
        writeAhead,
        record,
        failFast: (index, message, error) => failedResult(index, message, error),
        onStateChange: () => progress.poke(),
      }),
  );

  function failedResult(index: number, message: string, error: AppError): JobResult {
    const extra = { message, kind: error.kind, ...(error.code === undefined ? {} : { code: error.code }) };
    return jobResult(plan.jobs[index]!, serverOf(index), plan.action, 'failed', now(), extra);
  }

  async function execute(): Promise<BulkRunSummary> {
    const started = await audit([
      auditRunStart(runId, startedAt, plan, servers, osUser, options.retryOf),
      ...auditRunPlan(runId, plan.jobs),
    ]);
    plan.jobs.forEach((job, index) => {
      const lane = lanes[serverIndex.get(job.profileId)!]!;
      if (!job.eligible) {
        lane.countDone();
        record(
          index,
          jobResult(job, serverOf(index), plan.action, 'skipped', now(), { message: job.skipReason }),
        );
      } else if (!options.operations.has(job.profileId)) {
        lane.countDone();
        const message = `No connection to ${serverOf(index).name} is available; the job was not touched.`;
        record(index, failedResult(index, message, { kind: 'config', message }));
      }
    });
    if (started) await Promise.all(lanes.map((lane) => lane.run()));
    plan.jobs.forEach((job, index) => {
      if (results[index]) return;
      lanes[serverIndex.get(job.profileId)!]!.countDone();
      record(index, jobResult(job, serverOf(index), plan.action, 'skipped', now(), notStarted()));
    });
    while (pendingAudit.size > 0) await Promise.all(pendingAudit);
    const endedAt = now();
    await audit([auditRunEnd(runId, endedAt, counts, control.stopped, abortReason)]);
    finished = true;
    progress.close();
    const summary: BulkRunSummary = {
      runId,
      action: plan.action,
      total: plan.total,
      counts: { ...counts },
      aborted: control.stopped,
      startedAt,
      endedAt,
      results: results as JobResult[],
    };
    if (abortReason) summary.abortReason = abortReason;
    if (auditError) summary.auditError = auditError;
    return summary;
  }

  function notStarted(): Pick<JobResult, 'message' | 'kind'> {
    const message = auditError ? `Not started: ${abortReason}` : MESSAGES.notStarted;
    return { message, kind: 'aborted' };
  }

  return {
    runId,
    plan,
    pause: () => {
      if (control.pause()) progress.poke();
    },
    resume: () => {
      if (control.resume()) {
        rate.reset();
        progress.poke();
      }
    },
    abort: (abortOptions = {}) =>
      stop(!abortOptions.waitForInFlight, abortOptions.reason ?? 'Aborted by the user.'),
    snapshot,
    done: execute(),
  };
}

function planFrom(options: BulkRunOptions): BulkPlan {
  if (!options.jobs || !options.action) throw new Error('startBulkRun needs a plan, or jobs and an action');
  return planBulk(options.jobs, options.action, options.profiles ?? [], { concurrency: options.concurrency });
}
