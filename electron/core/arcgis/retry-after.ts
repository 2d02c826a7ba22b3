/**
 * `Retry-After` on HTTP 429 and 503: what front ends in front of ArcGIS Server (load balancers, API
 * gateways, web application firewalls, IIS with the Web Adaptor while its application pool recycles) send
 * to say when to come back, in seconds or as an HTTP date (RFC 9110 §10.2.3; RFC 6585 §4 for 429). Esri's
 * Python client honours it (urllib3's `Retry` on 413, 429 and 503; API notes §8). Reads (read-retry.ts) and
 * the bulk engine's per-job retries (../bulk/retry-policy.ts) wait as asked, up to `MAX_RETRY_AFTER_MS`, and
 * hold every request to that server meanwhile (`ServerHold`), so its jobs or pages do not each hammer it.
 */
import type { AppError } from '../types';

/** The longest wait a `Retry-After` is honoured for; asked for longer, the request fails saying so. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** HTTP statuses whose `Retry-After` is read (the ones urllib3 honours it on, but 413, which we never cause). */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** An HTTP date has a month or day name; a bare number is delta-seconds (anything else is ignored). */
const HAS_NAME = /[a-z]{3}/i;

/**
 * The wait a `Retry-After` value asks for, in ms from `now`: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, a date already past is 0); null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) {
    const seconds = Number(v);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : null;
  }
  if (!HAS_NAME.test(v)) return null;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Whether a failure asked to be retried later than `MAX_RETRY_AFTER_MS`: then nothing more is sent. */
export function waitsTooLong(e: AppError): boolean {
  return e.retryAfterMs !== undefined && e.retryAfterMs > MAX_RETRY_AFTER_MS;
}

function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000).toLocaleString('en-US')} s`;
}

/** `e` (whose message names the server) with why the request was given up: the wait it asked for. */
export function tooLongError(e: AppError): AppError {
  return {
    ...e,
    message:
      `${e.message} It asked to be retried in ${seconds(e.retryAfterMs ?? 0)} (Retry-After), longer than ` +
      `the ${seconds(MAX_RETRY_AFTER_MS)} GP Job Admin waits for a server, so nothing more was sent to it. ` +
      'Try again later.',
  };
}

/**
 * One server's pause after it answered `Retry-After`: every request to it waits until then. `held` is a
 * field read, so the usual request, with no pause, pays nothing more.
 */
export class ServerHold {
  /** Epoch ms (of `now`) until which requests wait; 0 when there is no pause. */
  private until = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether a pause was asked for and not yet seen to be over. */
  get held(): boolean {
    return this.until !== 0;
  }

  /**
   * Pauses the server for `ms` from now (a later end already asked for stands). No wait (`Retry-After: 0`,
   * or a date already past, as when the front end's clock is behind ours) is no pause: the caller's own
   * backoff applies, so the retries do not go back to back.
   */
  holdFor(ms: number): void {
    if (!(ms > 0)) return;
    this.until = Math.max(this.until, this.now() + Math.min(ms, MAX_RETRY_AFTER_MS));
  }

  /**
   * Waits out the pause with `sleep` (which ends early when `signal` aborts), and again only when the pause
   * was lengthened meanwhile (another answer asked for more): a test's clock that never moves ends it too.
   */
  async pass(sleep: (ms: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
    let seen = -1;
    while (this.until !== 0 && this.until !== seen && !signal?.aborted) {
      seen = this.until;
      const rest = seen - this.now();
      if (rest <= 0) {
        if (this.until === seen) this.until = 0;
        return;
      }
      await sleep(rest);
      // Slept to the end asked for: over, unless an answer meanwhile asked for more (the loop waits again).
      if (this.until === seen && !signal?.aborted) this.until = 0;
    }
  }
}
