/**
 * engine-cost.ts's old-generation figures: what a span's scavenges promoted, and that plus what was
 * allocated in the old generation at once between collections.
 */
import type v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { oldGenBytes, startOldGenMeter } from '../../bench/old-gen-meter';
import type { SpaceStats } from '../../bench/old-gen-meter';

/** Spaces with `young` bytes in the young generation and `old` split over two old-generation spaces. */
const spaces = (old: number, young = 7): SpaceStats => [
  { spaceName: 'new_space', spaceUsedSize: young },
  { spaceName: 'old_space', spaceUsedSize: old - 1 },
  { spaceName: 'code_space', spaceUsedSize: 1 },
];
const gc = (gcType: string, before: number, after: number) => ({
  gcType,
  beforeGC: { heapSpaceStatistics: spaces(before, 900) },
  afterGC: { heapSpaceStatistics: spaces(after, 0) },
});
type Report = ReturnType<v8.GCProfiler['stop']>;

describe('oldGenBytes', () => {
  it('counts what scavenges promoted, and that plus the old generation’s growth between collections', () => {
    // 100 at the start; a scavenge promotes 50; 50 more allocated there at once before a mark-compact
    // that frees 80; 10 more allocated there before the end. The young generation: 7 at the start, 900
    // before each collection, empty after each, 7 at the end: 893 + 900 + 7 allocated there.
    const report = {
      statistics: [gc('Scavenge', 100, 150), gc('MarkSweepCompact', 200, 120)],
    } as unknown as Report;
    expect(oldGenBytes(spaces(100), spaces(130), report)).toEqual({
      promoted: 50,
      added: 110,
      young: 1800,
    });
  });

  it('counts the growth of a span without a collection, and nothing promoted', () => {
    expect(oldGenBytes(spaces(100), spaces(164, 500), { statistics: [] } as unknown as Report)).toEqual({
      promoted: 0,
      added: 64,
      young: 493,
    });
  });
});

describe('startOldGenMeter', () => {
  it('ends a span with finite figures from the heap and a GC profile of its own', () => {
    const stop = startOldGenMeter();
    const kept = Array.from({ length: 10_000 }, (_, i) => ({ i }));
    const { promoted, added, young } = stop();
    expect(kept).toHaveLength(10_000);
    expect(Number.isFinite(promoted) && Number.isFinite(added)).toBe(true);
    // At least the 10,000 objects' 160 KB, wherever V8 put them.
    expect(young + added - promoted).toBeGreaterThan(160_000);
  });
});
