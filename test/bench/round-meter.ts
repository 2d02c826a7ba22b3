/**
 * One measured round of engine-cost.ts, per job: CPU of the main thread and of the other threads, wall
 * time and the collector's main-thread pauses, through the benchmark's own meter (`startLeg`,
 * leg-meter.ts), and the bytes that went into the old generation (old-gen-meter.ts); with `--alloc`, a
 * sampled allocation profile of the round. What each round prints and the medians its JSON line reports.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startLeg } from './leg-meter';
import type { LegCost } from './leg-meter';
import { startOldGenMeter } from './old-gen-meter';
import { median } from './report';

/** A round's costs per job. */
export interface Figures {
  /** CPU per job of the main thread, and of the other threads (V8's collector helpers, libuv's pool). */
  mainMsPerJob: number | null;
  otherMsPerJob: number | null;
  cpuMsPerJob: number;
  ms: number;
  gcCount: number;
  gcMs: number;
  /** Bytes the leg's scavenges moved to the old generation, per job (null for the bare loop's process). */
  promotedPerJob: number | null;
  /**
   * Bytes that went into the old generation during the leg, per job: promoted, or allocated there at once
   * (V8 pretenures an allocation site whose objects mostly survive), or null for the bare loop's process.
   */
  oldGenPerJob: number | null;
  /** Bytes allocated on the heap during the leg, per job, young and old (null for the bare loop's process). */
  allocatedPerJob: number | null;
}

/**
 * CPU, wall time and collector pauses of `run` over `n` jobs, through the benchmark's own meter
 * (`startLeg`); `run` resolves how many of its jobs did not succeed, and any makes the tool fail at once (a
 * broken round must not pass for a fast one). `onWindow` gets the round's span on the clock CPU profiles
 * use (µs), to slice a profile by round.
 */
export async function measureRound(
  n: number,
  run: () => Promise<number>,
  onWindow?: (fromUs: bigint, toUs: bigint) => void,
): Promise<Figures> {
  const oldGen = startOldGenMeter();
  const end = startLeg();
  const t0 = performance.now();
  const h0 = process.hrtime.bigint();
  const failed = await run();
  if (failed > 0) throw new Error(`${failed} of ${n} jobs of a measured round did not succeed`);
  const ms = performance.now() - t0;
  onWindow?.(h0 / 1000n, process.hrtime.bigint() / 1000n);
  const figures = figuresOf(await end(), ms, n);
  const old = oldGen();
  figures.promotedPerJob = old.promoted / n;
  figures.oldGenPerJob = old.added / n;
  figures.allocatedPerJob = (old.young + old.added - old.promoted) / n;
  return figures;
}

/** A leg's costs per job. */
export function figuresOf(cost: LegCost, ms: number, n: number): Figures {
  return {
    mainMsPerJob: cost.mainMs == null ? null : cost.mainMs / n,
    otherMsPerJob: cost.otherMs == null ? null : cost.otherMs / n,
    cpuMsPerJob: cost.cpuMs / n,
    ms,
    gcCount: cost.gcs,
    gcMs: cost.gcMs,
    promotedPerJob: null,
    oldGenPerJob: null,
    allocatedPerJob: null,
  };
}

/** The median over the rounds of a count per job: into the old generation (`oldGenPerJob`, the default), promoted or allocated. */
export function medianOf(
  fs: Figures[],
  key: 'oldGenPerJob' | 'promotedPerJob' | 'allocatedPerJob' = 'oldGenPerJob',
): number | null {
  return fs.length ? Math.round(median(fs.map((f) => f[key] ?? 0))) : null;
}

/** A round's figures as one line of the log. */
export function show(f: Figures): string {
  return (
    `${f.cpuMsPerJob.toFixed(4)} ms CPU/job (main ${f.mainMsPerJob?.toFixed(4)}, other threads ` +
    `${f.otherMsPerJob?.toFixed(4)}; ${f.ms.toFixed(0)} ms, ${f.gcCount} gc ${f.gcMs.toFixed(0)} ms` +
    `${f.oldGenPerJob == null ? '' : `, ${f.oldGenPerJob.toFixed(0)} B/job to the old generation, ${f.promotedPerJob?.toFixed(0)} of them promoted, ${f.allocatedPerJob?.toFixed(0)} allocated`})`
  );
}

/** Where `--alloc` writes its profile, and whether only what outlived the young generation is sampled. */
export interface AllocSampling {
  file: string;
  survivorsOnly: boolean;
}

/**
 * With `alloc`: samples allocations (those the collector freed included) during `run` through the
 * inspector and writes the sampled profile (`.heapprofile`, for Chrome's memory tool or a script);
 * without, just runs `run`.
 */
export async function sampleAllocations<T>(run: () => Promise<T>, alloc: AllocSampling | null): Promise<T> {
  if (!alloc) return run();
  const { Session } = await import('node:inspector');
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))),
    );
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    // `survivorsOnly`: only what outlived the young generation (promoted or allocated in the old one, or
    // still young and alive at the end): what the run leaves for the major collections.
    includeObjectsCollectedByMinorGC: !alloc.survivorsOnly,
  });
  const result = await run();
  const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
  writeFileSync(alloc.file, JSON.stringify(profile));
  session.disconnect();
  return result;
}
