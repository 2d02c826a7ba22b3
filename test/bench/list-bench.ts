/**
 * Listing: every job of S servers x G GP services the way the app lists them for its window (the main
 * process's `jobs.list` with a listing id: the largest page the server allows, pages fetched concurrently
 * within the profile's concurrency, each page's jobs written to the job cache and sent on as a `jobs.page`
 * event, serialized as Electron's IPC does, then dropped), against today's way: pages of 10 (the ArcGIS
 * API for Python's default), one after another. The baseline runs on one service and is compared
 * per job, since walking 100,000 jobs ten at a time would take minutes.
 */
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { ArcGisClient, createNodeFetch } from '../../electron/core/arcgis';
import type { JobAdminService } from '../../electron/core/service/job-admin-service';
import type { Profile } from '../../electron/core/types';
import { ok } from '../../electron/core/types';
import { listStreamed } from '../../electron/main/job-listing';
import type { JobColumns } from '../../electron/shared/job-columns';
import type { BareFigures } from './bare-loop';
import { openBareProcess } from './bare-process';
import { listingSchedule } from './pair-schedules';
import { listingPairs } from './listing-pairs';
import type { PairIdle, WarmLegs } from './pairs';
import type { BenchCore } from './core-setup';
import { median } from './report';
import type { SimProcess } from './sim-fleet';

/** Settings of the listing benchmark. */
export interface ListBenchOptions {
  /** Timed repetitions of the full listing; the median is reported. */
  runs: number;
  /** Page size of the baseline. */
  baselinePageSize: number;
  /** Scales the pair schedule's settle and margin (`listingSchedule`): 1, or 0.1 in `--smoke`. */
  spacing: number;
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
  /**
   * The bare loop's reading of the same pages in each pair, each pair's bare / app time, and their median;
   * the idle spell before each pair's two legs (`idleMs[i].app`, `.bare`, ms) and the warm-up legs it was
   * sized from (`warmMs`).
   */
  bare: { runs: BareFigures[]; pairs: number[]; timeRatio: number; idleMs: PairIdle[]; warmMs: WarmLegs };
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

/** What listing every server for the window sent: how many jobs, and each server's jobs per service. */
export interface WindowListing {
  jobs: number;
  counts: Array<Map<string, number>>;
}

/**
 * Adds a batch's jobs to `perService` (the benchmark's own bookkeeping, in the timed section): a Map update
 * per run of jobs of one service, not per job, since a batch is one service's page. Per job it cost about
 * as much as the app's column encoding.
 */
function countServices(columns: JobColumns, perService: Map<string, number>): void {
  const { fields, strings } = columns;
  const n = columns.jobIds.length;
  for (let from = 0; from < n;) {
    const service = fields[4 * from]!;
    let to = from + 1;
    while (to < n && fields[4 * to] === service) to++;
    const name = strings[service]!;
    perService.set(name, (perService.get(name) ?? 0) + to - from);
    from = to;
  }
}

/**
 * Lists every job of each profile as the app does for its window (`jobs.list` with a listing id, see
 * electron/main/app-core.ts): each batch the core hands on goes through `v8.serialize`, the structured
 * clone Electron's IPC makes of a `jobs.page` event in the main process, and is then dropped, so the
 * process holds only the core's compact job cache, as the main process does. Throws on any failure.
 */
export async function listToWindow(
  service: JobAdminService,
  profileIds: readonly string[],
): Promise<WindowListing> {
  let jobs = 0;
  const counts = await Promise.all(
    profileIds.map(async (profileId) => {
      const perService = new Map<string, number>();
      const listingId = `bench-${profileId}`;
      const listed = await listStreamed(service, profileId, {}, (batch, columns) => {
        serialize({ listingId, profileId, batch, columns });
        jobs += columns.jobIds.length;
        countServices(columns, perService);
      });
      if (!listed.ok) throw new Error(`listing ${profileId}: ${listed.error.message}`);
      if (listed.value.failures.length)
        throw new Error(`listing ${profileId}: ${listed.value.failures[0]!.error.message}`);
      return perService;
    }),
  );
  return { jobs, counts };
}

/**
 * The app's listing of every server and the bare loop reading the same pages, in pairs of equal idle
 * spells (`listingSchedule`). In the old order (app, bare | bare, app | …) the app's legs after two bare
 * legs ran faster than the ones right after its own: 372-486 ms against 441-516 (lead's run 2026-12-03
 * 03:35 UTC), pairs 0.706-0.916 against 0.717-1.267.
 */
async function timedRuns(
  core: BenchCore,
  services: ReadonlyArray<readonly string[]>,
  sims: readonly SimProcess[],
  concurrency: number,
  o: ListBenchOptions,
): Promise<{
  runsMs: number[];
  bareRuns: BareFigures[];
  idleMs: PairIdle[];
  warmMs: WarmLegs;
  jobs: number;
  counts: Array<Map<string, number>>;
}> {
  const bareLoop = await openBareProcess(sims, concurrency);
  const profileIds = core.profiles.map((p) => p.id);
  try {
    // Untimed warm-up of both sides, as many rounds as the bulk part's: the app lists to the window and
    // the bare loop reads the same pages, so neither side's timed runs include compiling its own code,
    // opening its connections or growing its heap to a listing's size. After one round, the app's first
    // two legs still ran 2-3 major collections each (none to one later) and 500-640 ms CPU against 330-450.
    const { runsMs, bareRuns, idleMs, warmMs, listed } = await listingPairs({
      schedule: listingSchedule(o.spacing),
      runs: o.runs,
      app: () => listToWindow(core.service, profileIds),
      bare: () => bareLoop.list(services, concurrency),
      words: { head: 'list: run', app: 'app', bare: 'bare loop' },
      log: o.log,
    });
    return { runsMs, bareRuns, idleMs, warmMs, ...listed };
  } finally {
    await bareLoop.close();
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
  const { runsMs, bareRuns, idleMs, warmMs, jobs, counts } = await timedRuns(
    core,
    services,
    sims,
    concurrency,
    o,
  );
  const medianMs = median(runsMs);
  const pairs = bareRuns.map((b, i) => b.ms / runsMs[i]!);

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
    bare: { runs: bareRuns, pairs, timeRatio: median(pairs), idleMs, warmMs },
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
