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
  /** The pages-of-ten baseline: totals over its samples, and the median of their ms per job. */
  baseline: {
    jobs: number;
    pageSize: number;
    requests: number;
    ms: number;
    perJobMs: number;
    samples: PagedSample[];
  };
  speedup: number;
  /** The bare loop's reading of the same pages after each run, and the median of bare / client time. */
  bare: { runs: BareFigures[]; timeRatio: number };
}

/** Samples of the pages-of-ten baseline (one per server, as far as there are servers). */
export const BASELINE_SAMPLES = 3;

/** The fewest jobs a baseline sample's service holds when the server has one that large. */
const MIN_SAMPLE_JOBS = 1000;

/** One sample of the pages-of-ten baseline: one service, paged through one request at a time. */
export interface PagedSample {
  service: string;
  jobs: number;
  requests: number;
  ms: number;
  perJobMs: number;
}

/** The client's listing of every service, each run followed by the bare loop reading the same pages. */
async function timedRuns(
  clients: readonly ArcGisClient[],
  services: ReadonlyArray<readonly string[]>,
  sims: readonly SimProcess[],
  concurrency: number,
  o: ListBenchOptions,
): Promise<{ runsMs: number[]; bareRuns: BareFigures[]; jobs: number; counts: Array<Map<string, number>> }> {
  const runsMs: number[] = [];
  const bareRuns: BareFigures[] = [];
  const bareServers = await openBareServers(sims, concurrency);
  try {
    await bareList(bareServers, services, concurrency); // warm-up, as the client's discovery before
    let jobs = 0;
    let counts: Array<Map<string, number>> = [];
    for (let run = 0; run < o.runs; run++) {
      const t0 = performance.now();
      const lists = await Promise.all(clients.map((c, i) => c.listJobs({}, [...services[i]!])));
      runsMs.push(performance.now() - t0);
      jobs = 0;
      counts = [];
      for (const l of lists) {
        if (!l.ok) throw new Error(`listing: ${l.error.message}`);
        if (l.value.failures.length) throw new Error(`listing: ${l.value.failures[0]!.error.message}`);
        jobs += l.value.jobs.length;
        const perService = new Map<string, number>();
        for (const j of l.value.jobs) perService.set(j.service, (perService.get(j.service) ?? 0) + 1);
        counts.push(perService);
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
    return { runsMs, bareRuns, jobs, counts };
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
  const { runsMs, bareRuns, jobs, counts } = await timedRuns(clients, services, sims, concurrency, o);
  const medianMs = median(runsMs);

  const baseline = await pagedBaseline(core, sims, services, counts, o);
  return {
    jobs,
    servers: clients.length,
    services: services.reduce((n, s) => n + s.length, 0),
    runsMs,
    medianMs,
    perJobMs: medianMs / Math.max(1, jobs),
    baseline,
    speedup: baseline.perJobMs / (medianMs / Math.max(1, jobs)),
    bare: { runs: bareRuns, timeRatio: median(bareRuns.map((b, i) => b.ms / runsMs[i]!)) },
  };
}

/**
 * Today's way, in one sample per server (`BASELINE_SAMPLES`): a client of concurrency 1 pages 10 at a time
 * through that server's smallest service of at least `MIN_SAMPLE_JOBS` jobs (walking all 100,000 ten at a
 * time would take minutes; the smallest keeps the three samples about as long as the one they replace). Compared per job, as
 * the median of the samples' ms per job.
 */
async function pagedBaseline(
  core: BenchCore,
  sims: readonly SimProcess[],
  services: ReadonlyArray<readonly string[]>,
  listed: ReadonlyArray<ReadonlyMap<string, number>>,
  o: ListBenchOptions,
): Promise<ListBenchResult['baseline']> {
  const samples: PagedSample[] = [];
  for (const [i, p] of core.profiles.slice(0, BASELINE_SAMPLES).entries()) {
    const counts = listed[i]!;
    const bySize = [...services[i]!].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0));
    const service = bySize.find((s) => (counts.get(s) ?? 0) >= MIN_SAMPLE_JOBS) ?? bySize.at(-1)!;
    const profile: Profile = { ...p, concurrency: 1 };
    const fetch = createNodeFetch(profile);
    const password = sims[i]!.password;
    const slow = new ArcGisClient(profile, { fetch, getPassword: async () => ok(password) });
    try {
      await slow.discoverServices(); // token and connection, outside the timing
      o.log(`list: baseline ${i + 1}, pages of ${o.baselinePageSize} one after another on ${service}`);
      const t0 = performance.now();
      const got = await slow.queryJobs(service, {}, { pageSize: o.baselinePageSize });
      const ms = performance.now() - t0;
      if (!got.ok) throw new Error(`baseline: ${got.error.message}`);
      const count = got.value.length;
      const requests = Math.ceil(count / o.baselinePageSize);
      samples.push({ service, jobs: count, requests, ms, perJobMs: ms / Math.max(1, count) });
    } finally {
      await fetch.close();
    }
  }
  const sum = (pick: (s: PagedSample) => number) => samples.reduce((n, s) => n + pick(s), 0);
  return {
    jobs: sum((s) => s.jobs),
    pageSize: o.baselinePageSize,
    requests: sum((s) => s.requests),
    ms: sum((s) => s.ms),
    perJobMs: median(samples.map((s) => s.perJobMs)),
    samples,
  };
}
