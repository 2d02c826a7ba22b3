/**
 * What a span of the benchmark put into V8's old generation: promoted by its scavenges, or allocated there
 * at once (V8 pretenures an allocation site whose objects mostly survive). What outlives the young
 * generation is what the major collections that follow have to mark: a run's collector CPU. Also what the
 * span allocated on the heap, young and old (`oldGenBytes`). Used by engine-cost.ts for each round.
 */
import v8 from 'node:v8';

/** The young generation's spaces; every other space is the old generation's. */
const YOUNG = new Set(['new_space', 'new_large_object_space']);

/** The heap's spaces as `v8.GCProfiler` reports them. */
export type SpaceStats = Array<{ spaceName: string; spaceUsedSize: number }>;

/** Bytes in use in the old generation's spaces. */
const oldUsed = (spaces: SpaceStats): number =>
  spaces.reduce((n, s) => (YOUNG.has(s.spaceName) ? n : n + s.spaceUsedSize), 0);
/** Bytes in use in the young generation's spaces. */
const youngUsed = (spaces: SpaceStats): number =>
  spaces.reduce((n, s) => (YOUNG.has(s.spaceName) ? n + s.spaceUsedSize : n), 0);

/** The heap's spaces now, named as `v8.GCProfiler` names them. */
function heapSpaces(): SpaceStats {
  return v8
    .getHeapSpaceStatistics()
    .map((s) => ({ spaceName: s.space_name, spaceUsedSize: s.space_used_size }));
}

/**
 * What went into the old generation between `start` and `end` (the heap's spaces), from a `v8.GCProfiler`
 * report of the span: `promoted`, what its scavenges moved there, and `added`, that plus what was allocated
 * there at once (its growth between collections). A gap where concurrent sweeping shrank the old
 * generation between collections counts negative, so `added` can undercount in a span with a mark-compact.
 * `young`: what was allocated in the young generation (its growth between collections), so `young + added -
 * promoted` is every byte the span allocated on the heap, a count the machine's load hardly moves (it can
 * undercount in a span with a mark-compact, as `added` can).
 */
export function oldGenBytes(start: SpaceStats, end: SpaceStats, report: ReturnType<v8.GCProfiler['stop']>) {
  let promoted = 0;
  let added = 0;
  let young = 0;
  let last = oldUsed(start);
  let lastYoung = youngUsed(start);
  for (const gc of report?.statistics ?? []) {
    const before = oldUsed(gc.beforeGC.heapSpaceStatistics);
    const after = oldUsed(gc.afterGC.heapSpaceStatistics);
    added += before - last;
    if (gc.gcType === 'Scavenge') promoted += after - before;
    last = after;
    young += youngUsed(gc.beforeGC.heapSpaceStatistics) - lastYoung;
    lastYoung = youngUsed(gc.afterGC.heapSpaceStatistics);
  }
  return {
    promoted,
    added: added + oldUsed(end) - last + promoted,
    young: young + youngUsed(end) - lastYoung,
  };
}

/**
 * Starts measuring a span; the function it returns ends it and says what went into the old generation and
 * what the young generation allocated (see `oldGenBytes`).
 */
export function startOldGenMeter(): () => { promoted: number; added: number; young: number } {
  const profiler = new v8.GCProfiler();
  profiler.start();
  const start = heapSpaces();
  return () => oldGenBytes(start, heapSpaces(), profiler.stop());
}
