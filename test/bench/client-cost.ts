/**
 * The client's CPU per request, alone: deletes through `ArcGisClient.deleteJob` (the Node transport,
 * requester, limiter, tokens, paths and response interpretation; no bulk engine, no audit log) against the
 * bare loop's plain undici request, and against the transport alone (`postForm` and `JSON.parse`), on the
 * same simulators, at the same concurrency, in alternating rounds of the same size, in one process. It
 * isolates the client's share of `bulk_cpu_vs_bare_ratio`. First it measures the client's own JavaScript
 * per delete with a stub transport that answers at once (no socket): a figure the machine's load hardly
 * moves, unlike the others on a shared machine.
 *
 *   npx tsx test/bench/client-cost.ts [--jobs 2000] [--rounds 3] [--servers 3] [--concurrency 8]
 *                                      [--latency-ms 20] [--client-only | --bare-only]
 *
 * Simulators run in child processes (test/bench/sim-fleet.ts). Prints, per round, this process's CPU
 * (user + system, `process.cpuUsage`) per request for each side, then the medians and their ratio, with
 * the load average. `--client-only` (`--bare-only`) skips the other side's rounds, for a profile of one side:
 * `node --cpu-prof --cpu-prof-dir=DIR --import tsx test/bench/client-cost.ts --client-only`.
 */
import { performance } from 'node:perf_hooks';
import { ArcGisClient, createNodeFetch } from '../../electron/core/arcgis';
import { adminJobUrl, parseServiceId } from '../../electron/core/arcgis/paths';
import { postForm } from '../../electron/core/arcgis/transport';
import type { Job, Profile } from '../../electron/core/types';
import { ok } from '../../electron/core/types';
import { bareDelete, closeBareServers, openBareServers } from './bare-loop';
import { median } from './report';
import {
  answeringFetch,
  jobCursor,
  loadAverage,
  loadAverageFigures,
  numberArg,
  runScript,
} from './script-args';
import { startFleet } from './sim-fleet';

const jobs = numberArg('jobs', 2000);
const rounds = numberArg('rounds', 3);
const servers = numberArg('servers', 3);
const concurrency = numberArg('concurrency', 8);
const latencyMs = numberArg('latency-ms', 20);
const warmup = Math.ceil(jobs / 2);
const clientOnly = process.argv.includes('--client-only');
const bareOnly = process.argv.includes('--bare-only');
const noProbe = async () => null;
const log = (line: string): void => void process.stderr.write(`[client-cost] ${line}\n`);
const load = loadAverage;

/** Runs `work` on each item, `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** CPU (ms) and wall time of `run`. */
async function measure(run: () => Promise<number>): Promise<{ cpuMs: number; ms: number; failed: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const failed = await run();
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000, ms: performance.now() - t0, failed };
}

/**
 * The client's own JavaScript per delete: the same calls through a transport whose `sendForm` answers at
 * once (no socket, no TLS), 8 at a time; the median of three passes of 50,000 after one to warm up.
 */
async function clientJsMs(profile: Profile): Promise<number> {
  const client = new ArcGisClient(profile, { fetch: answeringFetch(), getPassword: async () => ok('stub') });
  const signal = new AbortController().signal;
  const ids = Array.from({ length: 50_000 }, (_, i) => `j${i.toString(16).padStart(32, '0')}`);
  const pass = () =>
    measure(async () => {
      let failed = 0;
      await pool(ids, concurrency, async (id) => {
        if (!(await client.deleteJob('Tools/Buffer', id, { signal })).ok) failed++;
      });
      return failed;
    });
  await pass();
  const passes = [await pass(), await pass(), await pass()];
  if (passes.some((p) => p.failed)) throw new Error('the stub transport failed a delete');
  return median(passes.map((p) => p.cpuMs / ids.length));
}

