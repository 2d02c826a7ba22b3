/**
 * The fleet (issue 18): one million jobs on twenty simulated servers, hosted several sites per process so
 * they fit two cores. Through the app's own service (`JobAdminService`, as the main process holds it):
 * listing every job as the main process does for its window (see `listToWindow`) against the bare loop
 * reading the same pages; the peak RSS of a process that lists and holds them all; the real renderer showing them (first rows, scroll, filter, sort, JS heap); and deleting
 * 100,000 of them (taken from the job cache the listing filled) across the fleet against the bare loop
 * deleting as many others. Every ratio is taken between the two legs of a pair in this run, and the median
 * over `runs` pairs reported; each part's legs alternate service (or engine), bare, …, each after the same
 * idle spell of its process (`EvenIdlePairs`, pairs.ts).
 */
import { performance } from 'node:perf_hooks';
import type { JobRef } from '../../electron/core/types';
import { startLeg } from './leg-meter';
import type { BareFigures } from './bare-loop';
import { openBareProcess } from './bare-process';
import type { BareProcess } from './bare-process';
import { deleteJobs, idealBulkMs } from './bulk-bench';
import { WARM_UP_ROUNDS } from './pairs';
import { bulkSchedule, fleetListingSchedule } from './pair-schedules';
import type { PairIdle, WarmLegs } from './pairs';
import { listToWindow } from './list-bench';
import { listingPairs } from './listing-pairs';
import { openBenchCore } from './core-setup';
import type { BenchCore } from './core-setup';
import { benchMemory } from './memory-bench';
import type { MemoryBenchResult } from './memory-bench';
import { median } from './report';
import { childrenOf, processCpuMs, shareOf, startFleet } from './sim-fleet';
import type { SimFleet } from './sim-fleet';
import { benchTable } from './table-bench';
import type { TableFigures, TableHarness } from './table-bench';

/** Sizes of the fleet benchmark. */
export interface FleetBenchOptions {
  servers: number;
  jobs: number;
  sitesPerProcess: number;
  services: number;
  latencyMs: number;
  capacity: number;
  concurrency: number;
  /** Pairs (the app path's leg, then the bare loop's) for listing and bulk; processes, windows else. */
  runs: number;
  /** Jobs deleted by each measured bulk run (and by each bare pass). */
  bulkJobs: number;
  /** Deletes each simulator process answers on a throwaway site before it serves (`FleetSpec.warmUp`). */
  simWarmUp: number;
  /** Scales the pair schedules' settle and least margin (pairs.ts): 1, or 0.1 in `--smoke`. */
  spacing: number;
  /** The renderer and Chromium, or null to skip the table. */
  harness: TableHarness | null;
  log: (line: string) => void;
}

/** The listing pairs: the service's times and the bare loop's, and the median of bare / service. */
export interface FleetListFigures {
  jobs: number;
  runsMs: number[];
  bare: BareFigures[];
  /** Each pair's bare / app time in run order; `ratio` is their median. */
  pairs: number[];
  ratio: number;
  /** The idle spell before each pair's two legs (ms). */
  idleMs: PairIdle[];
  /** The warm-up legs that spell was sized from (pairs.ts). */
  warmMs: WarmLegs;
}

/** The bulk pairs: the engine's runs and the bare loop's, and the median of bare / engine. */
export interface FleetBulkFigures {
  jobs: number;
  idealMs: number;
  runs: Array<{ ms: number; deleted: number; failed: number; cpuMsPerJob: number }>;
  bare: BareFigures[];
  /** Each pair's bare / app time in run order; `ratio` is their median. */
  pairs: number[];
  ratio: number;
  /** The idle spell before each pair's two legs (ms). */
  idleMs: PairIdle[];
  /** The warm-up legs that spell was sized from (pairs.ts). */
  warmMs: WarmLegs;
  /** CPU of the simulator processes per request, over every engine run. */
  simCpuMsPerRequest: number | null;
}

/** What the fleet benchmark measured; a part that was not run is null. */
export interface FleetBenchResult {
  servers: number;
  jobs: number;
  processes: number;
  startMs: number;
  list: FleetListFigures;
  memory: MemoryBenchResult | null;
  table: TableFigures | null;
  bulk: FleetBulkFigures;
}

