/**
 * When answers are due: one timer per process for every waiting request of every site it hosts, instead of a
 * `setTimeout` per request. Each waiter gives the time (performance.now()) its answer is due; the timer is
 * armed for the earliest and, when it fires, wakes every waiter due within half a tick (Node's timers count
 * whole milliseconds, so "at or after" would answer up to a millisecond late on average, "nearest" is late
 * or early by at most half of one). Also when a request arrived (`arrival`), the time its latency counts from.
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

let readingSince: number | null = null;

/**
 * When the request being read arrived, as near as a process can tell: the time the first request of this
 * turn of the event loop was read. Every request read in one turn was waiting in the kernel when the
 * loop woke; a single-threaded simulator reads them one after another (TLS, HTTP parsing, its own
 * work), so each later one would otherwise start its latency after the simulator's work on the ones
 * before it, which a real server does on cores of its own, inside its answer time. `setImmediate` runs
 * right after the loop's I/O phase, so the next turn starts afresh; one per turn with requests, not per
 * request. Shared by every site of the process, as they share its event loop.
 */
export function arrival(): number {
  if (readingSince === null) {
    readingSince = performance.now();
    setImmediate(() => {
      readingSince = null;
    });
  }
  return readingSince;
}
