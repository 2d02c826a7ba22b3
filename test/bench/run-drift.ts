/**
 * Whether the engine's process gets slower, or holds more, with every run it has done: N bulk deletes back
 * to back through the app's path (`JobAdminService.bulk` prepare, start, settled), each measured by
 * drift-meter.ts, and after each what the process holds (heap after a forced full collection, handles, the
 * audit directory, the bulk service's registries, every collection reachable from the core).
 *
 *   BENCH_ENTRY=test/bench/run-drift.ts node build/bench.mjs [--jobs 10000] [--runs 8] [--warmup 1500]
 *     [--hold listing|none] [--no-bare] [--markers] [--census]
 *   BENCH_ENTRY=test/bench/run-drift.ts node build/bench.mjs --instant [--jobs 10000] [--runs 40]
 *
 * Sockets (the default): the bulk figures' rig (three sites in one simulator process, latency 20 ms,
 * capacity 8, the app at concurrency 8, two untimed warm-up rounds), each run paired with a bare pass in
 * the bare loop's own process in the benchmark's alternating order (`inPairOrder`), so the bare loop's CPU
 * is the machine's noise beside each run. `--hold listing` (the default) holds what bulk-bench.ts holds:
 * every listed `Job` object and the references of every run, built before the first; `--hold none` takes
 * each run's references from the job cache (`JobCache.listed`) when it starts, as the app holds only its
 * cache. `--instant`: the same core and path over a transport that answers at once (no sockets, so many
 * runs in seconds, and CPU the load moves less), the job cache filled with generated jobs.
 *
 * Each run prints one JSON line on stdout prefixed `@@drift` (and on stderr). `--markers` writes
 * `@@run N start|end` to stdout around each run, so V8's `--trace-deopt` lines (run the bundle with
 * `stdbuf -oL node --trace-deopt`) can be counted per run; `--census` lists every collection's size;
 * `--plain` takes no census between runs (its forced collections change what the next run finds);
 * `--idle S` waits S seconds where each bare pass goes (with `--no-bare`: the process idle, nothing else).
 */
import { mkdtempSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JobAdminService } from '../../electron/core/service/job-admin-service';
import type { Job, JobRef } from '../../electron/core/types';
import { deleteJobs } from './bulk-bench';
import { openBareProcess } from './bare-process';
import type { BareProcess } from './bare-process';
import { jobRefOf, listEachServer, openBenchCore } from './core-setup';
import type { BenchCore } from './core-setup';
import { census, measuredRun } from './drift-meter';
import { WARM_UP_ROUNDS, inPairOrder } from './pairs';
import { answeringFetch, loadAverage, numberArg, runScript } from './script-args';
import { shareOf, startFleet } from './sim-fleet';
import { collectionSizes } from './state-census';

const instant = process.argv.includes('--instant');
const jobs = numberArg('jobs', 10_000);
const runs = numberArg('runs', instant ? 40 : 8);
const warmup = numberArg('warmup', 1500);
const servers = 3;
const concurrency = 8;
const holdAt = process.argv.indexOf('--hold');
const hold = holdAt >= 0 ? process.argv[holdAt + 1] : 'listing';
const withBare = !instant && !process.argv.includes('--no-bare');
const markers = process.argv.includes('--markers');
const plain = process.argv.includes('--plain');
const idleS = numberArg('idle', 0);
const log = (line: string): void => void process.stderr.write(`[run-drift] ${line}\n`);
const mark = (line: string): void => void (markers && writeSync(1, `@@${line}\n`));

