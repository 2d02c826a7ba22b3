/**
 * The bulk engine's CPU per deleted job, taken apart, against the bare loop's CPU per request: the app's
 * path (`BulkService` prepare and start, the client, the audit log, as `bulk_cpu_vs_bare_ratio` measures it;
 * its planning is also printed apart) and, with `--variants`, the engine over the same clients without an
 * audit log and with the audit run sink but no `BulkService`, in alternating rounds of the same size against
 * the same simulators (one process hosting every site, as the bulk figures' rig), the app's side in this
 * process. Each round prints CPU per job (`process.cpuUsage`, which counts V8's collector threads and
 * libuv's threadpool too), split into the main thread and the other threads, and the collector's
 * main-thread pauses (count and ms), taken by the benchmark's own meter (`startLeg`, leg-meter.ts), with
 * the load average; the end prints one JSON line. The bare loop runs in a process of its own, as in the
 * benchmark (bare-process.ts), and measures its passes there; `--alloc` and `--windows` cover this process
 * only.
 *
 *   npx tsx test/bench/engine-cost.ts [--jobs 5000] [--rounds 4] [--servers 3] [--concurrency 8]
 *     [--warmup JOBS/2] [--latency-ms 20] [--variants | --engine-only | --bare-only]
 *     [--alloc FILE [--survivors]] [--windows]
 *   npx tsx test/bench/engine-cost.ts --instant [--stub] [--jobs 10000] [--rounds 4]
 *
 * `--instant`: no sockets; the engine with operations that answer at once, with and without the audit sink
 * (the engine's own cost, which the machine's load hardly moves); with `--stub`, each server's operations
 * are a real `ArcGisClient` over a transport that answers at once, so the client's JavaScript is in it too.
 * Each round also prints the bytes per job that went into the old generation (promoted, or allocated there
 * at once where V8 pretenures): what the major collections that follow mark and sweep; and every byte it
 * allocated on the heap per job, young and old (counts the load hardly moves, unlike CPU). `--alloc FILE`:
 * a sampled allocation profile (freed objects included) of the rounds, for a script or Chrome's memory tool;
 * with `--survivors`, only what outlived the young generation. `--windows`: each round's span on the clock
 * of `node --cpu-prof` profiles, to slice one by round. Bundle it first (as build/bench.mjs does the
 * benchmark) when a figure is compared with the benchmark's: run from source by tsx, every named closure
 * costs one more call.
 */
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { AuditRunSink } from '../../electron/core/audit/run-sink';
import { startBulkRun } from '../../electron/core/bulk';
import type { BulkRunSummary } from '../../electron/core/bulk/types';
import { jobOperationsFrom } from '../../electron/core/bulk/client-operations';
import { ArcGisClient } from '../../electron/core/arcgis';
import type { Job, JobRef, Profile } from '../../electron/core/types';
import { ok } from '../../electron/core/types';
import { openBareProcess } from './bare-process';
import { jobRefOf, listEachServer, openBenchCore } from './core-setup';
import { median } from './report';
import { figuresOf, measureRound, medianOf, sampleAllocations, show } from './round-meter';
import type { AllocSampling, Figures } from './round-meter';
import {
  answeringFetch,
  jobCursor,
  loadAverage,
  loadAverageFigures,
  numberArg,
  runScript,
} from './script-args';
import { startFleet } from './sim-fleet';

const jobs = numberArg('jobs', 5000);
const rounds = numberArg('rounds', 4);
const servers = numberArg('servers', 3);
const concurrency = numberArg('concurrency', 8);
const latencyMs = numberArg('latency-ms', 20);
const variants = process.argv.includes('--variants');
const auditDir = mkdtempSync(path.join(os.tmpdir(), 'engine-cost-'));
const engineOnly = process.argv.includes('--engine-only');
const bareOnly = process.argv.includes('--bare-only');
const log = (line: string): void => void process.stderr.write(`[engine-cost] ${line}\n`);

/**
 * The jobs of a finished run that were not deleted, or all of them when its audit log failed: a round
 * where a job did not succeed is no measure of what a job costs (a failed or stopped run does less work).
 */
function notDone(summary: BulkRunSummary, n: number): number {
  const missing = summary.auditError === undefined ? n - summary.counts.deleted : n;
  if (missing > 0)
    log(`a round did not succeed: ${JSON.stringify(summary.counts)} ${summary.auditError ?? ''}`);
  return missing;
}

/** The meter of every round: with `--windows`, each round's span is logged to slice CPU profiles by. */
const measure = (n: number, run: () => Promise<number>): Promise<Figures> =>
  measureRound(
    n,
    run,
    process.argv.includes('--windows') ? (from, to) => log(`window ${from} ${to}`) : undefined,
  );

/** `--alloc FILE [--survivors]`: a sampled allocation profile of the rounds `sampled` wraps. */
const allocAt = process.argv.indexOf('--alloc');
const alloc: AllocSampling | null =
  allocAt < 0
    ? null
    : { file: process.argv[allocAt + 1]!, survivorsOnly: process.argv.includes('--survivors') };