async function listPairs(
  core: BenchCore,
  bare: BareProcess,
  o: FleetBenchOptions,
): Promise<FleetListFigures> {
  // Tokens, connections and discovery before the first timed listing (the bare loop has its tokens).
  for (const p of core.profiles) {
    const found = await core.service.discover(p.id);
    if (!found.ok) throw new Error(`discovery on ${p.name}: ${found.error.message}`);
  }
  const profileIds = core.profiles.map((p) => p.id);
  // Untimed warm-up of both sides on the whole fleet, as many rounds as the 100,000-job listing's. With a
  // tenth of the fleet, the service's first listing of the million still grew its heap and cache to their
  // size: the first pair's listing took 6.2-6.3 s against 3.9-4.4 in the third (full run and --fleet
  // alone), so the median of three was the half-warm second pair. Then the pairs, every leg after the same
  // idle spell (pairs.ts), sized from the warm-up legs; the bare loop reads the services each server listed
  // (ids as the service discovered them).
  const { runsMs, bareRuns, idleMs, warmMs, listed } = await listingPairs({
    schedule: fleetListingSchedule(o.spacing),
    runs: o.runs,
    app: () => listToWindow(core.service, profileIds),
    bare: (last) =>
      bare.list(
        last.counts.map((c) => [...c.keys()]),
        o.concurrency,
      ),
    words: { head: 'fleet list', app: 'service', bare: 'bare' },
    log: o.log,
  });
  const pairs = bareRuns.map((b, i) => b.ms / runsMs[i]!);
  return { jobs: listed.jobs, runsMs, bare: bareRuns, pairs, ratio: median(pairs), idleMs, warmMs };
}

async function bulkPairs(
  core: BenchCore,
  bare: BareProcess,
  fleet: SimFleet,
  o: FleetBenchOptions,
): Promise<FleetBulkFigures> {
  // The jobs to delete come from the job cache the listing filled, as a bulk plan's do: each server's
  // listed jobs in listing order, every pass taking the next ones.
  const servers = core.profiles.map((p) => p.id);
  const cursors = servers.map(() => 0);
  const take = (total = o.bulkJobs): JobRef[][] =>
    servers.map((profileId, i) => {
      const [from, n] = [cursors[i]!, shareOf(total, servers.length, i)];
      cursors[i] = from + n;
      const jobs = core.service.jobs.listed(profileId, from, n);
      if (jobs.length < n) throw new Error(`fleet bulk: server ${i + 1} holds too few jobs`);
      return jobs;
    });
  // Untimed warm-up of both sides, as the 10,000-job bulk part's: each deletes a tenth of a run's jobs
  // in each of as many rounds. Without it the first pair paid each side's compiling and the median of
  // three only dropped it when it was the extreme one.
  const warmJobs = Math.ceil(o.bulkJobs / 10);
  o.log(`fleet bulk: warm-up, ${WARM_UP_ROUNDS} rounds of ${warmJobs} other jobs by each side (not timed)`);
  // Every run has a progress listener, as the app's and the CLI's always do (see deleteJobs).
  let progressEvents = 0;
  const onProgress = (): void => void progressEvents++;
  const idealMs = idealBulkMs(o.bulkJobs, servers.length, o.concurrency, o.latencyMs);
  // Every leg after the same idle spell (pairs.ts), sized as the 10,000-job bulk part's but for a leg of at
  // most 1.5 x the ideal: the warm-up legs' fixed cost (plan, ramp-up), scaled tenfold, sized spells of 35.7 s
  // for legs of 15.4-17.0 s (quiet, 06:27 UTC). The bare loop's legs ran the longer, by 0.9-1.1 s a pair.
  const schedule = bulkSchedule(idealMs, o.bulkJobs / warmJobs, 250, {
    spacing: o.spacing,
    maxOverIdeal: 1.5,
    longerSide: 'bare',
  });
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    const engineWarm = async () => {
      const warm = await deleteJobs(core, take(warmJobs).flat(), onProgress);
      if (!warm.ok) throw new Error(`fleet bulk warm-up: ${warm.error.message}`);
      await warm.value.done;
      await core.service.bulk.settled();
    };
    const bareWarm = async () => void (await bare.delete(take(warmJobs), o.concurrency));
    await schedule.warmRound(engineWarm, bareWarm, round === WARM_UP_ROUNDS - 1);
  }
  o.log(`fleet bulk: ${schedule.spellLine()}`);
  const runs: FleetBulkFigures['runs'] = [];
  const bareRuns: BareFigures[] = [];
  const procs = childrenOf(fleet.sims);
  let [simCpu, simRequests] = [0, 0];
  const engineRun = async (): Promise<void> => {
    const refs = take().flat();
    const end = startLeg();
    const sim0 = procs.map((p) => processCpuMs(p.child.pid!));
    const t0 = performance.now();
    const started = await deleteJobs(core, refs, onProgress);
    if (!started.ok) throw new Error(`fleet bulk: ${started.error.message}`);
    const summary = await started.value.done;
    await core.service.bulk.settled(); // the run's tail inside the engine's leg (see bulk-bench)
    const ms = performance.now() - t0;
    const { cpuMs: engineCpuMs } = await end();
    const sim1 = procs.map((p) => processCpuMs(p.child.pid!));
    if (sim0.every((v) => v !== null) && sim1.every((v) => v !== null)) {
      simCpu += sim1.reduce((n, v, i) => n! + v! - sim0[i]!, 0)!;
      simRequests += refs.length;
    }
    const { deleted, failed } = summary.counts;
    runs.push({ ms, deleted, failed, cpuMsPerJob: engineCpuMs / refs.length });
  };
  const bareRun = async (): Promise<void> => {
    const b = await bare.delete(take(), o.concurrency);
    if (b.failed > 0)
      throw new Error(`fleet bulk: the servers refused ${b.failed} of the bare loop's deletes`);
    bareRuns.push(b);
  };
  for (let run = 0; run < o.runs; run++) {
    await schedule.pair(run, engineRun, bareRun);
    const [e, b] = [runs.at(-1)!, bareRuns.at(-1)!];
    o.log(
      `fleet bulk ${run + 1}/${o.runs}: ${e.deleted} deleted in ${e.ms.toFixed(0)} ms; bare ${b.ms.toFixed(0)} ms, ` +
        schedule.idleLine(run),
    );
  }
  const pairs = bareRuns.map((b, i) => b.ms / runs[i]!.ms);
  return {
    jobs: o.bulkJobs,
    idealMs,
    runs,
    bare: bareRuns,
    pairs,
    ratio: median(pairs),
    idleMs: schedule.pairIdles(),
    warmMs: schedule.sizedFrom,
    simCpuMsPerRequest: simRequests > 0 ? simCpu / simRequests : null,
  };
}

