/**
 * One job from first request to its one result: the action with bounded retries of transient failures,
 * then, when the action did not succeed, a check of whether the job still exists before calling it failed.
 *
 * The rule this module keeps: a job is `deleted` (or `cancelled`) only when the server answered success.
 * A job found gone after a failed delete is `already-gone`, and says so plainly when an earlier attempt
 * was interrupted (timeout, reset, gateway error) and may have been the one that removed it.
 */
import { tooLongError, waitsTooLong, wasNotSent } from '../arcgis/retry-after';
import type { ServerHold } from '../arcgis/retry-after';
import { CANCELLABLE_STATUSES } from '../types';
import type { AppError, BulkAction, JobOutcome, Result } from '../types';
import { MESSAGES, describeError, failedWith, jobResult } from './job-result';
import { statusLabel } from './plan';
import {
  hasUnknownOutcome,
  heedRetryAfter,
  isConnectionFailure,
  isTransient,
  waitToRetry,
} from './retry-policy';
import type { RunControl } from './run-control';
import type { JobOperations, JobResult, PlannedJob, RetryPolicy, ServerPlan, Sleep } from './types';

/** Everything one job needs from its run. */
export interface JobContext {
  action: BulkAction;
  ops: JobOperations;
  control: RunControl;
  retry: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  /** The server's pause after it answered `Retry-After`: every request of the lane waits it out. */
  hold: ServerHold;
  /** Why a job stopped before its first request (the run's abort reason). */
  notStartedMessage: () => string;
}

/** A job's result plus what it says about the server's health. */
export interface JobTaskOutcome {
  result: JobResult;
  /** Some request got a real answer from the site (success or an ArcGIS error). */
  reached: boolean;
  /** Set when the job failed without ever reaching the server. */
  connectionError?: AppError;
  /**
   * The server could not be reached even to check the job after transient failures: the result is only
   * provisional, and worth one more round once the server answers again.
   */
  retryLater?: boolean;
}

/** What an earlier round of the same job left behind (a job retried later in the run). */
export interface PriorRound {
  attempts: number;
  interrupted: boolean;
  /** The earlier round's result, which stands if this round is stopped before it learns more. */
  provisional: JobResult;
}

/** Requests one check of a job may make (a check is a read: retried on transient or unknown answers). */
export const CHECK_ATTEMPTS = 2;
const CANCELLED_STATUSES = new Set(['esriJobCancelling', 'esriJobCancelled']);

/** One request of `ops` about `job`, a throw turned into a failure (an abort's into `aborted`). */
async function call<T>(
  request: (service: string, jobId: string, signal: AbortSignal) => Promise<Result<T>>,
  ops: JobOperations,
  job: PlannedJob,
  signal: AbortSignal,
): Promise<Result<T>> {
  try {
    return await request.call(ops, job.service, job.jobId, signal);
  } catch (thrown) {
    return thrownResult(thrown, signal);
  }
}

/** A request that threw, as a failure (an abort's as `aborted`). */
function thrownResult(thrown: unknown, signal: AbortSignal): { ok: false; error: AppError } {
  if (signal.aborted) return { ok: false, error: { kind: 'aborted', message: MESSAGES.abortedInFlight } };
  const text = thrown instanceof Error ? thrown.message : String(thrown);
  return { ok: false, error: { kind: 'server', message: `Unexpected error: ${text}`, transient: false } };
}

/**
 * Runs `action` on `job` until it has one result. Never throws for a server's failure. `written` is the
 * job's write-ahead audit line (true once it is in the log): the first request waits for it, and a line that
 * could not be written stops the job before anything is sent.
 */
export async function runJob(
  job: PlannedJob,
  server: ServerPlan,
  ctx: JobContext,
  written: boolean | Promise<boolean>,
  prior?: PriorRound,
): Promise<JobTaskOutcome> {
  // The common case, a first request that succeeds, without the retry loop's state and closures.
  const { action, ops, control } = ctx;
  if (prior || !control.runnable || ctx.hold.held) return runRounds(job, server, ctx, written, prior);
  if ((written !== true && !(await written)) || control.stopped) return runRounds(job, server, ctx, false);
  const signal = control.requestSignal;
  let answer: Result<void>;
  try {
    // Called here rather than through `call`: one async frame less per job.
    answer = await (action === 'delete'
      ? ops.deleteJob(job.service, job.jobId, signal)
      : ops.cancelJob(job.service, job.jobId, signal));
  } catch (thrown) {
    answer = thrownResult(thrown, signal);
  }
  if (!answer.ok) return runRounds(job, server, ctx, true, undefined, answer);
  const outcome = action === 'delete' ? 'deleted' : 'cancelled';
  return { result: jobResult(job, server, action, outcome, ctx.now(), { attempts: 1 }), reached: true };
}

