/**
 * What a listing for the window leaves to the collector, counted rather than timed: the list part's
 *100,000 jobs (3 simulators, 10 GP services each, over HTTPS) listed by `listToWindow` after two untimed
 * listings, each timed listing under a `v8.GCProfiler`. Per listing it prints the scavenges and
 * mark-compacts, the bytes the scavenges moved into the old generation (`promoted`), the part of them that
 * went into large-object space (objects over 128 KB: a page's answer text, a grown `Set` table), the
 * young large objects alive or dead at each scavenge (`new lo`), and the CPU. Those counts do not follow
 * the machine's load the way time does. Run bundled, as the benchmark runs:
 * `BENCH_ENTRY=test/bench/list-gc.ts node build/bench.mjs [--listings N] [--jobs N] [--idle MS]`, or build it
 * with esbuild and run it under `node --trace-gc` to see each collection.
 * `--idle MS` waits that long before each timed listing, as the benchmark's legs wait their idle spell (V8's
 * memory reducer may collect and shrink the heap in it): on 265118c, 6 listings after 2.5 s idle each ran no
 * mark-compact and promoted 0.6-1.3 MB, as back-to-back ones did (`--trace-gc`, load ~9). After 5.5 s idle
 * (what the app's process waits between its legs in the benchmark: a spell, the bare leg, a spell), a process
 * often switches to listings of 2-6 mark-compacts (and 0-2 scavenges) each, CPU 500-620 ms against 350-490.
 * Seen in 5 of 6 processes (`--listings 3 --idle 5500`, load 10-14). `--trace-gc` shows the whole heap at
 * 35-43 -> 21-23 MB per mark-compact, but the profiler's spaces put it elsewhere: old space grew only 2.7-3.3
 * MB between them (16.3 -> 19.0, 19.3 -> 22.6 MB; large objects 4.4-5.4 MB), with 10-14 MB young objects not
 * yet scavenged. So these mark-compacts do not come from filling the old generation (see the marking trace
 * below). `new space` (its size at each listing's start) was 33.6 MB in most, 23.1 and 27.3 in two.
 * `--trace-pretenuring-statistics` tenured only sites of 100-130 objects per scavenge (objects made once per
 * page). The benchmark's app legs with 1-3 majors and 84-203 ms CPU on other threads look like this state; its
 * bare legs (own process) ran none. Not the memory reducer: with `--no-memory-reducer` 2 processes of 2 still
 * ran 4-5 in their first one or two timed listings. Under `--trace-incremental-marking` every such marking
 * began "Start (task)" well below the limit (old generation 22-24 MB of 45-52, slack 21-30 MB): V8 starts
 * marking early once the slack is below what the young generation could promote (its capacity, new space 33.6
 * MB here), so a process whose live heap is ~22 MB and whose young generation has grown to its largest marks
 * again after each mark-compact.
 * `promoted` is the old generation's growth across each scavenge, from the profiler's space sizes. On Node 20
 * it is the bytes the scavenge promoted: built with esbuild and run under `--trace-gc-nvp` (8 listings, 29
 * scavenges, 2 mark-compacts), every scavenge's growth equalled V8's own `promoted=` to the byte, those right
 * after a mark-compact too (sweeping does not lower the sizes during a scavenge).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { openBenchCore } from './core-setup';
import { listToWindow } from './list-bench';
import { median } from './report';
import { startFleet } from './sim-fleet';

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '6' },
    jobs: { type: 'string', default: '100000' },
    warm: { type: 'string', default: '2' },
    idle: { type: 'string', default: '0' },
  },
});

type Spaces = Array<{ spaceName: string; spaceUsedSize: number }>;
const used = (s: Spaces, name: string): number => s.find((x) => x.spaceName === name)?.spaceUsedSize ?? 0;
const OLD = ['old_space', 'code_space', 'map_space', 'large_object_space', 'code_large_object_space'];
const oldUsed = (s: Spaces): number => OLD.reduce((n, name) => n + used(s, name), 0);

/** One listing's collections, from a `v8.GCProfiler` report. */
function collections(report: ReturnType<v8.GCProfiler['stop']>) {
  let scavenges = 0;
  let majors = 0;
  let promoted = 0;
  let promotedLo = 0;
  let newLo = 0;
  for (const gc of report?.statistics ?? []) {
    const [b, a] = [gc.beforeGC.heapSpaceStatistics, gc.afterGC.heapSpaceStatistics];
    if (gc.gcType === 'Scavenge') {
      scavenges++;
      promoted += oldUsed(a) - oldUsed(b);
      promotedLo += used(a, 'large_object_space') - used(b, 'large_object_space');
      newLo += used(b, 'new_large_object_space');
    } else if (gc.gcType === 'MarkSweepCompact') majors++;
  }
  return { scavenges, majors, promoted, promotedLo, newLo };
}

/** This thread's CPU so far (ms; Linux's schedstat), NaN where /proc cannot be read. */
function mainThreadMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

const jobs = Number(values.jobs);
const fleet = await startFleet({
  servers: 3,
  jobs,
  services: 10,
  latencyMs: 20,
  capacity: 8,
  seed: 201,
  warmUp: 100,
});
const core = await openBenchCore(fleet.sims, 8);
const ids = core.profiles.map((p) => p.id);
const MB = (n: number): string => (n / 1e6).toFixed(1);
try {
  for (let i = 0; i < Number(values.warm); i++) await listToWindow(core.service, ids);
  const rows: Array<ReturnType<typeof collections> & { cpu: number; main: number; ms: number }> = [];
  for (let i = 0; i < Number(values.listings); i++) {
    if (Number(values.idle) > 0) await new Promise((resolve) => setTimeout(resolve, Number(values.idle)));
    const young = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space')?.space_size ?? NaN;
    const profiler = new v8.GCProfiler();
    profiler.start();
    const [main0, cpu0, t0] = [mainThreadMs(), process.cpuUsage(), performance.now()];
    const listed = await listToWindow(core.service, ids);
    const [cpu, ms, main] = [process.cpuUsage(cpu0), performance.now() - t0, mainThreadMs() - main0];
    const c = { ...collections(profiler.stop()), cpu: (cpu.user + cpu.system) / 1000, main, ms };
    rows.push(c);
    console.log(
      `list-gc: listing ${i + 1}: ${listed.jobs} jobs, ${c.scavenges} scavenges, ${c.majors} major; ` +
        `promoted ${MB(c.promoted)} MB (large objects ${MB(c.promotedLo)}), new lo at scavenges ` +
        `${MB(c.newLo)} MB, new space ${MB(young)} MB at start; CPU ${c.cpu.toFixed(0)} ms (main thread ${c.main.toFixed(0)}) in ${c.ms.toFixed(0)} ms`,
    );
  }
  const m = (pick: (r: (typeof rows)[number]) => number): string => MB(median(rows.map(pick)));
  console.log(
    `list-gc: medians: promoted ${m((r) => r.promoted)} MB, large objects ${m((r) => r.promotedLo)} MB, ` +
      `scavenges ${median(rows.map((r) => r.scavenges))}, mark-compacts ${rows.reduce((n, r) => n + r.majors, 0)} ` +
      `in ${rows.length} listings, CPU ${median(rows.map((r) => r.cpu)).toFixed(0)} ms (main thread ${median(rows.map((r) => r.main)).toFixed(0)}), wall ${median(rows.map((r) => r.ms)).toFixed(0)} ms`,
  );
} finally {
  await core.dispose();
  await fleet.close();
}
