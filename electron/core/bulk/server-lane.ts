/**
 * One server's share of a run: its own queue and its own pool of workers (the profile's concurrency), so a
 * slow or dead server never holds up another. A circuit breaker watches for a server that cannot be reached:
 * after `threshold` jobs in a row fail that way its queue is held for a cool-down, then one probe job is
 * tried; when probes keep failing (or the failure is one no retry fixes, like bad credentials) the remaining
 * jobs fail at once with that reason instead of hammering the server.
 *
 * A job whose retries ran out while the server could not even be asked whether the job still exists goes
 * once more to the back of the queue: if the server comes back during the run, the job gets its true result.
 *
 * Write-ahead: a job's `job-start` audit line must be in the file before its first request. Waiting for
 * that write in front of every request would add a disk round trip to every request's latency, so the lane
 * keeps the lines at least one wave ahead (its concurrency's worth of queued jobs beyond those taken) and
 * tops them up in batches of `WRITE_AHEAD_BATCH` more, on disk long before a worker reaches them. The cost
 * is only on a crash: up to one wave plus one batch of jobs per server may be listed as "possibly sent"
 * although they never were; never the other way round.
 */
import type { AppError } from '../types';
import { runJob } from './job-task';
import type { JobContext, JobTaskOutcome, PriorRound } from './job-task';
import { cooldownDelay, isFatalConnectionFailure } from './retry-policy';
import type { RunControl } from './run-control';
import type {
  BreakerPolicy,
  JobResult,
  PlannedJob,
  ServerPlan,
  ServerProgress,
  ServerState,
  Sleep,
} from './types';

/** What a lane needs from its run. */
export interface LaneDeps {
  server: ServerPlan;
  /** The plan's jobs (every server's). */
  planJobs: readonly PlannedJob[];
  /** The plan indices of this server's eligible jobs, in plan order. */
  indices: readonly number[];
  control: RunControl;
  sleep: Sleep;
  /** The context the lane's jobs run with. */
  context: JobContext;
  /**
   * Writes the `job-start` lines of jobs `indices` (in one batch); resolves true once they are in the
   * audit log, false when they could not be written.
   */
  writeAhead: (indices: number[]) => Promise<boolean>;
  breaker: BreakerPolicy;
  /** Gives job `index` its one result. */
  record: (index: number, result: JobResult) => void;
  /** Makes a result for a job failed without a request. */
  failFast: (index: number, message: string, error: AppError) => JobResult;
  /** Called when the server's state changes (for progress). */
  onStateChange: () => void;
}

/** Job-start lines a lane writes in one batch beyond the wave ahead of its workers. */
export const WRITE_AHEAD_BATCH = 64;

/** One write-ahead batch: its write, and its outcome once known (read without waiting). */
interface Batch {
  written: Promise<boolean>;
  ok: boolean | undefined;
}

/** A server's queue, worker pool and circuit breaker. */
export class ServerLane {
  /**
   * The plan indices of the jobs to run, in order; a job going round again is appended. Indices rather
   * than an object per job: a run holds its queue to its end, so what it holds per job outlives the young
   * generation (README "The engine's own cost").
   */
  private readonly queue: number[];
  /** The earlier round of each queued job going round again, by queue position. */
  private readonly priors = new Map<number, PriorRound>();
  private state: ServerState = 'running';
  private probeReady = false;
  private next = 0;
  private inFlight = 0;
  private done = 0;
  private streak = 0;
  private probes = 0;
  private lastError: AppError | undefined;
  private waiters: Array<() => void> = [];
  private readonly finished = new AbortController();
  /** The write-ahead batch of each queued first-round job not yet taken, by queue position. */
  private readonly written: Array<Batch | undefined> = [];
  /** Queue positions below this one have had their write-ahead line requested. */
  private writtenTo = 0;

  constructor(private readonly deps: LaneDeps) {
    this.queue = deps.indices.slice();
  }

  /** Runs every job of the lane; resolves when the queue is empty (or the run stopped) and workers are idle. */
  async run(): Promise<void> {
    const { control } = this.deps;
    const wake = (): void => this.wake();
    control.stopSignal.addEventListener('abort', wake);
    // A pause the server asks for (to this lane or its client's reads), and its end, show in progress.
    const unwatch = this.deps.context.hold.watch(this.deps.onStateChange);
    const workers = Math.min(this.deps.server.concurrency, this.deps.indices.length);
    try {
      await Promise.all(Array.from({ length: workers }, () => this.worker()));
      // Stopped with jobs waiting for their second round: their first round's result stands.
      for (let at = this.next; at < this.queue.length; at++) {
        const prior = this.priors.get(at);
        if (prior) this.finish(this.queue[at]!, prior.provisional);
      }
    } finally {
      control.stopSignal.removeEventListener('abort', wake);
      unwatch();
      this.finished.abort();
      if (this.state !== 'down') this.state = 'finished';
      this.deps.onStateChange();
    }
  }

  /** Counts that progress events report for this server. */
  progress(total: number): ServerProgress {
    const { profileId, name } = this.deps.server;
    const { done, inFlight, state, lastError } = this;
    const progress: ServerProgress = { profileId, name, total, done, inFlight, state };
    if (lastError) progress.lastError = lastError;
    // The server's pause only while the lane may still send: a finished, down or stopped one waits for none.
    const sends = state !== 'finished' && state !== 'down' && !this.deps.control.stopped;
    const until = sends ? this.deps.context.hold.pausedUntil : 0;
    if (until !== 0) progress.retryAfterUntil = until;
    return progress;
  }

