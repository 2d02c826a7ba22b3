/**
 * Listing: every job of S servers x G GP services through our client (the largest page the server allows,
 * pages fetched concurrently within the profile's concurrency), against today's way: pages of 10 (the
 * ArcGIS API for Python's default), one after another. The baseline runs on one service and is compared
 * per job, since walking 100,000 jobs ten at a time would take minutes.
 */
import { performance } from 'node:perf_hooks';
import { ArcGisClient, createNodeFetch } from '../../electron/core/arcgis';
import type { Profile } from '../../electron/core/types';
import { ok } from '../../electron/core/types';
import { bareList, closeBareServers, openBareServers } from './bare-loop';
import type { BareFigures } from './bare-loop';
import type { BenchCore } from './core-setup';
import { median } from './report';
import type { SimProcess } from './sim-fleet';

/** Settings of the listing benchmark. */
export interface ListBenchOptions {
  /** Timed repetitions of the full listing; the median is reported. */
  runs: number;
  /** Page size of the baseline. */
  baselinePageSize: number;
  log: (line: string) => void;
}

/** What the listing benchmark measured. */
export interface ListBenchResult {
  jobs: number;
  servers: number;
  services: number;
  runsMs: number[];
  medianMs: number;
  perJobMs: number;
  baseline: { jobs: number; pageSize: number; requests: number; ms: number; perJobMs: number };
  speedup: number;
  /** The bare loop's reading of the same pages after each run, and the median of bare / client time. */
  bare: { runs: BareFigures[]; timeRatio: number };
}

/** The client's listing of every service, each run followed by the bare loop reading the same pages. */
async function timedRuns(
  clients: readonly ArcGisClient[],
  services: ReadonlyArray<readonly string[]>,
  sims: readonly SimProcess[],
  concurrency: number,
  o: ListBenchOptions,
): Promise<{ runsMs: number[]; bareRuns: BareFigures[]; jobs: number }> {
  const runsMs: number[] = [];
  const bareRuns: BareFigures[] = [];
  const bareServers = await openBareServers(sims, concurrency);
  try {
    await bareList(bareServers, services, concurrency); // warm-up, as the client's discovery before
    let jobs = 0;
    for (let run = 0; run < o.runs; run++) {
      const t0 = performance.now();
      const lists = await Promise.all(clients.map((c, i) => c.listJobs({}, [...services[i]!])));
      runsMs.push(performance.now() - t0);
      jobs = 0;
      for (const l of lists) {
        if (!l.ok) throw new Error(`listing: ${l.error.message}`);
        if (l.value.failures.length) throw new Error(`listing: ${l.value.failures[0]!.error.message}`);
        jobs += l.value.jobs.length;
      }
      const bare = await bareList(bareServers, services, concurrency);
      if (bare.failed > 0 || bare.jobs !== jobs)
        throw new Error(
          `list: the bare loop read ${bare.jobs} jobs (${bare.failed} bad pages), the client ${jobs}`,
        );
      bareRuns.push(bare);
      o.log(
        `list: run ${run + 1}/${o.runs}: ${jobs} jobs in ${runsMs.at(-1)!.toFixed(0)} ms; bare loop ${bare.ms.toFixed(0)} ms`,
      );
    }
    return { runsMs, bareRuns, jobs };
  } finally {
    await closeBareServers(bareServers);
  }
}

/** Runs the listing benchmark against simulators already holding the jobs. */
export async function benchList(
  core: BenchCore,
  sims: readonly SimProcess[],
  o: ListBenchOptions,
): Promise<ListBenchResult> {
  const clients = await Promise.all(
    core.profiles.map(async (p) => {
      const c = await core.service.client(p.id);
      if (!c.ok) throw new Error(c.error.message);
      return c.value;
    }),
  );
  // Discovery once, outside the timing (it also fetches each server's token and opens connections).
  const services = await Promise.all(
    clients.map(async (c) => {
      const found = await c.discoverServices();
      if (!found.ok) throw new Error(`discovery: ${found.error.message}`);
      return found.value.filter((s) => s.asynchronous).map((s) => s.id);
    }),
  );

  const concurrency = core.profiles[0]?.concurrency ?? 8;
  const { runsMs, bareRuns, jobs } = await timedRuns(clients, services, sims, concurrency, o);
  const medianMs = median(runsMs);

  // The baseline: one request at a time (a client of concurrency 1), pages of 10, on one service.
  const profile: Profile = { ...core.profiles[0]!, concurrency: 1 };
  const fetch = createNodeFetch(profile);
  const password = sims[0]!.password;
  const slow = new ArcGisClient(profile, { fetch, getPassword: async () => ok(password) });
  try {
    const service = services[0]![0]!;
    await slow.discoverServices(); // token and connection, as above
    o.log(`list: baseline, pages of ${o.baselinePageSize} one after another on ${service}`);
    const t0 = performance.now();
    const listed = await slow.queryJobs(service, {}, { pageSize: o.baselinePageSize });
    const ms = performance.now() - t0;
    if (!listed.ok) throw new Error(`baseline: ${listed.error.message}`);
    const count = listed.value.length;
    const perJobMs = ms / Math.max(1, count);
    return {
      jobs,
      servers: clients.length,
      services: services.reduce((n, s) => n + s.length, 0),
      runsMs,
      medianMs,
      perJobMs: medianMs / Math.max(1, jobs),
      baseline: {
        jobs: count,
        pageSize: o.baselinePageSize,
        requests: Math.ceil(count / o.baselinePageSize),
        ms,
        perJobMs,
      },
      speedup: perJobMs / (medianMs / Math.max(1, jobs)),
      bare: { runs: bareRuns, timeRatio: median(bareRuns.map((b, i) => b.ms / runsMs[i]!)) },
    };
  } finally {
    await fetch.close();
  }
}
