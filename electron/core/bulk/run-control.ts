/**
 * Pause, resume and abort for one run, as signals and a gate every request passes through. Pausing only
 * holds the gate (requests in flight finish); aborting closes it for good and may also abort what is in flight.
 */
import { setMaxListeners } from 'node:events';
import { watchSignal } from '../arcgis/in-flight';

/**
 * The gate and the two abort signals of one run. What the run asks per job (`runnable`, `stopped`) is read
 * from its own flags, never from the signals: in Node every `AbortSignal` has a hidden class of its own, so
 * code that reads a signal's `aborted` for every job was deoptimised and compiled again for each new run's
 * signals (the compiler's threads then cost a bulk run tens of µs of CPU per job).
 */
export class RunControl {
  private readonly stopController = new AbortController();
  private readonly requestController = new AbortController();
  /** Aborts when the run is stopped: nothing new may start (waits end early). */
  readonly stopSignal: AbortSignal = this.stopController.signal;
  /** Aborts when requests in flight must be abandoned too. */
  readonly requestSignal: AbortSignal = this.requestController.signal;
  private isPaused = false;
  private isStopped = false;
  private reason: string | undefined;
  private waiters: Array<() => void> = [];

  constructor() {
    // Every waiting job and request listens to these; hundreds of listeners are expected, not a leak.
    setMaxListeners(0, this.stopSignal, this.requestSignal);
    // The client watches a request's signal from its first request on; starting the watch of
    // requestSignal (the only one of the two requests get) here keeps that once-per-run step out of the
    // compiled request path, which deoptimised ("insufficient type feedback for call") when a later run's
    // first request took it.
    watchSignal(this.requestSignal);
  }

  get paused(): boolean {
    return this.isPaused;
  }

  get stopped(): boolean {
    return this.isStopped;
  }

  /** Holds the gate; returns false when already paused or stopped. */
  pause(): boolean {
    if (this.isPaused || this.stopped) return false;
    this.isPaused = true;
    return true;
  }

  /** Opens the gate again; returns false when it was not paused. */
  resume(): boolean {
    if (!this.isPaused) return false;
    this.isPaused = false;
    this.release();
    return true;
  }

  /** Why the run was first stopped (kept from the first `stop` that gave a reason). */
  get stopReason(): string | undefined {
    return this.reason;
  }

  /** Closes the gate for good; with `abortInFlight`, requests in flight are aborted as well. */
  stop(abortInFlight: boolean, reason?: string): void {
    this.reason ??= reason;
    if (!this.isStopped) {
      this.isStopped = true;
      this.stopController.abort();
    }
    if (abortInFlight && !this.requestSignal.aborted) this.requestController.abort();
    this.release();
  }

  /** True when a request may start now without waiting (neither paused nor stopped). */
  get runnable(): boolean {
    return !this.isPaused && !this.isStopped;
  }

  /** Resolves true when a request may start now, false once the run is stopped. */
  async whenRunnable(): Promise<boolean> {
    while (this.isPaused && !this.stopped) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return !this.stopped;
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