  /** Marks a result recorded for this server outside the workers (plan skips). */
  countDone(): void {
    this.done++;
  }

  private async worker(): Promise<void> {
    for (;;) {
      // Taken at once when nothing holds the queue (no promise or object per job); otherwise wait in `take`.
      let at: number;
      let probe = false;
      if (this.state === 'running' && this.next < this.queue.length && this.deps.control.runnable)
        at = this.next++;
      else {
        const taken = await this.take();
        if (!taken) return;
        ({ at, probe } = taken);
      }
      const index = this.queue[at]!;
      const prior = this.priors.get(at);
      const written = this.writeAheadFrom(at);
      this.inFlight++;
      let outcome: JobTaskOutcome;
      try {
        outcome = await runJob(
          this.deps.planJobs[index]!,
          this.deps.server,
          this.deps.context,
          written,
          prior,
        );
      } finally {
        this.inFlight--;
      }
      if (outcome.retryLater && !prior && !this.deps.control.stopped) {
        const { result } = outcome;
        this.priors.set(this.queue.length, {
          attempts: result.attempts,
          interrupted: true,
          provisional: result,
        });
        this.queue.push(index);
      } else {
        if (prior) this.priors.delete(at);
        this.finish(index, outcome.result);
      }
      this.observe(outcome, probe);
    }
  }

  /**
   * Tops up the write-ahead lines when fewer than one wave beyond `at` are requested (the first-round jobs
   * through one wave and one batch beyond it, in one write) and returns the write that covers the job at
   * `at`: `true` when it is known to be in the log already.
   */
  private writeAheadFrom(at: number): Promise<boolean> | boolean {
    const { concurrency } = this.deps.server;
    if (this.writtenTo <= at + concurrency && this.writtenTo < this.queue.length) {
      const until = Math.min(this.queue.length, at + 1 + concurrency + WRITE_AHEAD_BATCH);
      const positions: number[] = [];
      for (let p = Math.max(at, this.writtenTo); p < until; p++) if (!this.priors.has(p)) positions.push(p);
      this.writtenTo = until;
      if (positions.length > 0) {
        const batch: Batch = {
          written: this.deps.writeAhead(positions.map((p) => this.queue[p]!)),
          ok: undefined,
        };
        void batch.written.then((ok) => (batch.ok = ok));
        for (const p of positions) this.written[p] = batch;
      }
    }
    const mine = this.written[at];
    if (!mine) return true; // A job going round again had its line written in its first round.
    this.written[at] = undefined;
    return mine.ok ?? mine.written;
  }

  /** The next job to run, waiting while the server cools down or a probe is out; null when there is none. */
  private async take(): Promise<{ at: number; probe: boolean } | null> {
    const { control } = this.deps;
    for (;;) {
      if (!(control.runnable || (await control.whenRunnable()))) return null;
      if (this.next >= this.queue.length) return null;
      if (this.state === 'running') return { at: this.next++, probe: false };
      if (this.state === 'probing' && this.probeReady) {
        this.probeReady = false;
        return { at: this.next++, probe: true };
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private observe(outcome: JobTaskOutcome, probe: boolean): void {
    if (outcome.reached) {
      this.streak = 0;
      if (this.state === 'cooling-down' || this.state === 'probing') {
        this.state = 'running';
        this.probes = 0;
        this.lastError = undefined;
        this.changed();
      }
      return;
    }
    const error = outcome.connectionError;
    if (!error) {
      // A probe that neither reached nor failed to reach the server (stopped): let another job probe.
      if (probe && this.state === 'probing') this.allowProbe();
      return;
    }
    this.streak++;
    this.lastError = error;
    if (probe) {
      this.probes++;
      if (this.probes >= this.deps.breaker.maxProbes || isFatalConnectionFailure(error)) this.goDown(error);
      else this.coolDown();
    } else if (this.state === 'running' && this.streak >= this.deps.breaker.threshold) {
      if (isFatalConnectionFailure(error)) this.goDown(error);
      else this.coolDown();
    }
  }

  private coolDown(): void {
    this.state = 'cooling-down';
    this.probeReady = false;
    this.changed();
    const signal = AbortSignal.any([this.deps.control.stopSignal, this.finished.signal]);
    void this.deps.sleep(cooldownDelay(this.probes, this.deps.breaker), signal).then(() => {
      if (this.state === 'cooling-down') this.allowProbe();
    });
  }

  private allowProbe(): void {
    this.state = 'probing';
    this.probeReady = true;
    this.changed();
  }

  private goDown(error: AppError): void {
    this.state = 'down';
    const { name } = this.deps.server;
    const message =
      `Not attempted: ${name} could not be reached (${error.message}); ` +
      `${this.streak} jobs in a row failed, so the remaining jobs were not sent.`;
    while (this.next < this.queue.length) {
      const at = this.next++;
      const index = this.queue[at]!;
      this.finish(index, this.priors.get(at)?.provisional ?? this.deps.failFast(index, message, error));
    }
    this.changed();
  }

  private finish(index: number, result: JobResult): void {
    this.done++;
    this.deps.record(index, result);
  }

  private changed(): void {
    this.deps.onStateChange();
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