/** Starts the fleet, measures it, and closes it. */
export async function benchFleet(o: FleetBenchOptions): Promise<FleetBenchResult> {
  const processes = Math.ceil(o.servers / o.sitesPerProcess);
  o.log(`fleet: ${o.servers} sites holding ${o.jobs} jobs in ${processes} simulator processes`);
  const t0 = performance.now();
  const fleet = await startFleet({
    servers: o.servers,
    jobs: o.jobs,
    services: o.services,
    latencyMs: o.latencyMs,
    capacity: o.capacity,
    seed: 401,
    sitesPerProcess: o.sitesPerProcess,
    warmUp: o.simWarmUp,
  });
  const startMs = performance.now() - t0;
  let core: BenchCore | null = null;
  let bareLoop: BareProcess | null = null;
  try {
    core = await openBenchCore(fleet.sims, o.concurrency);
    const bare = await openBareProcess(fleet.sims, o.concurrency);
    bareLoop = bare;
    const list = await listPairs(core, bare, o);
    o.log(`fleet memory: a child process lists ${list.jobs} jobs through the app's jobs.list (${o.runs}x)`);
    const memory = await benchMemory(fleet.sims, o.concurrency, o.runs, 'app');
    const table = o.harness
      ? await benchTable(o.harness, fleet.sims, {
          jobs: o.jobs,
          runs: o.runs,
          concurrency: o.concurrency,
          log: o.log,
        })
      : null;
    const bulk = await bulkPairs(core, bare, fleet, o);
    return { servers: o.servers, jobs: list.jobs, processes, startMs, list, memory, table, bulk };
  } finally {
    await bareLoop?.close();
    await core?.dispose();
    await fleet.close();
  }
}
