/**
 * Retries of idempotent reads (discovery, service JSON, job pages, job records and pages): an HTTP
 * 429/500/502/503/504 (JSON or a proxy's HTML page), a reset connection, a timeout or a cut-off body is
 * tried again after a bounded, jittered wait, or after the wait a 429 or 503 asked for in `Retry-After`
 * (up to a minute, and then every read of the client waits it out; see retry-after.ts). Each attempt
 * queues for the per-server limiter like any request and the wait holds no slot, so retries never exceed
 * the profile's concurrency. Mutations are never retried here: their outcome must be checked first (see
 * ../bulk/job-task.ts).
 */
import type { AppError, Result } from '../types';
import type { ServerHold } from './retry-after';
import { tooLongError, waitsTooLong } from './retry-after';

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export type ReadSleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * A read about to be tried again (the attempt it will be, of how many, why the last failed, the wait
 * first), or about to wait before it is sent because the server asked for a pause answering another
 * request (`paused`).
 */
export interface ReadRetryNotice {
  /** 2 for the first retry; 1 for a read not yet sent that waits out a pause (`paused`). */
  attempt: number;
  attempts: number;
  /**
   * Why the attempt before failed (refused, timed out, HTTP 503, ...); with `paused`, the answer to another
   * request that asked for the pause (HTTP 429 or 503 with its `Retry-After`).
   */
  error: AppError;
  /** How long it waits before that attempt (a `Retry-After` pause, or the jitter). */
  waitMs: number;
  /** The wait is a pause the server asked for answering another request (this read did not fail). */
  paused?: boolean;
  /** This read's first notice: a read tells its end (`onRecovered` or `onGaveUp`) once, after one or more. */
  first: boolean;
}

/** How reads are retried: attempts in all, and the ceiling of the first and of any wait. */
export interface ReadRetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How waits are waited (tests pass one that records them); default a timer. */
  sleep?: ReadSleep;
  /**
   * Told before each retry's wait, and before a read waits out a pause another answer asked for, so a
   * window can say the server is not answering and is retried, or asked to be left alone until when.
   */
  onRetry?: (notice: ReadRetryNotice) => void;
  /**
   * Told when a read that told `onRetry` got its answer (the server answers again), or was sent once the
   * pause it told was over (the notice is withdrawn; a retry after it tells `onRetry` as a first notice).
   */
  onRecovered?: () => void;
  /** Told when a read that told `onRetry` ended without an answer (failed for good, refused, cancelled). */
  onGaveUp?: () => void;
}

/** Four attempts at most; waits drawn from [0, 0.3 s], [0, 0.6 s], [0, 1.2 s]. */
export const DEFAULT_READ_RETRY: ReadRetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 3_000 };

const RETRYABLE_CODES = new Set([429, 500, 502, 503, 504]);

/** Whether a failed read may succeed when simply asked again. */
export function isRetryableRead(e: AppError): boolean {
  if (e.kind === 'aborted') return false;
  if (e.kind === 'timeout' || e.kind === 'network' || e.transient === true) return true;
  return e.kind === 'server' && e.code !== undefined && RETRYABLE_CODES.has(e.code);
}

/** A timer that resolves after `ms`, or as soon as `signal` aborts. */
export const timerWait: ReadSleep = (ms, signal) =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

const CANCELLED: AppError = { kind: 'aborted', message: 'Cancelled.' };

/** A read's notices: each tells whether it is the read's first; `end` tells the read's end if it told any. */
class Notices {
  told = false;
  constructor(private readonly policy: ReadRetryPolicy) {}

  /** The last notice told was a pause (`paused`), not a retry. */
  pausedTold = false;

  tell(notice: Omit<ReadRetryNotice, 'first'>): void {
    this.policy.onRetry?.({ ...notice, first: !this.told });
    this.told = true;
    this.pausedTold = notice.paused === true;
  }

