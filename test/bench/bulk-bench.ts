/**
 * Bulk delete: N jobs over S simulated servers with the app's own path (`JobAdminService.bulk.start`, the
 * engine at concurrency C, audit log included), against the network's limit ceil(N / (S x C)) x L and
 * against today's way, one delete after another through the same client. The measured run is repeated on
 * fresh jobs (`runs`) and the median reported, as the listing, memory and table figures are: on a shared
 * 2-core machine a single run moves by a few per cent with the machine's own speed.
 */
import { performance } from 'node:perf_hooks';
import type { JobRef } from '../../electron/core/types';
import type { BareFigures } from './bare-loop';
import { openBareProcess } from './bare-process';
import type { BareProcess } from './bare-process';
import { jobRefOf, listEachServer, openBenchCore } from './core-setup';
import type { BenchCore } from './core-setup';
import { legLine, startLeg } from './leg-meter';
import type { LegCost } from './leg-meter';
import { oneAtATime } from './one-at-a-time';
import { WARM_UP_ROUNDS } from './pairs';
import type { WarmLegs } from './pairs';
import { bulkSchedule } from './pair-schedules';
import type { SequentialFigures } from './one-at-a-time';
import { median } from './report';
import { childrenOf, processCpuMs, shareOf, simControl, startFleet } from './sim-fleet';

/** Sizes and settings of the bulk benchmark. */
export interface BulkBenchOptions {
  jobs: number;
  /** Measured runs of `jobs` each (on fresh jobs); the median run is reported. */
  runs: number;
  /** Jobs deleted one at a time (the baseline), split over `SEQUENTIAL_SAMPLES` samples (one-at-a-time.ts). */
  sequentialJobs: number;
  /**
   * Jobs deleted by each of the untimed warm-up rounds (`WARM_UP_ROUNDS`, an engine run and a bare pass
   * each), so neither side of a pair is measured while V8 compiles it.
   */
  warmupJobs: number;
  servers: number;
  concurrency: number;
  latencyMs: number;
  capacity: number;
  /** Deletes each simulator process answers on a throwaway site before it serves (`FleetSpec.warmUp`). */
  simWarmUp: number;
  /**
   * The idle spell before each side's last warm-up leg (ms; `EvenIdleOptions.warmIdleMs`): past the
   * simulators' 5 s keep-alive, so each process meets its first closed connection in the warm-up.
   */
  warmIdleMs: number;
  log: (line: string) => void;
}

/** One measured engine run. */
export interface BulkRunFigures {
  measuredMs: number;
  efficiency: number;
  deleted: number;
  failed: number;
  progressEvents: number;
  /** CPU used during the run: this process per job, and each simulator process per request it served. */
  cpu: { clientMsPerJob: number; simMsPerJob: Array<number | null> };
  /** This process's CPU of the run taken apart (main thread, other threads, collector, wake-ups). */
  cost: LegCost;
}

/** What the bulk benchmark measured: the median run's figures, with every run listed in `runs`. */
export interface BulkBenchResult {
  jobs: number;
  servers: number;
  concurrency: number;
  latencyMs: number;
  idealMs: number;
  measuredMs: number;
  efficiency: number;
  deleted: number;
  failed: number;
  progressEvents: number;
  progressEventsPerS: number;
  /** Jobs left on the simulators afterwards that should have been deleted. */
  leftOnServers: number;
  /** The one-at-a-time baseline: its samples and the median of their ms per job. */
  sequential: SequentialFigures;
  /** CPU used during the median run: this process per job, and each simulator process per request. */
  cpu: { clientMsPerJob: number; simMsPerJob: Array<number | null> };
  enginePerJobMs: number;
  speedup: number;
  /** Every measured run, in the order they ran. */
  runs: BulkRunFigures[];
  /**
   * The bare loop paired with each engine run (after it, each leg after the same idle spell: `EvenIdlePairs`),
   * on as many other jobs: its passes, and the medians of bare time / engine time and of engine CPU per job /
   * bare CPU per request over those pairs.
   */
  bare: {
    runs: BareFigures[];
    /** Each pair in run order: bare / engine time, engine CPU per job / bare CPU per request, each side's idle before (ms). */
    pairs: Array<{ time: number; cpu: number; idleMs: { engine: number | null; bare: number | null } }>;
    timeRatio: number;
    cpuRatio: number;
    cpuMsPerRequest: number;
    /** The warm-up legs the pairs' idle spell was sized from (pairs.ts). */
    warmMs: WarmLegs;
  };
}

/** The smallest time N deletes can take: full waves of S x C requests, each costing one latency. */
export function idealBulkMs(jobs: number, servers: number, concurrency: number, latencyMs: number): number {
  return Math.ceil(jobs / (servers * concurrency)) * latencyMs;
}

/**
 * Plans a delete of `refs` and starts that plan, as the app does once the user confirms. The progress
 * listener is required: the app and the CLI always pass one, and without one a run skips building each
 * event's results (run-progress.ts), a run the app never makes.
 */
