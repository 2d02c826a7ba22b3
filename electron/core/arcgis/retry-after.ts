/**
 * `Retry-After` on HTTP 429 and 503: what front ends in front of ArcGIS Server (load balancers, API
 * gateways, web application firewalls, IIS with the Web Adaptor while its application pool recycles) send
 * to say when to come back, in seconds or as an HTTP date (RFC 9110 §10.2.3; RFC 6585 §4 for 429). Esri's
 * Python client honours it (urllib3's `Retry` on 413, 429 and 503; API notes §8). Reads (read-retry.ts) and
 * the bulk engine's per-job retries (../bulk/retry-policy.ts) wait as asked, up to `MAX_RETRY_AFTER_MS`, and
 * hold the other requests meanwhile (`ServerHold`), so its jobs or pages do not each hammer it. There is one
 * hold per server: its client's (`ArcGisClient.hold`), which the bulk engine's lanes of that server wait on
 * too (../bulk/client-operations.ts), so a 429 heard by a listing pauses a bulk run's deletes and one heard
 * by a delete pauses the listing. Per server means per saved profile and URL: a client leased at another
 * concurrency shares its profile client's hold, and a save of the profile that leaves its REST and admin
 * URLs keeps a pause still running (../service/client-pool.ts).
 */
import type { AppError, Result } from '../types';

/** The longest wait a `Retry-After` is honoured for; asked for longer, the request fails saying so. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** HTTP statuses whose `Retry-After` is read (the ones urllib3 honours it on, but 413, which we never cause). */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate, the one form senders may use): day, month, year, time. */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ([A-Z][a-z]{2}) (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete RFC 850 form): day, month, two-digit year, time. */
const RFC850_DATE = new RegExp(
  `^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d{2})-([A-Z][a-z]{2})-(\\d{2}) ${TIME} GMT$`,
);
/** `Sun Nov  6 08:49:37 1994` (obsolete asctime form, GMT): month, day, time, year. */
const ASCTIME_DATE = new RegExp(`^${DAY} ([A-Z][a-z]{2}) ([ \\d]\\d) ${TIME} (\\d{4})$`);

/**
 * An HTTP date (RFC 9110 §5.6.7: IMF-fixdate or one of the two obsolete forms) as epoch ms; null for
 * anything else. Not `Date.parse`, which takes text such as "soon 12" or "later 2030" for a date and reads
 * the asctime form in local time.
 */
function parseHttpDate(v: string, now: number): number | null {
  let m = IMF_FIXDATE.exec(v);
  if (m) return utc(m[3]!, m[2]!, m[1]!, m.slice(4));
  m = RFC850_DATE.exec(v);
  if (m) {
    // A two-digit year more than 50 years ahead is the most recent past year with those digits.
    const thisYear = new Date(now).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(m[3]);
    if (year > thisYear + 50) year -= 100;
    return utc(String(year), m[2]!, m[1]!, m.slice(4));
  }
  m = ASCTIME_DATE.exec(v);
  return m ? utc(m[6]!, m[1]!, m[2]!.trim(), m.slice(3, 6)) : null;
}

/** The instant of a date's fields, or null when they name none (month "Foo", 31 February, 25:00). */
function utc(year: string, month: string, day: string, time: string[]): number | null {
  const [h, min, sec] = time.map(Number) as [number, number, number];
  const mon = MONTHS.indexOf(month);
  const d = Number(day);
  if (mon < 0 || h > 23 || min > 59 || sec > 60) return null;
  const at = Date.UTC(Number(year), mon, d, h, min, Math.min(sec, 59)); // a leap second as :59
  return new Date(at).getUTCDate() === d ? at : null;
}

/**
 * The wait a `Retry-After` value asks for, in ms from `now`: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, a date already past is 0); null when absent or unreadable. A date is
 * read against our clock, not the answer's `Date` header (which the transports do not carry): a front end
 * whose clock is 2 minutes ahead makes "now + 30 s" a wait of 150 s, refused as too long; one behind makes
 * the wait shorter, down to none (then the normal backoff).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  // Digits too many for a number still ask for far more than we wait: the largest safe wait, not none.
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, Number.MAX_SAFE_INTEGER);
  const at = parseHttpDate(v, now);
  return at === null ? null : Math.max(0, at - now);
}

/**
 * `r` as interpreted from an answer of status `raw.status`; a failure of a 429 or 503 carries the wait its
 * `Retry-After` asked for (`retryAfterMs`, from `now`) when there is a readable one.
 */
export function withRetryAfter<T>(
  r: Result<T>,
  raw: { status: number; retryAfter?: string | null },
  now: number,
): Result<T> {
  if (r.ok || !raw.retryAfter || !RETRY_AFTER_STATUSES.has(raw.status)) return r;
  const retryAfterMs = parseRetryAfter(raw.retryAfter, now);
  return retryAfterMs === null ? r : { ok: false, error: { ...r.error, retryAfterMs } };
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
  if (notSent.has(e)) return e; // Says so already.
  return {
    ...e,
    message:
      `${e.message} It asked to be retried in ${seconds(e.retryAfterMs ?? 0)} (Retry-After), longer than ` +
      `the ${seconds(MAX_RETRY_AFTER_MS)} GP Job Admin waits for a server, so nothing more was sent to it. ` +
      'Try again later.',
  };
}

/** The failures made by `notSentError`: requests given up before they were sent. */
const notSent = new WeakSet<AppError>();

/**
 * The failure of a request not sent because an earlier answer (`e`, with its `retryAfterMs`) asked that
 * nothing be sent until `until` (epoch ms), longer than GP Job Admin waits. It names that end in local time
 * rather than the wait first asked for, most of which may be over.
 */