/** A core over stub servers whose transport answers every call at once, its cache holding `n` jobs. */
async function openInstantCore(n: number): Promise<BenchCore> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gpjobs-drift-'));
  const configDir = path.join(root, 'config');
  const service = new JobAdminService({
    configDir,
    managedProfilesPath: null,
    keychainService: `gp-job-admin-drift-${process.pid}`,
    transport: () => answeringFetch(),
  });
  const profiles = [];
  for (let i = 0; i < servers; i++) {
    const saved = await service.saveProfile({
      name: `Stub ${i + 1}`,
      serverUrl: `https://gis${i}.example.com/arcgis`,
      username: 'admin',
      concurrency,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const pw = await service.setPassword(saved.value.id, 'stub', true);
    if (!pw.ok) throw new Error(pw.error.message);
    profiles.push(saved.value);
    const listed: Job[] = Array.from({ length: shareOf(n, servers, i) }, (_, j) => ({
      profileId: saved.value.id,
      service: `Folder/Tool${j % 10}`,
      jobId: `j${i}${j.toString(16).padStart(31, '0')}`,
      status: 'esriJobSucceeded',
      submittedTime: 1_700_000_000_000 + j,
      endTime: 1_700_000_060_000 + j,
      username: 'analyst',
      machinename: 'GIS1',
      url: null,
    }));
    service.jobs.remember(saved.value.id, listed);
  }
  const dispose = async () => {
    await service.dispose();
    rmSync(root, { recursive: true, force: true });
  };
  return { service, profiles, configDir, dispose };
}

async function main(): Promise<void> {
  // The jobs each server hands out: the warm-up rounds' and every run's, by the engine and the bare loop.
  const need = Math.max(
    ...[0, 1, 2].map((i) => shareOf(2 * WARM_UP_ROUNDS * warmup + 2 * runs * jobs, servers, i)),
  );
  log(
    `${instant ? 'stub servers answering at once' : `starting ${servers} simulated sites`}, ${need * servers} jobs`,
  );
  const fleet = instant
    ? null
    : await startFleet({
        servers,
        jobs: need * servers,
        services: 10,
        latencyMs: 20,
        capacity: concurrency,
        seed: 101,
        sitesPerProcess: servers,
        warmUp: 3000,
      });
  const core = fleet ? await openBenchCore(fleet.sims, concurrency) : await openInstantCore(need * servers);
  let bare: BareProcess | null = null;
  try {
    if (fleet && withBare) bare = await openBareProcess(fleet.sims, concurrency);
    let listed: Job[][] | null = fleet ? await listEachServer(core) : null;
    const cursors = core.profiles.map(() => 0);
    // Each server's next share of `n` jobs, from the listing held or from the job cache.
    const take = (n: number): JobRef[] =>
      core.profiles.flatMap((p, i) => {
        const from = cursors[i]!;
        cursors[i] = from + shareOf(n, servers, i);
        const some = listed
          ? listed[i]!.slice(from, cursors[i])
          : core.service.jobs.listed(p.id, from, cursors[i]! - from);
        return some.map(jobRefOf);
      });
    const byServer = (refs: JobRef[]) => core.profiles.map((p) => refs.filter((r) => r.profileId === p.id));
    const warm = Array.from({ length: WARM_UP_ROUNDS }, () => ({ engine: take(warmup), bare: take(warmup) }));
    // As bulk-bench.ts: every run's references built before the first, or each when its run starts.
    const upFront: Array<[JobRef[], JobRef[]]> | null =
      hold === 'listing' ? Array.from({ length: runs }, () => [take(jobs), take(jobs)]) : null;
    if (!upFront) listed = null;
    for (const round of warm) {
      const w = await deleteJobs(core, round.engine, () => {});
      if (!w.ok) throw new Error(w.error.message);
      await w.value.done;
      await core.service.bulk.settled();
      await bare?.delete(byServer(round.bare), concurrency);
    }
    const since = { warm: collectionSizes(core.service), first: null };
    log(`after warm-up, load ${loadAverage()}`);
    for (let n = 0; n < runs; n++) {
      const [mine, theirs]: [JobRef[], JobRef[]] = upFront ? upFront[n]! : [take(jobs), take(jobs)];
      const row: Record<string, unknown> = { run: n + 1, mode: instant ? 'instant' : 'sockets', hold };
      const engine = async () => {
        mark(`run ${n + 1} start`);
        Object.assign(row, await measuredRun(core, mine));
        mark(`run ${n + 1} end`);
      };
      const bareRun = async () => {
        if (idleS > 0) await new Promise((resolve) => setTimeout(resolve, idleS * 1000));
        if (!bare) return;
        const b = await bare.delete(byServer(theirs), concurrency);
        row.bareCpuUs = Number(((b.cost.cpuMs * 1000) / b.requests).toFixed(1));
        row.bareMainUs =
          b.cost.mainMs == null ? null : Number(((b.cost.mainMs * 1000) / b.requests).toFixed(1));
      };
      await inPairOrder(n, engine, bareRun);
      row.load = loadAverage();
      if (!plain) Object.assign(row, census(core, since));
      log(`run ${n + 1}: ${JSON.stringify(row)}`);
      process.stdout.write(`@@drift ${JSON.stringify(row)}\n`);
      if (process.argv.includes('--census'))
        for (const [at, size] of collectionSizes(core.service)) log(`  ${at} ${size}`);
    }
    log(`done; ${listed ? `held ${listed.flat().length} listed jobs throughout` : 'held no listing'}`);
  } finally {
    await bare?.close();
    await core.dispose();
    await fleet?.close();
  }
}

runScript(main);