async function main(): Promise<void> {
  const total = warmup * 2 + rounds * jobs * 3;
  log(`starting ${servers} simulators with ${total} jobs (latency ${latencyMs} ms)`);
  const fleet = await startFleet({
    servers,
    jobs: total,
    services: 10,
    latencyMs,
    capacity: concurrency,
    seed: 7,
  });
  const clients = fleet.sims.map((sim, i) => {
    const profile: Profile = {
      id: `p${i}`,
      name: `Server ${i + 1}`,
      serverUrl: sim.url,
      adminUrl: null,
      portalUrl: null,
      authMode: 'server',
      username: sim.username,
      caCertPem: sim.caPem,
      concurrency,
      color: '#2f7dd1',
      production: false,
    };
    const fetch = createNodeFetch(profile);
    return {
      client: new ArcGisClient(profile, { fetch, getPassword: async () => ok(sim.password) }),
      fetch,
      profile,
    };
  });
  const jsMs = await clientJsMs(clients[0]!.profile);
  log(`the client's own JavaScript: ${(jsMs * 1000).toFixed(2)} µs CPU per delete, load ${load()}`);
  const bare = await openBareServers(fleet.sims, concurrency);
  try {
    const listed = await Promise.all(
      clients.map(async ({ client }) => {
        const r = await client.listJobs({});
        if (!r.ok) throw new Error(`listing: ${r.error.message}`);
        return r.value.jobs;
      }),
    );
    const take = jobCursor(listed);
    /** Deletes each server's share with `one` (true when deleted), `concurrency` at a time per server. */
    const deleteAll = (batch: Job[][], one: (job: Job, server: number) => Promise<boolean>) =>
      measure(async () => {
        let failed = 0;
        await Promise.all(
          batch.map((list, i) =>
            pool(list, concurrency, async (job) => void ((await one(job, i)) || failed++)),
          ),
        );
        return failed;
      });
    const viaClient = (batch: Job[][]) =>
      deleteAll(batch, async (job, i) => (await clients[i]!.client.deleteJob(job.service, job.jobId)).ok);
    // The transport alone: postForm and JSON.parse, as the bare loop does, with the client's transport.
    const viaTransport = (batch: Job[][]) =>
      deleteAll(batch, async (job, i) => {
        const ref = parseServiceId(job.service);
        if (!ref.ok) throw new Error(ref.error.message);
        const url = adminJobUrl(fleet.sims[i]!.url, ref.value, job.jobId, 'delete');
        const params = { token: bare[i]!.token, f: 'json' };
        const req = { url, params, timeoutMs: 30_000, maxBytes: 1 << 20 };
        const r = await postForm(clients[i]!.fetch, req, noProbe);
        return r.ok && (JSON.parse(r.value.text) as { status?: string }).status === 'success';
      });
    const viaBare = async (batch: Job[][]) => {
      const b = await bareDelete(bare, batch, concurrency);
      return { cpuMs: b.cpuMs, ms: b.ms, failed: b.failed };
    };
    log(`warm-up: ${warmup} deletes each way (not counted)`);
    await viaClient(take(warmup));
    await viaBare(take(warmup));
    const perClient: number[] = [];
    const perBare: number[] = [];
    const perTransport: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      const c = bareOnly ? { cpuMs: NaN, ms: NaN, failed: 0 } : await viaClient(take(jobs));
      const b = clientOnly ? { cpuMs: NaN, ms: NaN, failed: 0 } : await viaBare(take(jobs));
      const t = clientOnly || bareOnly ? { cpuMs: NaN, ms: NaN, failed: 0 } : await viaTransport(take(jobs));
      perTransport.push(t.cpuMs / jobs);
      if (c.failed || b.failed)
        throw new Error(`round ${r}: ${c.failed} client, ${b.failed} bare deletes failed`);
      perClient.push(c.cpuMs / jobs);
      perBare.push(b.cpuMs / jobs);
      log(
        `round ${r}: client ${(c.cpuMs / jobs).toFixed(4)} ms CPU/request (${c.ms.toFixed(0)} ms), ` +
          `bare ${(b.cpuMs / jobs).toFixed(4)} ms (${b.ms.toFixed(0)} ms), ` +
          `transport alone ${(t.cpuMs / jobs).toFixed(4)} ms (${t.ms.toFixed(0)} ms), load ${load()}`,
      );
    }
    const [mc, mb] = [median(perClient), median(perBare)];
    process.stdout.write(
      `${JSON.stringify({
        jobs,
        rounds,
        servers,
        concurrency,
        latencyMs,
        clientCpuMsPerRequest: Number(mc.toFixed(4)),
        bareCpuMsPerRequest: Number(mb.toFixed(4)),
        transportCpuMsPerRequest: Number(median(perTransport).toFixed(4)),
        clientJsCpuMsPerRequest: Number(jsMs.toFixed(4)),
        clientVsBareCpuRatio: Number((mc / mb).toFixed(3)),
        loadavg: loadAverageFigures(),
      })}\n`,
    );
  } finally {
    await closeBareServers(bare);
    await Promise.all(clients.map(({ fetch }) => fetch.close()));
    await fleet.close();
  }
}

runScript(main);