export async function deleteJobs(core: BenchCore, refs: readonly JobRef[], onProgress: () => void) {
  const held = await core.service.bulk.prepare('delete', refs);
  return held.ok ? core.service.bulk.start(held.value.planId, { onProgress }) : held;
}

/** Runs the bulk benchmark on its own simulators and closes them. */
export async function benchBulk(o: BulkBenchOptions): Promise<BulkBenchResult> {
  const shares = (total: number) => Array.from({ length: o.servers }, (_, i) => shareOf(total, o.servers, i));
  const runs = Math.max(1, o.runs);
  const [warmPerServer, perServer, seqPerServer] = [
    shares(o.warmupJobs),
    shares(o.jobs),
    shares(o.sequentialJobs),
  ];
  // The jobs each server hands out: the warm-up rounds' (engine and bare), each run's and each bare
  // pass's share, the one-at-a-time share.
  const neededPer = warmPerServer.map(
    (w, i) => 2 * WARM_UP_ROUNDS * w + 2 * runs * perServer[i]! + seqPerServer[i]!,
  );
  const needed = neededPer.reduce((a, b) => a + b, 0);
  // Every site of one process holds as many jobs: the most any server hands out, on every server.
  const fleetJobs = Math.max(...neededPer) * o.servers;
  o.log(`bulk: starting ${o.servers} simulated servers in one process with ${fleetJobs} jobs`);
  // One process for all the sites, as the fleet hosts five per process: a simulator process answering
  // a few hundred requests a second spends about three times the CPU per request of one answering a
  // thousand (its event loop wakes for each request alone), and that CPU is taken from the two cores the
  // engine is measured on. Each site keeps its own port, TLS, capacity queue and latency.
  const fleet = await startFleet({
    servers: o.servers,
    jobs: fleetJobs,
    services: 10,
    latencyMs: o.latencyMs,
    capacity: o.capacity,
    seed: 101,
    sitesPerProcess: o.servers,
    warmUp: o.simWarmUp,
  });
  const procs = childrenOf(fleet.sims);
  // Requests each simulator process serves in one measured run: the deletes of its sites.
  const procRequests = procs.map((p) =>
    fleet.sims.reduce((n, sim, i) => (sim.child === p.child ? n + perServer[i]! : n), 0),
  );
  const core = await openBenchCore(fleet.sims, o.concurrency);
  let bareLoop: BareProcess | null = null;
  try {
    const bare = await openBareProcess(fleet.sims, o.concurrency);
    bareLoop = bare;
    // The app lists before it deletes: this also fetches tokens and opens connections for every run.
    const listed = await listEachServer(core);
    if (listed.flat().length < fleetJobs)
      throw new Error(`bulk: the simulators listed ${listed.flat().length} jobs, fewer than ${fleetJobs}`);
    // Each server's jobs, handed out in turn: the warm-up, each measured run, the one-at-a-time sample.
    const cursors = listed.map(() => 0);
    const take = (perServerCounts: number[]): JobRef[] =>
      listed.flatMap((jobs, i) => {
        const from = cursors[i]!;
        cursors[i] = from + perServerCounts[i]!;
        return jobs.slice(from, cursors[i]).map(jobRefOf);
      });
    const warmRounds = Array.from({ length: WARM_UP_ROUNDS }, () => ({
      engine: take(warmPerServer),
      bare: byServer(take(warmPerServer), core.profiles),
    }));
    const runRefs = Array.from({ length: runs }, () => take(perServer));
    const bareRefs = Array.from({ length: runs }, () => byServer(take(perServer), core.profiles));
    const seqRefs = take(seqPerServer);

    const idealMs = idealBulkMs(o.jobs, o.servers, o.concurrency, o.latencyMs);
    // Every leg after the same idle spell (pairs.ts). A leg takes up to 1.15 x the ideal (8.8 / 9.5 s of 8.34
    // on 2026-12-02), more at load; the two sides' legs differ by up to 0.4-0.8 s summed over five pairs.
    const schedule = bulkSchedule(idealMs, o.jobs / Math.max(1, o.warmupJobs), 1000, {
      warmIdleMs: o.warmIdleMs,
    });
    for (const [n, round] of warmRounds.entries()) {
      if (round.engine.length === 0) break;
      o.log(
        `bulk: warm-up ${n + 1} of ${WARM_UP_ROUNDS}, ${round.engine.length} other jobs by each side (not timed)`,
      );
      const engineWarm = async () => {
        const warm = await deleteJobs(core, round.engine, () => {});
        if (!warm.ok) throw new Error(`bulk warm-up: ${warm.error.message}`);
        await warm.value.done;
        await core.service.bulk.settled();
      };
      const bareWarm = async () => void (await bare.delete(round.bare, o.concurrency));
      await schedule.warmRound(engineWarm, bareWarm, n === warmRounds.length - 1);
    }
    o.log(`bulk: ${schedule.spellLine()}`);

    const measured: BulkRunFigures[] = [];
    const bareRuns: BareFigures[] = [];
    const engineRun = (n: number) => async (): Promise<void> => {
      o.log(
        `bulk: run ${n + 1} of ${runs}, deleting ${o.jobs} jobs with the engine at concurrency ${o.concurrency}`,
      );
      let progressEvents = 0;
      const end = startLeg();
      const simCpu0 = procs.map((p) => processCpuMs(p.child.pid!));
      const t0 = performance.now();
      const started = await deleteJobs(core, runRefs[n]!, () => void progressEvents++);
      if (!started.ok) throw new Error(`bulk start: ${started.error.message}`);
      const summary = await started.value.done;
      // The run's tail (audit file closed, audit retention) is the engine's work too: inside its leg, not the next.
      await core.service.bulk.settled();
      const measuredMs = performance.now() - t0;
      const cost = await end();
      const simCpu = procs.map((p, i) => {
        const [before, after] = [simCpu0[i], processCpuMs(p.child.pid!)];
        return before == null || after == null ? null : (after - before) / procRequests[i]!;
      });
      measured.push({
        measuredMs,
        efficiency: idealMs / measuredMs,
        deleted: summary.counts.deleted,
        failed: summary.counts.failed,
        progressEvents,
        cpu: { clientMsPerJob: cost.cpuMs / o.jobs, simMsPerJob: simCpu },
        cost,
      });
    };
    const bareRun = (n: number) => async (): Promise<void> => {
      o.log(
        `bulk: bare loop ${n + 1} of ${runs}, ${o.jobs} plain undici deletes at concurrency ${o.concurrency}`,
      );
      bareRuns.push(await bare.delete(bareRefs[n]!, o.concurrency));
    };
    for (let n = 0; n < runs; n++) {
      await schedule.pair(n, engineRun(n), bareRun(n));
      const [e, b] = [measured.at(-1)!, bareRuns.at(-1)!];
      o.log(
        `bulk: engine ${e.measuredMs.toFixed(0)} ms, bare ${b.ms.toFixed(0)} ms (${b.failed} failed), ` +
          schedule.idleLine(n),
      );
      o.log(`bulk: engine per job ${legLine(e.cost, o.jobs)}`);
      o.log(`bulk: bare per request ${legLine(b.cost, b.requests)}`);
    }

    const left = await Promise.all(
      fleet.sims.map((sim) => simControl<{ count: number }>(sim, 'jobs?count=1').then((r) => r.count)),
    );
    // Not counted as left: the one-at-a-time sample (deleted after this count) and the jobs the rounding up
    // to whole sites added, which no run targets.
    const leftOnServers = left.reduce((a, b) => a + b, 0) - o.sequentialJobs - (fleetJobs - needed);
    const bareFailed = bareRuns.reduce((n, b) => n + b.failed, 0);
    if (bareFailed > 0) throw new Error(`bulk: the bare loop's servers refused ${bareFailed} deletes`);

    const sequential = await oneAtATime(core, seqRefs, o.log);
    // The median run by time (the middle one of an odd count, the slower middle one of an even count).
    const mid = [...measured].sort((a, b) => a.measuredMs - b.measuredMs)[Math.floor(runs / 2)]!;
    const enginePerJobMs = mid.measuredMs / o.jobs;
    const pairs = bareRuns.map((b, i) => ({
      time: b.ms / measured[i]!.measuredMs,
      cpu: measured[i]!.cpu.clientMsPerJob / (b.cpuMs / b.requests),
      idleMs: { engine: schedule.idleOf(i, 'app'), bare: schedule.idleOf(i, 'bare') },
    }));
    return {
      jobs: o.jobs,
      servers: o.servers,
      concurrency: o.concurrency,
      latencyMs: o.latencyMs,
      idealMs,
      measuredMs: mid.measuredMs,
      efficiency: mid.efficiency,
      deleted: mid.deleted,
      failed: mid.failed,
      progressEvents: mid.progressEvents,
      progressEventsPerS: median(measured.map((r) => r.progressEvents / (r.measuredMs / 1000))),
      leftOnServers,
      sequential,
      cpu: mid.cpu,
      enginePerJobMs,
      speedup: sequential.perJobMs / enginePerJobMs,
      runs: measured,
      bare: {
        runs: bareRuns,
        pairs,
        timeRatio: median(pairs.map((p) => p.time)),
        cpuRatio: median(pairs.map((p) => p.cpu)),
        cpuMsPerRequest: median(bareRuns.map((b) => b.cpuMs / b.requests)),
        warmMs: schedule.sizedFrom,
      },
    };
  } finally {
    await bareLoop?.close();
    await core.dispose();
    await fleet.close();
  }
}

/** Refs grouped by server, in the order of `profiles` (as the bare loop takes them). */
function byServer(refs: readonly JobRef[], profiles: ReadonlyArray<{ id: string }>) {
  return profiles.map((p) => refs.filter((r) => r.profileId === p.id));
}
