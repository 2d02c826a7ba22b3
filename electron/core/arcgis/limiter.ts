/**
 * A tiny semaphore: at most `n` tasks run at once, the rest wait in order. One limiter per server means the
 * profile's concurrency bounds every request to it, whoever makes it (client, bulk engine).
 */
import { signalAborted } from './in-flight';

/** Runs async tasks with at most `limit` in flight. */
export interface Limiter {
  /**
   * Runs `task` once a slot is free. Rejects with `signal.reason` if the signal aborts while waiting. With
   * `first`, it waits ahead of every task queued without it (in order among such tasks): discovery's few
   * requests then pass a listing's queued pages. The limit is the same either way.
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal, first?: boolean): Promise<T>;
  /**
   * Takes a free slot at once when there is one and nobody waits (true), without a promise or a closure;
   * the caller must `release` it when its task ends. False: go through `run`.
   */
  tryAcquire(signal?: AbortSignal): boolean;
  /** Frees a slot taken by `tryAcquire`. */
  release(): void;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly pending: number;
  readonly limit: number;
}

/** Creates a limiter allowing `limit` (at least 1) simultaneous tasks. */
export function createLimiter(limit: number): Limiter {
  const max = Math.max(1, Math.floor(limit) || 1);
  let active = 0;
  const queue: Array<() => void> = [];
  /** Waiters queued with `first`, served before `queue`. */
  const ahead: Array<() => void> = [];

  function release(): void {
    active--;
    const next = ahead.length > 0 ? ahead.shift() : queue.shift();
    if (next) next();
  }

  /** Takes a free slot at once, without a promise; false when none is free or `signal` has aborted. */
  function tryAcquire(signal?: AbortSignal): boolean {
    // Not `signal.aborted`: see `signalAborted` (read once per request of a bulk run).
    if (active >= max || signalAborted(signal)) return false;
    active++;
    return true;
  }

  function acquire(signal: AbortSignal | undefined, line: Array<() => void>): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (active < max) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        active++;
        resolve();
      };
      const onAbort = (): void => {
        const i = line.indexOf(grant);
        if (i >= 0) line.splice(i, 1);
        reject(signal?.reason);
      };
      line.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    async run<T>(task: () => Promise<T>, signal?: AbortSignal, first?: boolean): Promise<T> {
      // A free slot is taken at once, without waiting on a promise.
      if (!tryAcquire(signal)) await acquire(signal, first ? ahead : queue);
      try {
        return await task();
      } finally {
        release();
      }
    },
    tryAcquire,
    release,
    get active() {
      return active;
    },
    get pending() {
      return queue.length + ahead.length;
    },
    limit: max,
  };
}
