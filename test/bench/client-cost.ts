/**
 * The client's CPU per request, alone: deletes through `ArcGisClient.deleteJob` (the Node transport,
 * requester, limiter, tokens, paths and response interpretation; no bulk engine, no audit log) against the
 * bare loop's plain undici request on the same simulators, at the same concurrency, in alternating rounds
 * of the same size, in one process. It isolates the client's share of `bulk_cpu_vs_bare_ratio`.
 *
 *   npx tsx test/bench/client-cost.ts [--jobs 2000] [--rounds 3] [--servers 3] [--concurrency 8]
 *                                      [--latency-ms 20] [--client-only | --bare-only]
 *
 * Simulators run in child processes (test/bench/sim-fleet.ts). Prints, per round, this process's CPU
 * (user + system, `process.cpuUsage`) per request for each side, then the medians and their ratio, with
 * the load average. `--client-only` (`--bare-only`) skips the other side's rounds, for a profile of one side:
 * `node --cpu-prof --cpu-prof-dir=DIR --import tsx test/bench/client-cost.ts --client-only`.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ArcGisClient, createNodeFetch } from '../../electron/core/arcgis';
import type { Job, Profile } from '../../electron/core/types';
import { ok } from '../../electron/core/types';
import { bareDelete, closeBareServers, openBareServers } from './bare-loop';
import { median } from './report';
import { shareOf, startFleet } from './sim-fleet';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const jobs = arg('jobs', 2000);
const rounds = arg('rounds', 3);
const servers = arg('servers', 3);
const concurrency = arg('concurrency', 8);
const latencyMs = arg('latency-ms', 20);
const warmup = Math.ceil(jobs / 2);
const clientOnly = process.argv.includes('--client-only');
const bareOnly = process.argv.includes('--bare-only');
const log = (line: string): void => void process.stderr.write(`[client-cost] ${line}\n`);
const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

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

async function main(): Promise<void> {
  const total = warmup * 2 + rounds * jobs * 2;
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
    return { client: new ArcGisClient(profile, { fetch, getPassword: async () => ok(sim.password) }), fetch };
  });
  const bare = await openBareServers(fleet.sims, concurrency);
  try {
    const listed = await Promise.all(
      clients.map(async ({ client }) => {
        const r = await client.listJobs({});
        if (!r.ok) throw new Error(`listing: ${r.error.message}`);
        return r.value.jobs;
      }),
    );
    const cursors = listed.map(() => 0);
    const take = (n: number): Job[][] =>
      listed.map((all, i) => {
        const from = cursors[i]!;
        cursors[i] = from + shareOf(n, servers, i);
        return all.slice(from, cursors[i]);
      });
    const viaClient = (batch: Job[][]) =>
      measure(async () => {
        let failed = 0;
        await Promise.all(
          batch.map((list, i) =>
            pool(list, concurrency, async (job) => {
              const r = await clients[i]!.client.deleteJob(job.service, job.jobId);
              if (!r.ok) failed++;
            }),
          ),
        );
        return failed;
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
    for (let r = 1; r <= rounds; r++) {
      const c = bareOnly ? { cpuMs: NaN, ms: NaN, failed: 0 } : await viaClient(take(jobs));
      const b = clientOnly ? { cpuMs: NaN, ms: NaN, failed: 0 } : await viaBare(take(jobs));
      if (c.failed || b.failed)
        throw new Error(`round ${r}: ${c.failed} client, ${b.failed} bare deletes failed`);
      perClient.push(c.cpuMs / jobs);
      perBare.push(b.cpuMs / jobs);
      log(
        `round ${r}: client ${(c.cpuMs / jobs).toFixed(4)} ms CPU/request (${c.ms.toFixed(0)} ms), ` +
          `bare ${(b.cpuMs / jobs).toFixed(4)} ms CPU/request (${b.ms.toFixed(0)} ms), load ${load()}`,
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
        clientVsBareCpuRatio: Number((mc / mb).toFixed(3)),
        loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
      })}\n`,
    );
  } finally {
    await closeBareServers(bare);
    await Promise.all(clients.map(({ fetch }) => fetch.close()));
    await fleet.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
