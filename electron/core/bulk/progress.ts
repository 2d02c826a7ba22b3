/**
 * Progress without flooding: results are buffered and handed out at most once per interval (plus a final
 * hand-out), so a run of 100,000 jobs sends a few events per second, not one per job. The rate is measured
 * over a sliding window, so the ETA follows the run's current pace, pauses and slow servers included.
 */
import type { JobResult } from './types';

/** Default interval between progress events. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 250;

/** Schedules `fn` after `ms`; returns a function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

/** The real timer. */
export const timerSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

/** Options of a `ProgressCoalescer`. */
export interface CoalescerOptions<T> {
  intervalMs: number;
  now: () => number;
  /** Receives the results finished since the previous event (possibly none) and whether this is the last. */
  emit: (results: T[], final: boolean) => void;
  schedule?: Schedule;
}

/** Buffers results (or what stands for them: a run buffers job indices) and emits them at most once per interval. */
export class ProgressCoalescer<T = JobResult> {
  private buffer: T[] = [];
  private lastEmit = Number.NEGATIVE_INFINITY;
  private cancelTimer: (() => void) | null = null;
  private closed = false;
  private readonly schedule: Schedule;

  constructor(private readonly options: CoalescerOptions<T>) {
    this.schedule = options.schedule ?? timerSchedule;
  }

  /** Adds a finished job's result to the next event. */
  push(result: T): void {
    // Appended by index, not by `push` (each event starts a new list): see planBulk's `planned`.
    const { buffer } = this;
    buffer[buffer.length] = result;
    this.poke();
  }

  /** Asks for an event soon (a state change such as pause) even without new results. */
  poke(): void {
    if (this.closed || this.cancelTimer) return;
    const wait = Math.max(0, this.lastEmit + this.options.intervalMs - this.options.now());
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      this.emit(false);
    }, wait);
  }

  /** Emits the last event with whatever is left; no event follows it. */
  close(): void {
    if (this.closed) return;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.emit(true);
    this.closed = true;
  }

  private emit(final: boolean): void {
    if (this.closed) return;
    const results = this.buffer;
    this.buffer = [];
    this.lastEmit = this.options.now();
    this.options.emit(results, final);
  }
}

/** Jobs per second over the last `windowMs`, from samples of the done count. */
export class RateMeter {
  private samples: Array<{ at: number; done: number }> = [];

  constructor(private readonly windowMs = 10_000) {}

  /** Records that `done` jobs were finished at `at`, and returns the current rate. */
  sample(at: number, done: number): number {
    this.samples.push({ at, done });
    // Keep one sample at or before the window's start, so the window always spans it.
    while (this.samples.length > 2 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const seconds = (at - first.at) / 1000;
    return seconds > 0 ? (done - first.done) / seconds : 0;
  }

  /** Forgets history (after a pause the old pace says little). */
  reset(): void {
    this.samples = [];
  }
}

/** Seconds left at `ratePerSec`, or null when unknown. */
export function etaSeconds(remaining: number, ratePerSec: number): number | null {
  if (remaining <= 0) return 0;
  if (!(ratePerSec > 0)) return null;
  return Math.ceil(remaining / ratePerSec);
}
