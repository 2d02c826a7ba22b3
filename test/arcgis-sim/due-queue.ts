/**
 * When answers are due: one timer per process for every waiting request of every site it hosts, instead of a
 * `setTimeout` per request. Each waiter gives the time (performance.now()) its answer is due; the timer is
 * armed for the earliest and, when it fires, wakes every waiter due within half a tick (Node's timers count
 * whole milliseconds, so "at or after" would answer up to a millisecond late on average, "nearest" is late
 * or early by at most half of one).
 */
import { performance } from 'node:perf_hooks';

interface Waiter {
  at: number;
  wake: () => void;
}

/** Half of the timers' resolution: a waiter this close to its time is answered now. */
const HALF_TICK_MS = 0.5;

const waiters: Waiter[] = [];
let timer: NodeJS.Timeout | null = null;
let armedFor = Infinity;

function arm(at: number): void {
  if (timer) clearTimeout(timer);
  armedFor = at;
  timer = setTimeout(fire, Math.max(0, at - performance.now()));
}

function fire(): void {
  timer = null;
  armedFor = Infinity;
  const now = performance.now() + HALF_TICK_MS;
  let due = 0;
  while (due < waiters.length && waiters[due]!.at <= now) due++;
  const ready = waiters.splice(0, due);
  if (waiters.length > 0) arm(waiters[0]!.at);
  for (const w of ready) w.wake();
}

/**
 * Calls `wake` at `at` (a performance.now() time; at once, synchronously, for a time already within half a
 * tick). Waiters are kept in time order; they nearly always come in that order (one latency per site), so
 * a new one is placed from the end. A callback, not a promise: this is every delayed answer's path.
 */
export function atTime(at: number, wake: () => void): void {
  if (at - performance.now() <= HALF_TICK_MS) return wake();
  let i = waiters.length;
  while (i > 0 && waiters[i - 1]!.at > at) i--;
  if (i === waiters.length) waiters.push({ at, wake });
  else waiters.splice(i, 0, { at, wake });
  if (at < armedFor) arm(at);
}

/** Resolves at `at` (a performance.now() time; at once for a time already past), as `atTime` calls back. */
export function waitUntil(at: number): Promise<void> {
  return new Promise((wake) => atTime(at, wake));
}
