/**
 * The job state machine (see ./README.md): New → Submitted → (Waiting) → Executing → Succeeded|Failed|TimedOut,
 * Executing|Waiting → Cancelling → Cancelled. Submitted jobs take one of the service's workers; the rest
 * wait. Seeded jobs hold no worker and keep their status until someone acts on them.
 */
import type { Rng } from './rng';
import { newServiceJobId } from './seed';
import type { JobRec, JobStore, ServiceState } from './store';
import { TERMINAL_STATUSES } from './store';

/** Timing and capacity of the state machine. */
export interface LifecycleOptions {
  jobDurationMs: number;
  cancelDelayMs: number;
  workersPerService?: number;
  machines: string[];
}

const QUEUED = new Set(['esriJobNew', 'esriJobSubmitted', 'esriJobWaiting']);

/** Drives jobs through their statuses with timers and per-service workers. */
export class Lifecycle {
  private readonly timers = new Map<JobRec, NodeJS.Timeout>();
  private readonly holding = new Set<JobRec>();
  private machineTurn = 0;

  constructor(
    private readonly store: JobStore,
    private readonly rng: Rng,
    private readonly clock: () => number,
    private readonly opts: LifecycleOptions,
  ) {}

  /** Adds a job. Without `status` it is submitted and runs; with one it is placed as is. */
  submit(
    svc: ServiceState,
    o: { task?: string; username?: string | null; status?: string; submittedTime?: number; jobId?: string },
  ): JobRec {
    const now = this.clock();
    const machines = this.opts.machines;
    const job: JobRec = {
      jobId: o.jobId ?? newServiceJobId(this.rng, svc),
      svc,
      task: o.task ?? svc.def.tasks[0] ?? '',
      status: o.status ?? 'esriJobNew',
      submittedTime: o.submittedTime ?? now,
      endTime: null,
      username: o.username ?? null,
      machinename: machines[this.machineTurn++ % machines.length] ?? 'GIS01.EXAMPLE.COM',
      managed: o.status === undefined,
      removed: false,
    };
    if (TERMINAL_STATUSES.has(job.status)) job.endTime = Math.max(job.submittedTime, now);
    this.store.add(job);
    if (job.managed) {
      this.store.setStatus(job, 'esriJobSubmitted');
      svc.queue.push(job);
      setImmediate(() => this.pump(svc));
    }
    return job;
  }

  /** Admin cancel: only Submitted or Executing (see ./README.md). */
  adminCancel(job: JobRec): boolean {
    if (job.status !== 'esriJobSubmitted' && job.status !== 'esriJobExecuting') return false;
    this.cancel(job);
    return true;
  }

  /** REST cancel: only Waiting or Executing (see ./README.md). */
  restCancel(job: JobRec): boolean {
    if (job.status !== 'esriJobWaiting' && job.status !== 'esriJobExecuting') return false;
    this.cancel(job);
    return true;
  }

  /** Deletes any job, cancelling it first when it runs. */
  delete(job: JobRec): void {
    this.clearTimer(job);
    this.release(job);
    this.store.remove(job);
    this.pump(job.svc);
  }

  /** Cancels every New, Submitted or Waiting job of the service; running ones are untouched. */
  purgeQueue(svc: ServiceState): number {
    let purged = 0;
    for (const job of [...svc.active]) {
      if (!QUEUED.has(job.status)) continue;
      this.clearTimer(job);
      this.store.setStatus(job, 'esriJobCancelled');
      purged++;
    }
    return purged;
  }

  /** Finishes an active job now with the given terminal status. */
  complete(job: JobRec, status = 'esriJobSucceeded'): void {
    if (!TERMINAL_STATUSES.has(status)) throw new Error(`arcgis-sim: ${status} is not a terminal status`);
    if (TERMINAL_STATUSES.has(job.status) || job.removed) return;
    this.finish(job, status);
  }

  /** Stops every timer (on close). */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private cancel(job: JobRec): void {
    this.clearTimer(job);
    if (QUEUED.has(job.status)) {
      this.store.setStatus(job, 'esriJobCancelled');
      return;
    }
    this.store.setStatus(job, 'esriJobCancelling');
    this.schedule(job, this.opts.cancelDelayMs, () => this.finish(job, 'esriJobCancelled'));
  }

  private pump(svc: ServiceState): void {
    const workers = this.opts.workersPerService ?? svc.def.maxInstances;
    while (svc.running < workers && svc.queue.length > 0) {
      const job = svc.queue.shift()!;
      if (job.removed || (job.status !== 'esriJobSubmitted' && job.status !== 'esriJobWaiting')) continue;
      this.start(job);
    }
    svc.queue = svc.queue.filter((job) => !job.removed && QUEUED.has(job.status));
    for (const job of svc.queue)
      if (job.status === 'esriJobSubmitted') this.store.setStatus(job, 'esriJobWaiting');
  }

  private start(job: JobRec): void {
    this.holding.add(job);
    job.svc.running++;
    this.store.setStatus(job, 'esriJobExecuting');
    const roll = this.rng.next();
    const outcome = roll < 0.85 ? 'esriJobSucceeded' : roll < 0.95 ? 'esriJobFailed' : 'esriJobTimedOut';
    this.schedule(job, this.opts.jobDurationMs, () => this.finish(job, outcome));
  }

  private finish(job: JobRec, status: string): void {
    this.clearTimer(job);
    this.release(job);
    this.store.setStatus(job, status);
    this.pump(job.svc);
  }

  private release(job: JobRec): void {
    if (this.holding.delete(job)) job.svc.running--;
  }

  private schedule(job: JobRec, ms: number, action: () => void): void {
    if (!Number.isFinite(ms)) return;
    this.timers.set(
      job,
      setTimeout(() => {
        this.timers.delete(job);
        action();
      }, ms),
    );
  }

  private clearTimer(job: JobRec): void {
    const timer = this.timers.get(job);
    if (timer) clearTimeout(timer);
    this.timers.delete(job);
  }
}