const sampled = <T>(run: () => Promise<T>): Promise<T> => sampleAllocations(run, alloc);

/**
 * The engine's own cost with operations that answer at once (no sockets): `startBulkRun` over `jobs` jobs on
 * `servers` servers with the audit run sink in a temporary directory, and without an audit log; rounds
 * alternate, and each prints CPU per job and collector pauses. What the machine's load hardly moves.
 */
async function instant(): Promise<void> {
  const answered = Promise.resolve({ ok: true as const, value: undefined });
  const ops = {
    deleteJob: () => answered,
    cancelJob: () => answered,
    getJob: () => Promise.resolve({ ok: true as const, value: { status: 'esriJobSucceeded' } }),
  };
  const profiles = Array.from({ length: servers }, (_, i) => ({
    id: `p${i}`,
    name: `Server ${i + 1}`,
    concurrency,
    production: false,
    serverUrl: `https://gis${i}.example.com/arcgis`,
  }));
  // `--stub`: every server's operations are a real `ArcGisClient` whose transport answers at once (no
  // socket): the client's JavaScript is measured with the engine's and the audit log's.
  const stubbed = process.argv.includes('--stub');
  const operations = new Map(profiles.map((p) => [p.id, stubbed ? stubClientOps(p) : ops]));
  let serial = 0;
  let progressEvents = 0;
  const batch = () =>
    Array.from({ length: jobs }, (_, i) => ({
      profileId: `p${i % servers}`,
      service: `Folder/Tool${i % 10}`,
      jobId: `j${(serial++).toString(16).padStart(32, '0')}`,
      status: 'esriJobSucceeded',
      submittedTime: 1_700_000_000_000 + i,
      endTime: 1_700_000_060_000 + i,
      username: 'analyst',
      machinename: 'GIS1',
    }));
  const once = (withAudit: boolean) => {
    const work = batch();
    return measure(jobs, async () => {
      const audit = withAudit ? new AuditRunSink(auditDir) : undefined;
      // A progress listener, as the app and the benchmark's runs always have: results wait for it.
      const run = startBulkRun({
        jobs: work,
        action: 'delete',
        profiles,
        operations,
        onProgress: () => void progressEvents++,
        ...(audit ? { audit } : {}),
      });
      const summary = await run.done;
      await audit?.close();
      return notDone(summary, jobs);
    });
  };
  for (let w = 0; w < 3; w++) await once(true);
  const sink: Figures[] = [];
  const none: Figures[] = [];
  for (let r = 0; r < rounds; r++) {
    sink.push(await sampled(() => once(true)));
    none.push(await once(false));
    log(
      `instant round ${r + 1}: with audit sink ${show(sink.at(-1)!)}, without ${show(none.at(-1)!)}; load ${loadAverage()}`,
    );
  }
  const m = (fs: Figures[]) => Number(median(fs.map((f) => f.cpuMsPerJob)).toFixed(4));
  process.stdout.write(
    `${JSON.stringify({ mode: process.argv.includes('--stub') ? 'instant-stub' : 'instant', jobs, rounds, servers, concurrency, withAuditCpuMsPerJob: m(sink), withoutAuditCpuMsPerJob: m(none), withAuditOldGenPerJob: medianOf(sink), withAuditPromotedPerJob: medianOf(sink, 'promotedPerJob'), withAuditAllocatedPerJob: medianOf(sink, 'allocatedPerJob'), withoutAuditOldGenPerJob: medianOf(none), withoutAuditAllocatedPerJob: medianOf(none, 'allocatedPerJob'), loadavg: loadAverageFigures() })}\n`,
  );
}

/** The engine's operations over a real client of `p` whose transport answers every call at once. */
function stubClientOps(p: { id: string; name: string; serverUrl: string; concurrency: number }) {
  const fixed = { adminUrl: null, portalUrl: null, authMode: 'server' as const, username: 'admin' };
  const profile: Profile = { ...p, ...fixed, caCertPem: null, color: '#2f7dd1', production: false };
  const client = new ArcGisClient(profile, { fetch: answeringFetch(), getPassword: async () => ok('stub') });
  return jobOperationsFrom(client);
}

