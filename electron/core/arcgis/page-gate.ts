/**
 * Admits a client's job pages to its request queue at most as many at a time as the client sends at once,
 * so a listing's pages wait here, as a bare turn in a queue, rather than in the client's limiter as
 * requests. Why it matters: a request queued in the limiter is a chain of promises and suspended async
 * frames (walk, retry, token refresh, limiter) made when it is queued. A listing queues hundreds at once
 * and they wait long enough for V8 to move them to the old generation; when the answer comes, each of
 * them is resolved with it (the text, then the parsed page), and an old object pointing at a young one
 * keeps it alive at every scavenge until a mark-compact collects the old one. So nearly every page's
 * text and parsed jobs were copied into the old generation, garbage by then (README, "Benchmark",
 * "The collector's share of a listing"). A page admitted here starts its request chain only then. Usually a
 * limiter slot is free for it; when job fills, a bulk run or another client sharing the limiter hold slots,
 * it waits in the limiter after all, but no more than `limit` of a client's pages wait there at once.
 *
 * Not done yet: a page keeps its place through its read's retry waits (read-retry.ts: the jitter after a
 * 5xx or reset, and a `Retry-After` pause), since the retries happen inside the client's `call`, below
 * the walk. While one page waits out a jitter, the client's other walks have one place less. (During a
 * `Retry-After` pause it costs nothing: every read of the server waits on the same hold.) The way to
 * release it: a `CallOptions` hook that `retryRead` calls around each wait (give the place back, take a
 * place again before the next attempt, tracking whether it is held so `fetchTaken`'s `leave` stays
 * single), tested with a one-place gate whose other service's page must be sent during the first page's
 * wait (request order on the simulator).
 */

/** A FIFO gate of `limit` places (see the module comment). */
export class PageGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /**
   * Takes a place: at once (true, no promise) when one is free and nobody waits, else a promise of true
   * once one is, or of false if `signal` aborts first (nothing taken then). `leave` gives it back.
   */
  enter(signal?: AbortSignal): true | Promise<boolean> {
    if (this.active < this.limit && this.waiting.length === 0 && !signal?.aborted) {
      this.active++;
      return true;
    }
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const admit = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve(true);
      };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(admit);
        if (i >= 0) this.waiting.splice(i, 1);
        resolve(false);
      };
      this.waiting.push(admit);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Gives a place back; the longest waiter takes it. */
  leave(): void {
    this.active--;
    const next = this.waiting.shift();
    if (next) next();
  }
}

const gates = new WeakMap<object, PageGate>();

/** The gate of a client (`owner`, its caller object) sending `limit` requests at once. */
export function gateOf(owner: object, limit: number): PageGate {
  let gate = gates.get(owner);
  if (!gate) gates.set(owner, (gate = new PageGate(limit)));
  return gate;
}
