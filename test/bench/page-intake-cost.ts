/**
 * The listing's page intake alone, counted in instructions rather than timed: `queryServiceJobs` (the
 * walk, `readPageBatch`, the duplicate check) over keyed pages laid out as the simulator answers them
 * (test/arcgis-sim/query-shapes.ts), each parsed with `JSON.parse` when asked for, from a caller that
 * answers at once; no network, and no cache or window unless `--window`. On a machine shared with other
 * work, CPU times swing by half, so compare builds by instructions, which the load does not move:
 * `valgrind --tool=callgrind --smc-check=all-non-file node --predictable --import tsx
 * test/bench/page-intake-cost.ts --rounds R` for two values of R (say 2 and 5): the difference of the two
 * totals divided by the difference of the rounds is one round's count (`--predictable`: collection on the
 * main thread, no concurrent compiling). That total includes the collector, whose share moves from run to
 * run of one build: two runs gave 328.9 and 353.4 M per round (collector 38.9 and 59.6 M), and even the
 * count outside the collector 290.0 and 293.8 M. So compare builds outside the collector (the total minus
 * the inclusive count of `v8::internal::Heap::CollectGarbage`, `callgrind_annotate --inclusive=yes`), at
 * least two runs per build, and give the range; a difference of a few M is noise. Without valgrind it
 * prints CPU per 100,000 jobs. `--jobs N` (30,000) `--services N` (10) `--warm N` (3 untimed rounds). `--window`: what
 * the service does with each batch handed on is counted too, as a listing for the window does it (the
 * batch written to a job cache listing, committed at the round's end, and its columns put through
 * `v8.serialize` as Electron's IPC does with a `jobs.page` event, see list-bench.ts). It also prints the
 * bytes the timed rounds allocated in the young generation and the bytes their scavenges promoted (from a
 * `v8.GCProfiler`'s space sizes), per 100,000 jobs: what the collector is given, which load does not move.
 */
import { parseArgs } from 'node:util';
import v8, { serialize } from 'node:v8';
import type { AdminCaller } from '../../electron/core/arcgis/caller';
import { queryServiceJobs } from '../../electron/core/arcgis/job-query';
import type { JobBatch } from '../../electron/core/arcgis/page-batch';
import { JobCache } from '../../electron/core/service/job-cache';
import { startSimulator } from '../arcgis-sim/index';
import { median } from './report';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '30000' },
    services: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
    warm: { type: 'string', default: '3' },
    window: { type: 'boolean', default: false },
  },
});
const ROOT = 'http://sim.invalid/arcgis';
const PAGE = 1000;

/** Every service's pages as answer texts, by `<service>@<start>`, and how many jobs they hold. */
async function recordPages(): Promise<{ services: string[]; texts: Map<string, string>; recorded: number }> {
  const sim = await startSimulator({
    seed: 1,
    jobs: Number(values.jobs),
    services: Number(values.services),
    https: false,
  });
  const jobs = sim.jobs();
  await sim.close();
  const bySvc = new Map<string, typeof jobs>();
  for (const j of jobs) {
    const list = bySvc.get(j.service);
    if (list) list.push(j);
    else bySvc.set(j.service, [j]);
  }
  const texts = new Map<string, string>();
  for (const [svc, list] of bySvc) {
    for (let start = 1; start <= list.length; start += PAGE) {
      const results: Record<string, unknown> = {};
      for (const j of list.slice(start - 1, start - 1 + PAGE)) {
        const { submittedTime, endTime, status, username, machinename } = j;
        results[j.jobId] = { submittedTime, endTime, status, username, machineName: machinename };
      }
      const nextStart = start + PAGE <= list.length ? start + PAGE : -1;
      texts.set(`${svc}@${start}`, JSON.stringify({ total: list.length, start, nextStart, results }));
    }
  }
  return { services: [...bySvc.keys()], texts, recorded: jobs.length };
}

