import { describe, expect, it } from 'vitest';
import { etaSeconds, ProgressCoalescer, RateMeter } from '../../../../electron/core/bulk/progress';
import type { BulkProgressEvent, JobResult } from '../../../../electron/core/bulk/types';
import { FakeServer, ids } from './fake-ops';
import { runOver } from './harness';

/** A clock and timer queue advanced by hand. */
class ManualTime {
  now = 0;
  private timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  schedule = (fn: () => void, ms: number) => {
    const timer = { at: this.now + ms, fn, live: true };
    this.timers.push(timer);
    return () => void (timer.live = false);
  };
  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((t) => t.live && t.at <= this.now);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const t of due) if (t.live) t.fn();
  }
}

const result = (i: number) => ({ jobId: String(i) }) as JobResult;

describe('ProgressCoalescer', () => {
  it('emits at most once per interval, with every result exactly once, plus one final event', () => {
    const time = new ManualTime();
    const events: Array<{ results: JobResult[]; final: boolean }> = [];
    const coalescer = new ProgressCoalescer({
      intervalMs: 250,
      now: () => time.now,
      schedule: time.schedule,
      emit: (results, final) => events.push({ results, final }),
    });
    for (let i = 0; i < 1000; i++) {
      coalescer.push(result(i));
      time.advance(1);
    }
    coalescer.close();
    expect(events.length).toBeLessThanOrEqual(1000 / 250 + 2);
    expect(events.flatMap((e) => e.results.map((r) => r.jobId))).toEqual(
      Array.from({ length: 1000 }, (_, i) => String(i)),
    );
    expect(events.filter((e) => e.final)).toHaveLength(1);
    expect(events.at(-1)!.final).toBe(true);
  });

  it('sends a state change (pause) soon even without results, and nothing after close', () => {
    const time = new ManualTime();
    let count = 0;
    const coalescer = new ProgressCoalescer({
      intervalMs: 250,
      now: () => time.now,
      schedule: time.schedule,
      emit: () => void count++,
    });
    coalescer.poke();
    time.advance(0);
    expect(count).toBe(1);
    coalescer.close();
    coalescer.push(result(1));
    time.advance(1000);
    expect(count).toBe(2);
  });
});

describe('RateMeter and ETA', () => {
  it('measures the recent pace and turns it into seconds left', () => {
    const meter = new RateMeter(10_000);
    meter.sample(0, 0);
    expect(meter.sample(2_000, 200)).toBe(100);
    expect(etaSeconds(1_000, 100)).toBe(10);
    expect(etaSeconds(5, 0)).toBeNull();
    expect(etaSeconds(0, 0)).toBe(0);
  });
});

describe('progress of a large run', () => {
  it('coalesces 10,000 jobs into a few events that carry every result once', async () => {
    const server = new FakeServer(ids('j', 10_000));
    const events: BulkProgressEvent[] = [];
    const started = Date.now();
    const { run } = runOver([{ id: 'A', server, concurrency: 16 }], 'delete', {
      now: Date.now,
      onProgress: (e) => events.push(e),
    });
    await run.done;
    const elapsed = Date.now() - started;
    expect(events.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 2);
    expect(events.length).toBeLessThan(100);
    const seen = events.flatMap((e) => e.results.map((r) => r.jobId));
    expect(new Set(seen).size).toBe(10_000);
    expect(seen).toHaveLength(10_000);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ finished: true, done: 10_000, total: 10_000, etaSeconds: 0 });
    expect(last.counts.deleted).toBe(10_000);
    expect(events.filter((e) => e.finished)).toHaveLength(1);
  });
});