async function main(): Promise<void> {
  if (process.argv.includes('--instant')) return instant();
  const sides = engineOnly ? 1 : variants ? 4 : 2;
  const warmup = numberArg('warmup', Math.ceil(jobs / 2));
  const total = Math.ceil((warmup * 2 + rounds * jobs * sides) / servers + 1) * servers;
  log(`starting ${servers} simulated sites in one process with ${total} jobs (latency ${latencyMs} ms)`);
  const fleet = await startFleet({
    servers,
    jobs: total,
    services: 10,
    latencyMs,
    capacity: concurrency,
    seed: 11,
    sitesPerProcess: servers,
    warmUp: 3000,
  });
  const core = await openBenchCore(fleet.sims, concurrency);
  const bare = await openBareProcess(fleet.sims, concurrency);
  try {
    const listed = await listEachServer(core);
    const take = jobCursor(listed);
    const refs = (batch: Job[][]): JobRef[] => batch.flat().map(jobRefOf);
    const prepareMs: number[] = [];
    // Both engine sides have a progress listener, as the app's and the CLI's runs always do: without one a
    // run skips building each event's results (run-progress.ts), a run the app never makes.
    let progressEvents = 0;
    const onProgress = (): void => void progressEvents++;
    // Each measures its batch's own size (a warm-up's is not a round's).
    const viaApp = (batch: Job[][], n = batch.flat().length) =>
      measure(n, async () => {
        const c0 = process.cpuUsage();
        const held = await core.service.bulk.prepare('delete', refs(batch));
        const c = process.cpuUsage(c0);
        prepareMs.push((c.user + c.system) / 1000 / n);
        if (!held.ok) throw new Error(held.error.message);
        const started = await core.service.bulk.start(held.value.planId, { onProgress });
        if (!started.ok) throw new Error(started.error.message);
        const summary = await started.value.done;
        await core.service.bulk.settled(); // the run's tail (audit file closed, retention) in its round
        return notDone(summary, n);
      });
    // The engine over the same clients without an audit log (and without BulkService's planning).
    const viaEngineNoAudit = (batch: Job[][], withAudit = false, n = batch.flat().length) =>
      measure(n, async () => {
        const operations = new Map();
        for (const p of core.profiles) {
          const c = await core.service.client(p.id);
          if (!c.ok) throw new Error(c.error.message);
          operations.set(p.id, jobOperationsFrom(c.value));
        }
        const profiles = core.profiles.map((p) => ({
          id: p.id,
          name: p.name,
          concurrency,
          production: false,
        }));
        const audit = withAudit ? new AuditRunSink(auditDir) : undefined;
        const run = startBulkRun({
          jobs: batch.flat(),
          action: 'delete',
          profiles,
          operations,
          onProgress,
          ...(audit ? { audit } : {}),
        });
        const summary = await run.done;
        await audit?.close();
        return notDone(summary, n);
      });
    // The bare loop runs in its own process (as in the benchmark) and measures its passes there.
    const viaBare = async (batch: Job[][]): Promise<Figures> => {
      const b = await bare.delete(batch, concurrency);
      if (b.failed > 0) throw new Error(`${b.failed} of ${b.requests} bare deletes did not succeed`);
      return figuresOf(b.cost, b.ms, b.requests);
    };
    log(`warm-up: ${warmup} deletes each way (not counted), load ${loadAverage()}`);
    if (!bareOnly) await viaApp(take(warmup));
    if (!engineOnly) await viaBare(take(warmup));
    const app: Figures[] = [];
    const noAudit: Figures[] = [];
    const withSink: Figures[] = [];
    const bareRounds: Figures[] = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate which side goes first, as the benchmark's pairs do.
      const order: Array<() => Promise<void>> = [];
      if (!bareOnly) order.push(async () => void app.push(await sampled(() => viaApp(take(jobs)))));
      if (!engineOnly) order.push(async () => void bareRounds.push(await sampled(() => viaBare(take(jobs)))));
      if (variants) order.push(async () => void noAudit.push(await viaEngineNoAudit(take(jobs))));
      if (variants) order.push(async () => void withSink.push(await viaEngineNoAudit(take(jobs), true)));
      if (r % 2 === 1) order.reverse();
      for (const step of order) await step();
      const parts = bareOnly ? [] : [`app ${show(app.at(-1)!)}`];
      if (!engineOnly) parts.push(`bare ${show(bareRounds.at(-1)!)}`);
      if (variants) parts.push(`engine without audit ${show(noAudit.at(-1)!)}`);
      if (variants) parts.push(`engine with audit sink ${show(withSink.at(-1)!)}`);
      if (!bareOnly) parts.push(`prepare ${prepareMs.at(-1)!.toFixed(4)} ms CPU/job`);
      log(`round ${r + 1}: ${parts.join(', ')}; load ${loadAverage()}`);
    }
    const m = (fs: Figures[]) => (fs.length ? Number(median(fs.map((f) => f.cpuMsPerJob)).toFixed(4)) : null);
    const ratios = bareRounds.map((b, i) => app[i]!.cpuMsPerJob / b.cpuMsPerJob);
    process.stdout.write(
      `${JSON.stringify({
        settings: { jobs, rounds, servers, concurrency, latencyMs },
        appCpuMsPerJob: m(app),
        appOldGenPerJob: medianOf(app),
        appPromotedPerJob: medianOf(app, 'promotedPerJob'),
        appAllocatedPerJob: medianOf(app, 'allocatedPerJob'),
        engineWithoutAuditCpuMsPerJob: m(noAudit),
        bareCpuMsPerRequest: m(bareRounds),
        appVsBareCpuRatio: ratios.length ? Number(median(ratios).toFixed(3)) : null,
        loadavg: loadAverageFigures(),
      })}\n`,
    );
  } finally {
    await bare.close();
    await core.dispose();
    await fleet.close();
  }
}

runScript(main);