  /** Before attempt `attempt` is sent: a pause another answer asked for, when one runs. */
  paused(hold: ServerHold, attempt: number, attempts: number): void {
    const pause = hold.pause();
    if (!pause) return;
    const error = pause.reason ?? { kind: 'server', message: 'The server asked for a pause (Retry-After).' };
    this.tell({ attempt, attempts, error, waitMs: pause.waitMs, paused: true });
  }

  /**
   * The pause this read told is over and the read is sent: its notice is withdrawn (as at an answer), so no
   * "waiting until" a time past stays up while the read is in flight; a retry after it is a first notice.
   */
  sent(): void {
    if (!this.pausedTold) return;
    this.policy.onRecovered?.();
    this.told = false;
    this.pausedTold = false;
  }

  /** `r`, telling `onRecovered` or `onGaveUp` when this read told a notice. */
  end<T>(r: Result<T>): Result<T> {
    if (this.told) (r.ok ? this.policy.onRecovered : this.policy.onGaveUp)?.();
    return r;
  }
}

/**
 * Runs `read` until it succeeds, fails for good, or the attempts are spent; the last failure says how many.
 * With `hold` (the server's, shared by the client's reads), each attempt first waits out any pause a
 * `Retry-After` asked for, and a read answered with one pauses them all; a pause longer than a minute
 * fails the read at once, saying what the server asked for, and every read of the hold after it until
 * that time, without sending anything.
 */
export async function retryRead<T>(
  read: () => Promise<Result<T>>,
  signal: AbortSignal | undefined,
  policy: ReadRetryPolicy = DEFAULT_READ_RETRY,
  hold?: ServerHold,
  random: () => number = Math.random,
): Promise<Result<T>> {
  const sleep = policy.sleep ?? timerWait;
  const nap = (ms: number): Promise<void> => sleep(ms, signal);
  const notices = new Notices(policy);
  const cancelled = (): Result<T> => notices.end({ ok: false, error: CANCELLED });
  let last: Result<T> | null = null;
  for (let attempt = 1; attempt <= Math.max(1, policy.attempts); attempt++) {
    let waitTold = false; // this attempt's wait is the pause its own answer asked for, told already
    if (attempt > 1) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 2));
      const failed = (last as Extract<Result<T>, { ok: false }>).error;
      const asked = failed.retryAfterMs ?? 0;
      // The hold waits out a pause asked for; no pause (none, 0 or a past date) keeps the jitter.
      const jitter = asked <= 0 || !hold ? Math.max(asked, Math.floor(random() * ceiling)) : null;
      notices.tell({ attempt, attempts: policy.attempts, error: failed, waitMs: jitter ?? asked });
      waitTold = jitter === null;
      if (jitter !== null) await nap(jitter);
      if (signal?.aborted) return cancelled();
    }
    if (hold?.held) {
      // A pause another answer asked for: the read says why it waits before it is sent.
      const tellPause = (): void => notices.paused(hold, attempt, policy.attempts);
      if (!waitTold && policy.onRetry) tellPause();
      // Another answer lengthened the pause while this read waited: the new end is told too.
      await hold.pass(nap, signal, policy.onRetry && tellPause);
      if (signal?.aborted) return cancelled();
      notices.sent();
    }
    const refused = hold?.refused();
    if (refused) return notices.end({ ok: false, error: refused });
    last = await read();
    if (last.ok || !isRetryableRead(last.error)) return notices.end(last);
    if (waitsTooLong(last.error)) {
      hold?.refuse(last.error);
      return notices.end({ ok: false, error: tooLongError(last.error) });
    }
    if (last.error.retryAfterMs !== undefined) hold?.holdFor(last.error.retryAfterMs, last.error);
  }
  const failed = last as Extract<Result<T>, { ok: false }>;
  if (policy.attempts <= 1) return notices.end(failed);
  return notices.end({
    ok: false,
    error: { ...failed.error, message: `${failed.error.message} (after ${policy.attempts} attempts)` },
  });
}