const { services, texts, recorded } = await recordPages();
const caller: AdminCaller = {
  profileId: 'p1',
  roots: { server: ROOT, admin: ROOT },
  call: async (url, params) => {
    const svc = url.slice(`${ROOT}/admin/services/`.length, -'/jobs/query'.length).replace(/\.GPServer$/, '');
    const text = texts.get(`${svc}@${String(params.start)}`);
    if (text === undefined) throw new Error(`page-intake-cost: no page ${svc}@${String(params.start)}`);
    // Each answer in a turn of the event loop of its own, as a socket's would arrive.
    await new Promise((resolve) => setImmediate(resolve));
    return { ok: true, value: JSON.parse(text) as Record<string, unknown> };
  },
};

const cache = new JobCache();

/** One listing of every service; the jobs handed on. */
async function round(): Promise<number> {
  let jobs = 0;
  const writer = values.window ? cache.begin(caller.profileId) : null;
  const sink = (b: JobBatch): void => {
    jobs += b.jobIds.length;
    if (!writer) return;
    writer.add(b);
    const { strings, jobIds, fields, times } = b;
    serialize({
      listingId: 'cost',
      profileId: caller.profileId,
      batch: jobs,
      columns: { strings, jobIds, fields, times },
    });
  };
  const results = await Promise.all(services.map((s) => queryServiceJobs(caller, s, {}, {}, sink)));
  for (const r of results) if (!r.ok) throw new Error(r.error.message);
  writer?.commit();
  return jobs;
}

// Every recorded job, each once: an intake that dropped or repeated jobs would otherwise measure cheaper.
const expected = await round();
if (expected !== recorded) throw new Error(`page-intake-cost: ${expected} jobs, recorded ${recorded}`);
for (let i = 0; i < Number(values.warm); i++) await round();
type Spaces = Array<{ spaceName: string; spaceUsedSize: number }>;
const YOUNG = ['new_space', 'new_large_object_space'];
const OLD = ['old_space', 'code_space', 'map_space', 'large_object_space', 'code_large_object_space'];
const usedIn = (names: string[], s: Spaces): number =>
  s.reduce((n, x) => (names.includes(x.spaceName) ? n + x.spaceUsedSize : n), 0);
const youngNow = (): number =>
  v8.getHeapSpaceStatistics().reduce((n, x) => (YOUNG.includes(x.space_name) ? n + x.space_used_size : n), 0);
const profiler = new v8.GCProfiler();
const young0 = youngNow();
profiler.start();
const perJobs: number[] = [];
for (let i = 0; i < Number(values.rounds); i++) {
  const t = process.cpuUsage();
  const jobs = await round();
  const used = process.cpuUsage(t);
  if (jobs !== expected) throw new Error(`page-intake-cost: ${jobs} jobs, expected ${expected}`);
  perJobs.push(((used.user + used.system) / 1000) * (100_000 / jobs));
}
const gcs = profiler.stop()?.statistics ?? [];
// Young bytes allocated: the young generation's growth between collections, and after the last one.
let [allocated, promoted, after] = [0, 0, young0];
for (const gc of gcs) {
  const [before, then] = [gc.beforeGC.heapSpaceStatistics, gc.afterGC.heapSpaceStatistics];
  allocated += usedIn(YOUNG, before) - after;
  after = usedIn(YOUNG, then);
  if (gc.gcType === 'Scavenge') promoted += usedIn(OLD, then) - usedIn(OLD, before);
}
allocated += youngNow() - after;
const per100k = (bytes: number): string =>
  ((bytes / 1e6) * (100_000 / (expected * perJobs.length))).toFixed(2);
console.log(
  `page intake: ${expected} jobs, ${services.length} services; CPU ms per 100,000 jobs ` +
    `median ${median(perJobs).toFixed(1)}, least ${Math.min(...perJobs).toFixed(1)}; per 100,000 jobs ` +
    `${per100k(allocated)} MB allocated young, ${per100k(promoted)} MB promoted (${gcs.length} collections)`,
);