function notSentError(e: AppError, until: number): AppError {
  const at = new Date(until).toTimeString().slice(0, 8);
  const error: AppError = {
    ...e,
    message:
      `${e.message} It asked (answering an earlier request) to be left alone until ${at} (Retry-After), ` +
      `longer than the ${seconds(MAX_RETRY_AFTER_MS)} GP Job Admin waits for a server, so this request was ` +
      'not sent. Try again after that.',
  };
  notSent.add(error);
  return error;
}

/**
 * Whether `e` is the failure of a request never sent (the hold refused it, `ServerHold.refused`): it neither
 * counts as an attempt nor lengthens the refusal it repeats, and it cannot have reached the server.
 */
export function wasNotSent(e: AppError): boolean {
  return notSent.has(e);
}

/**
 * One server's pause after it answered `Retry-After`: every request to it waits until then. `held` is a
 * field read, so the usual request, with no pause, pays nothing more. Shared by the reads of a server's
 * client and the bulk lanes of that server; `watch` tells a lane when a pause starts and ends (for its
 * progress line).
 */
export class ServerHold {
  /** Epoch ms (of `now`) until which requests wait; 0 when there is no pause. */
  private until = 0;
  /** The answer that asked for the pause running (the latest that lengthened it), when it was given. */
  private reason: AppError | undefined;
  /** A failure that asked for a wait too long (`waitsTooLong`), as answered, and when that wait ends. */
  private refusal: { until: number; error: AppError; notSent: AppError } | undefined;
  private readonly watchers = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Whether a pause was asked for and not yet seen to be over, or a wait too long was (then `refused`
   * says whether it still runs): either way, nothing is to be sent before asking.
   */
  get held(): boolean {
    return this.until !== 0 || this.refusal !== undefined;
  }

  /** Epoch ms until which the server asked that nothing be sent (a pause still running), else 0. */
  get pausedUntil(): number {
    return this.until > this.now() ? this.until : 0;
  }

  /**
   * The pause still running: how long it lasts from now and the answer that asked for it (when `holdFor`
   * was given it), so a read about to wait can tell why and until when; null without one.
   */
  pause(): { waitMs: number; reason: AppError | undefined } | null {
    const waitMs = this.until - this.now();
    return this.until !== 0 && waitMs > 0 ? { waitMs, reason: this.reason } : null;
  }

  /**
   * Calls `listener` whenever a pause starts, is lengthened or is seen to be over (a waiter slept to its
   * end), or a wait too long is heard; returns its removal.
   */
  watch(listener: () => void): () => void {
    this.watchers.add(listener);
    return () => void this.watchers.delete(listener);
  }

  /**
   * Pauses the server for `ms` from now (a later end already asked for stands), as `reason` (the failure
   * whose `Retry-After` asked for it) says. No wait (`Retry-After: 0`,
   * or a date already past, as when the front end's clock is behind ours) is no pause: the caller's own
   * backoff applies, so the retries do not go back to back.
   */
  holdFor(ms: number, reason?: AppError): void {
    if (!(ms > 0)) return;
    const until = this.now() + Math.min(ms, MAX_RETRY_AFTER_MS);
    if (until <= this.until) return;
    this.until = until;
    this.reason = reason;
    this.told();
  }

  /**
   * Takes note that the server asked for a wait longer than GP Job Admin's (`error`, the failure as
   * answered, with its `retryAfterMs`): until it is over, `refused` gives the failure of a request not
   * sent, and requests through the hold fail at once with it. That failure handed back (`wasNotSent`) is
   * no new answer: it leaves the end as it was.
   */
  refuse(error: AppError): void {
    if (notSent.has(error)) return;
    const until = this.now() + (error.retryAfterMs ?? 0);
    if (this.refusal && until <= this.refusal.until) return;
    this.refusal = { until, error, notSent: notSentError(error, until) };
    this.told();
  }

  /**
   * While a too-long wait runs, the failure of a request not sent meanwhile (`wasNotSent`; one object per
   * refusal, naming its end): nothing is to be sent before then.
   */
  refused(): AppError | undefined {
    if (this.refusal && this.now() >= this.refusal.until) this.refusal = undefined;
    return this.refusal?.notSent;
  }

  /**
   * Forgets a wait too long (the profile was saved: the administrator's way out of a refusal, which has no
   * upper bound); a pause still running stands.
   */
  forgive(): void {
    this.refusal = undefined;
  }

  /**
   * Waits out the pause with `sleep` (which ends early when `signal` aborts), and again only when the pause
   * was lengthened meanwhile (another answer asked for more), telling `onLonger` before it waits for the new
   * end (a notice of the first end would otherwise be wrong): a test's clock that never moves ends it too.
   */
  async pass(
    sleep: (ms: number) => Promise<void>,
    signal?: AbortSignal,
    onLonger?: () => void,
  ): Promise<void> {
    let seen = -1;
    while (this.until !== 0 && this.until !== seen && !signal?.aborted) {
      if (seen !== -1) onLonger?.();
      seen = this.until;
      const rest = seen - this.now();
      if (rest <= 0) return this.over(seen);
      await sleep(rest);
      // Slept to the end asked for: over, unless an answer meanwhile asked for more (the loop waits again).
      if (!signal?.aborted) this.over(seen);
    }
  }

  /** The pause that ends at `seen` is over, unless an answer meanwhile asked for more: watchers are told. */
  private over(seen: number): void {
    if (this.until !== seen) return;
    this.until = 0;
    this.reason = undefined;
    this.told();
  }

  private told(): void {
    for (const listener of this.watchers) listener();
  }
}
