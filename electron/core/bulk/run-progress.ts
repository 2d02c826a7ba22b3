/**
 * A run's progress: snapshots (done, counts, rate, ETA, each server's line: running, paused, cooling down,
 * probing, down or finished) and the coalesced events
 * that carry them with the results finished since the previous event. A listener that throws is ignored:
 * it must not break the run or lose a result.
 */
import { DEFAULT_PROGRESS_INTERVAL_MS, etaSeconds, ProgressCoalescer, RateMeter } from './progress';
import type { Schedule } from './progress';
import type { RunControl } from './run-control';
import type { RunLedger } from './run-ledger';
import type { BulkPlan, BulkProgressEvent, BulkSnapshot, ServerProgress } from './types';

/** What progress reads from its run. */
export interface RunProgressDeps {
  runId: string;
  plan: BulkPlan;
  startedAt: number;
  now: () => number;
  ledger: Pick<RunLedger, 'done' | 'counts' | 'result'>;
  control: Pick<RunControl, 'paused' | 'stopped'>;
  /** Each server's progress, in plan order. */
  servers: () => ServerProgress[];
  schedule?: Schedule;
  intervalMs?: number;
  onProgress?: (event: BulkProgressEvent) => void;
}

/** Snapshots and coalesced progress events of one run. */
export class RunProgress {
  private readonly rate = new RateMeter();
  /** Holds the indices of the jobs finished since the last event; their results are made when it goes out. */
  private readonly coalescer: ProgressCoalescer<number>;
  private finished = false;

  constructor(private readonly deps: RunProgressDeps) {
    this.coalescer = new ProgressCoalescer({
      intervalMs: deps.intervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
      now: deps.now,
      schedule: deps.schedule,
      emit: (batch) => {
        if (!deps.onProgress) return;
        const results = batch.map((index) => deps.ledger.result(index)!);
        try {
          deps.onProgress({ ...this.snapshot(), results });
        } catch {
          // A listener's own failure must not break the run or lose results.
        }
      },
    });
  }

  /** The run as it stands. */
  snapshot(): BulkSnapshot {
    const { runId, plan, startedAt, now, ledger, control } = this.deps;
    const done = ledger.done;
    const ratePerSec = this.finished
      ? (done * 1000) / Math.max(1, now() - startedAt)
      : this.rate.sample(now(), done);
    return {
      runId,
      action: plan.action,
      total: plan.total,
      done,
      counts: { ...ledger.counts },
      ratePerSec: Math.round(ratePerSec * 10) / 10,
      etaSeconds: control.paused ? null : etaSeconds(plan.total - done, ratePerSec),
      paused: control.paused,
      finished: this.finished,
      aborted: control.stopped,
      servers: this.deps
        .servers()
        .map((s) => (control.paused && s.state === 'running' ? { ...s, state: 'paused' } : s)),
    };
  }

  /** Job `index` finished: its result goes out with the next event. */
  push(index: number): void {
    this.coalescer.push(index);
  }

  /** Something besides a result changed (pause, stop, a server's state): an event soon. */
  poke(): void {
    this.coalescer.poke();
  }

  /** The run resumed: the rate restarts from now. */
  resumed(): void {
    this.rate.reset();
    this.coalescer.poke();
  }

  /** The run is over: the final event goes out. */
  finish(): void {
    this.finished = true;
    this.coalescer.close();
  }
}
