/**
 * Which failures are worth another try, which say the server itself is unreachable, and how long to wait.
 * Pure functions plus the default timer-based sleep, so the runner's policies are testable on their own.
 */
import type { ServerHold } from '../arcgis/retry-after';
import { waitsTooLong } from '../arcgis/retry-after';
import type { AppError } from '../types';
import type { BreakerPolicy, RetryPolicy, Sleep } from './types';

/** Four requests at most, waits drawn from [0, 0.5 s], [0, 1 s], [0, 2 s], never above 10 s. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

/** Five jobs in a row unable to reach a server hold its queue; two failed probes give up on it. */
export const DEFAULT_BREAKER: BreakerPolicy = { threshold: 5, cooldownMs: 5_000, maxProbes: 2 };

/** A front end's answer instead of the site's: 429 (its rate limit) and 502/503/504. */
const GATEWAY_CODES = new Set([429, 502, 503, 504]);

/** Kinds that mean the request never got a real answer from the ArcGIS site. */
const CONNECTION_KINDS = new Set<AppError['kind']>([
  'network',
  'timeout',
  'tls',
  'auth',
  'permission',
  'admin-unreachable',
  'not-arcgis',
  'bad-url',
]);

/** Kinds another request will not fix: the server's queue is failed at once instead of probed. */
const FATAL_KINDS = new Set<AppError['kind']>(['auth', 'permission', 'tls', 'bad-url']);

/** Whether trying again later may succeed: the client said so, a timeout or reset, or a gateway 429/502/503/504. */
export function isTransient(error: AppError): boolean {
  if (error.transient !== undefined) return error.transient;
  if (error.kind === 'timeout' || error.kind === 'network') return true;
  return error.kind === 'server' && error.code !== undefined && GATEWAY_CODES.has(error.code);
}

/**
 * Whether a mutation's answer leaves its outcome unknown: a 5xx (JSON or a proxy's page), an HTML page
 * instead of JSON, or JSON without `"status":"success"`. The job is checked before any retry.
 */
export function hasUnknownOutcome(error: AppError): boolean {
  if (error.kind === 'admin-unreachable') return true;
  return error.kind === 'server' && (error.code === undefined || error.code >= 500);
}

/** Whether the failure says the server (not the job) is the problem: it counts towards the circuit breaker. */
export function isConnectionFailure(error: AppError): boolean {
  if (CONNECTION_KINDS.has(error.kind)) return true;
  return error.kind === 'server' && error.code !== undefined && GATEWAY_CODES.has(error.code);
}

/**
 * Whether a server failing this way should not be probed again during the run: bad credentials, TLS, or a
 * front end that asked to be left alone for longer than GP Job Admin waits (`Retry-After`).
 */
export function isFatalConnectionFailure(error: AppError): boolean {
  return FATAL_KINDS.has(error.kind) || waitsTooLong(error);
}

/**
 * The wait before retry number `retry` (1 = after the first failure): full jitter, uniform in
 * [0, min(maxDelay, base * 2^(retry-1))]. `random` returns [0, 1).
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(Math.min(1, Math.max(0, random())) * ceiling);
}

/** What a job's waits between requests need from its lane. */
export interface RetryWaits {
  /** The server's pause after a `Retry-After`, shared by every job of its lane and its client's reads. */
  hold: ServerHold;
  sleep: Sleep;
  retry: RetryPolicy;
  random: () => number;
}

/**
 * The wait before retry number `retry` of a job (0: before a first request, no backoff): the server's
 * pause when one of the lane's answers asked for it (`Retry-After`, up to a minute), else the backoff;
 * either ends when `signal` aborts.
 */
export function waitToRetry(w: RetryWaits, retry: number, signal: AbortSignal): Promise<void> {
  if (w.hold.held) return w.hold.pass((ms) => w.sleep(ms, signal), signal);
  return retry > 0 ? w.sleep(backoffDelay(retry, w.retry, w.random), signal) : Promise.resolve();
}

/**
 * Takes note of a failed answer's `Retry-After`: the server's pause is lengthened to it; true when it asked
 * for longer than GP Job Admin waits (then nothing more is sent for the job, and the hold refuses the
 * server's other requests, reads of its client included, until that wait is over).
 */
export function heedRetryAfter(hold: ServerHold, error: AppError): boolean {
  if (waitsTooLong(error)) {
    hold.refuse(error);
    return true;
  }
  if (error.retryAfterMs !== undefined) hold.holdFor(error.retryAfterMs, error);
  return false;
}

/** The cool-down before probe number `probe` (0-based) of a server that seems down: doubles each time. */
export function cooldownDelay(probe: number, policy: BreakerPolicy): number {
  return policy.cooldownMs * 2 ** probe;
}

/** A real timer that resolves after `ms`, or as soon as `signal` aborts. */
export const timerSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted || ms <= 0) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
