/**
 * table-frames.ts splits the table benchmark's scroll trace into step and jump frames by count, so it must
 * refuse a trace whose scroll had another number of frames instead of shifting jumps into the steps.
 */
import { describe, expect, it } from 'vitest';
import {
  burstSteps,
  gapsText,
  longestGaps,
  quantile,
  scrollCollections,
  scrollFrames,
  splitScroll,
  type TraceEvent,
} from '../../bench/table-frames';

/** A renderer main thread with one frame per scroll event, frame `i` taking `cpu(i)` ms of thread time. */
function trace(frames: number, cpu: (i: number) => number): TraceEvent[] {
  const thread = { pid: 1, tid: 2 };
  const events: TraceEvent[] = [
    { ...thread, name: 'thread_name', ph: 'M', ts: 0, args: { name: 'CrRendererMain' } },
  ];
  for (let i = 0; i < frames; i++) {
    const ts = 1_000 + i * 20_000;
    const tdur = cpu(i) * 1000;
    events.push({ ...thread, name: 'RunTask', ph: 'X', ts, dur: tdur, tdur });
    events.push({
      ...thread,
      name: 'EventDispatch',
      ph: 'X',
      ts: ts + 1,
      dur: 10,
      args: { data: { type: 'scroll' } },
    });
  }
  return events;
}

describe('table-frames', () => {
  it('splits the bench scroll into its 100 steps and 50 jumps', () => {
    const frames = scrollFrames(trace(150, (i) => (i === 120 ? 40 : i < 100 ? 10 : 5)));
    const { steps, jumps, worst } = splitScroll(frames);
    expect(steps.map((f) => f.cpu)).toEqual(Array(100).fill(10));
    expect(jumps).toHaveLength(50);
    expect(worst.cpu).toBe(40);
  });

  it('refuses a scroll with a frame missing or with none, saying why', () => {
    expect(() => splitScroll(scrollFrames(trace(149, () => 10)))).toThrow(
      /149 scroll frames, not the 100 steps and 50 jumps .* coalesced or missing/,
    );
    expect(() => splitScroll(scrollFrames(trace(0, () => 10)))).toThrow(/0 scroll frames/);
    expect(() => splitScroll([], { steps: 0, jumps: 0 })).toThrow(/0 scroll frames/);
  });

  it("keeps only each interleaved burst's inner steps: not its move, not its last frame", () => {
    // 3 bursts of a move (15 ms), 4 steps (k ms) and a last frame that holds the other side (19 ms).
    const cost = (i: number) => (i % 6 === 0 ? 15 : i % 6 === 5 ? 19 : i % 6);
    const steps = burstSteps(scrollFrames(trace(18, cost)), 3, 5);
    expect(steps.map((f) => f.cpu)).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
    expect(
      quantile(
        steps.map((f) => f.cpu),
        0.9,
      ),
    ).toBe(4);
  });

  it('refuses interleaved bursts with a scroll event missing, saying why', () => {
    expect(() => burstSteps(scrollFrames(trace(17, () => 10)), 3, 5)).toThrow(
      /17 scroll frames, not the 3 bursts of 6 scroll events/,
    );
  });

  it('names the longest frame gaps with their frames, longest first, the earlier frame first on a tie', () => {
    const gaps = [16.7, 41.2, 16.6, 33.3, 41.2, 17];
    expect(longestGaps(gaps)).toEqual([
      { frame: 1, ms: 41.2 },
      { frame: 4, ms: 41.2 },
      { frame: 3, ms: 33.3 },
    ]);
    expect(gapsText(gaps, 2)).toBe('41.2 ms at #1, 41.2 at #4');
  });

  it("puts each collection of the scroll in its frame, leaves out those before it, and reads Blink's heap", () => {
    const events = trace(3, () => 10);
    const main = { pid: 1, tid: 2 };
    const at = (frame: number) => 1_000 + frame * 20_000 + 500;
    events.push(
      { ...main, name: 'MinorGC', ph: 'X', ts: 10, dur: 900, tdur: 800 },
      { ...main, name: 'V8.GCIncrementalMarking', ph: 'X', ts: at(0), dur: 300, tdur: 250 },
      { ...main, name: 'MajorGC', ph: 'X', ts: at(1), dur: 5000, tdur: 4500 },
      { ...main, name: 'MinorGC', ph: 'X', ts: at(2), dur: 1200, tdur: 1000 },
      { pid: 9, tid: 9, name: 'MajorGC', ph: 'X', ts: at(2), dur: 7000, tdur: 7000 },
    );
    const start = { ...main, name: 'V8.GCIncrementalMarkingStart', ph: 'X', ts: at(0) - 100, dur: 50 };
    events.push({
      ...start,
      args: { value: { global_consumed_bytes: 37_000_000, old_gen_consumed_bytes: 19_000_000 } },
    } as unknown as TraceEvent);
    const { collections, markingMs, embedderMb } = scrollCollections(events);
    expect(collections).toEqual([
      { frame: 1, kind: 'major', ms: 4.5 },
      { frame: 2, kind: 'minor', ms: 1 },
    ]);
    expect(markingMs).toBe(0.25);
    expect(embedderMb).toEqual([18]);
  });
});