/** `runJob` from its first attempt (whose answer, `first`, may already be in) to its one result. */
async function runRounds(
  job: PlannedJob,
  server: ServerPlan,
  ctx: JobContext,
  written: boolean | Promise<boolean>,
  prior?: PriorRound,
  first?: Result<void>,
): Promise<JobTaskOutcome> {
  const { action, ops, control } = ctx;
  const signal = control.requestSignal;
  const done = (outcome: JobOutcome, extra: Parameters<typeof jobResult>[5] = {}): JobResult =>
    jobResult(job, server, action, outcome, ctx.now(), { attempts, ...extra });
  let attempts = prior?.attempts ?? 0;
  let tries = 0;
  let reached = false;
  let interrupted = prior?.interrupted ?? false;
  let lastError: AppError | undefined;
  let pendingCheck: Result<{ status: string }> | undefined;

  for (let attempt = 1; attempt <= ctx.retry.maxAttempts; attempt++) {
    const answered = attempt === 1 ? first : undefined;
    if (!answered) {
      if (ctx.hold.held) await waitToRetry(ctx, 0, control.stopSignal);
      if (!(control.runnable || (await control.whenRunnable()))) return { result: stoppedResult(), reached };
      if (attempt === 1 && !prior && ((written !== true && !(await written)) || control.stopped)) {
        return { result: stoppedResult(), reached };
      }
    }
    attempts++;
    tries++;
    const answer =
      answered ?? (await call(action === 'delete' ? ops.deleteJob : ops.cancelJob, ops, job, signal));
    if (answer.ok) return { result: done(action === 'delete' ? 'deleted' : 'cancelled'), reached: true };
    if (answer.error.kind === 'aborted' || signal.aborted) {
      return { result: done('failed', { message: MESSAGES.abortedInFlight, kind: 'aborted' }), reached };
    }
    lastError = answer.error;
    if (wasNotSent(answer.error)) {
      // The hold refused it: never sent, so no attempt, and it cannot have reached the server.
      attempts--;
      tries--;
      break;
    }
    if (!isConnectionFailure(answer.error)) reached = true;
    if (heedRetryAfter(ctx.hold, answer.error)) break;
    if (!isTransient(answer.error)) {
      if (!hasUnknownOutcome(answer.error) || attempt === ctx.retry.maxAttempts) break;
      // A 5xx, an HTML page or no "success": the job may or may not have been acted on. Ask first;
      // retry only while it is still there to act on.
      interrupted = true;
      const check = await checkJob();
      // A check asked to wait longer than we do is not unsure: nothing more is sent, not even the action.
      const unsure =
        !check.ok &&
        !waitsTooLong(check.error) &&
        (isTransient(check.error) || hasUnknownOutcome(check.error));
      if (!unsure && (!check.ok || !stillToDo(check.value.status))) {
        pendingCheck = check;
        break;
      }
      if (check.ok) reached = true;
      await waitToRetry(ctx, attempt, control.stopSignal);
      continue;
    }
    interrupted = true;
    if (attempt < ctx.retry.maxAttempts) await waitToRetry(ctx, attempt, control.stopSignal);
  }
  const error = lastError!;
  // The server asked to be left alone longer than we wait: nothing more is sent, not even a check.
  if (waitsTooLong(error)) return refused(error);
  if (pendingCheck && !pendingCheck.ok && waitsTooLong(pendingCheck.error)) {
    return refused(pendingCheck.error, error);
  }
  const gaveUp =
    isTransient(error) || (hasUnknownOutcome(error) && tries > 1) ? `Gave up after ${tries} attempts: ` : '';

  // Bad credentials, TLS and the like: a check would fail the same way.
  if (!pendingCheck && !isTransient(error) && !hasUnknownOutcome(error) && isConnectionFailure(error)) {
    return { result: done('failed', failedWith(error)), reached, connectionError: error };
  }
  if (!(await control.whenRunnable())) return { result: stoppedResult(), reached };

  const actionReached = reached;
  const check = pendingCheck ?? (await checkJob());
  if (!check.ok && waitsTooLong(check.error)) return refused(check.error, error);
  if (check.ok) reached = true;
  else if (!isConnectionFailure(check.error)) reached = true;
  const unreachable = reached ? undefined : error;

  if (!check.ok && check.error.kind === 'not-found') {
    const message = interrupted
      ? MESSAGES.goneAfterInterrupt
      : `${MESSAGES.goneAlready} (${describeError(error)})`;
    return { result: done('already-gone', { message }), reached };
  }
  if (!check.ok) {
    const maybe = interrupted ? ' An earlier attempt may have reached the server; refresh to check.' : '';
    const message = `${gaveUp}${describeError(error)}. Could not check the job afterwards: ${check.error.message}.${maybe}`;
    const retryLater = unreachable !== undefined && isTransient(error);
    return {
      result: done('failed', failedWith(error, message)),
      reached,
      connectionError: unreachable,
      retryLater,
    };
  }
  const status = check.value.status;
  if (action === 'delete' && status === 'esriJobDeleted') {
    const message = interrupted ? MESSAGES.goneAfterInterrupt : 'The server reports the job as Deleted.';
    return { result: done('already-gone', { message, status }), reached };
  }
  if (action === 'cancel' && !CANCELLABLE_STATUSES.includes(status as never)) {
    if (CANCELLED_STATUSES.has(status) && interrupted) {
      const message = `Confirmed ${statusLabel(status)} by the job's status after an interrupted request.`;
      return { result: done('cancelled', { message, status }), reached };
    }
    const message = `No longer cancellable: the job is now ${statusLabel(status)}.`;
    return { result: done('skipped', { message, status }), reached };
  }
  const failed = done('failed', { ...failedWith(error, `${gaveUp}${describeError(error)}`), status });
  // Every attempt failed at the network (refused, reset), yet the check just reached the server (it came
  // back meanwhile): the job was most likely never acted on, so it gets one more round rather than a
  // failure (the lane allows one). A gateway's 5xx is left as it is: the site itself may be the problem.
  const neverTried = !actionReached && error.kind === 'network';
  return { result: failed, reached, ...(neverTried ? { retryLater: true } : {}) };

  /** Whether the job, as just checked, still needs the action. */
  function stillToDo(status: string): boolean {
    if (action === 'delete') return status !== 'esriJobDeleted';
    return CANCELLABLE_STATUSES.includes(status as never);
  }

  /**
   * The job's end when the server asked to be left alone longer than GP Job Admin waits (`Retry-After`):
   * `refusal` is that answer, the action's or (after the action failed with `actionError`) its check's.
   * Nothing more is sent for the job, and the lane's breaker hears of it as a server it cannot reach
   * whatever an earlier answer was, so the lane's other jobs soon stop sending too.
   */
  function refused(refusal: AppError, actionError?: AppError): JobTaskOutcome {
    const tooLong = tooLongError(refusal);
    // A 503 may be a front end's answer after the site acted (like any gateway 5xx here); a 429 is a rate
    // limit turning the request away before it reached the site.
    const maybe = interrupted
      ? ' An earlier attempt may have reached the server; refresh once that wait is over to check.'
      : !actionError && refusal.code === 503 && !wasNotSent(refusal)
        ? ' The request may have reached the server before its front end answered; refresh once that wait is over to check.'
        : '';
    const message = actionError
      ? `${describeError(actionError).replace(/\.$/, '')}. Could not check the job afterwards: ${tooLong.message}`
      : describeError(tooLong);
    const failed = done('failed', failedWith(actionError ?? refusal, message + maybe));
    return { result: failed, reached: false, connectionError: tooLong };
  }

  function stoppedResult(): JobResult {
    if (!lastError && prior) return prior.provisional;
    if (attempts === 0 || !lastError)
      return done('skipped', { message: ctx.notStartedMessage(), kind: 'aborted' });
    const maybe = interrupted ? ' An earlier attempt may have reached the server; refresh to check.' : '';
    return done('failed', failedWith(lastError, `Run stopped after: ${describeError(lastError)}.${maybe}`));
  }

  async function checkJob(): Promise<Result<{ status: string }>> {
    let last: Result<{ status: string }> | undefined;
    for (let attempt = 1; attempt <= CHECK_ATTEMPTS; attempt++) {
      await waitToRetry(ctx, attempt - 1, control.stopSignal);
      if (attempt > 1 && !(await control.whenRunnable())) break;
      attempts++;
      last = await call(ops.getJob, ops, job, signal);
      if (!last.ok && wasNotSent(last.error)) {
        attempts--;
        return last;
      }
      if (last.ok || !(isTransient(last.error) || hasUnknownOutcome(last.error))) return last;
      if (heedRetryAfter(ctx.hold, last.error)) return { ok: false, error: tooLongError(last.error) };
    }
    return (
      last ?? { ok: false, error: { kind: 'aborted', message: 'The run was stopped before the check.' } }
    );
  }
}
