/**
 * A coarse reactive clock for "5 min ago" and running durations: one timer for the whole app instead of
 * one per row, ticking slowly enough to cost nothing.
 */

/** The current time, updated every `intervalMs` while started. */
export class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;

  /** Starts ticking (idempotent). */
  start(intervalMs = 15_000): void {
    if (this.#timer !== null) return;
    this.#timer = setInterval(() => (this.now = Date.now()), intervalMs);
  }

  /** Stops ticking. */
  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
