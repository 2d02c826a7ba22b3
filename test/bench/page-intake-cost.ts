/**
 * The listing's page intake alone, counted in instructions rather than timed: `queryServiceJobs` (the
 * walk, `readPageBatch`, the duplicate check) over keyed pages laid out as the simulator answers them
 * (test/arcgis-sim/query-shapes.ts), each parsed with `JSON.parse` when asked for, from a caller that
 * answers at once; no network, no cache, no window. On a machine shared with other work, CPU times swing
 * by half, so compare builds by instructions, which the load does not move:
 * `valgrind --tool=callgrind --smc-check=all-non-file node --predictable --import tsx
 * test/bench/page-intake-cost.ts --rounds R` for two values of R (say 2 and 5): the difference of the two
 * totals divided by the difference of the rounds is one round's count, repeatable to about 0.1 M under
 * `--predictable` (collection on the main thread, no concurrent compiling). Without valgrind it prints CPU
 * per 100,000 jobs. `--jobs N` (30,000) `--services N` (10) `--warm N` (3 untimed rounds).
 */
import { parseArgs } from 'node:util';
import type { AdminCaller } from '../../electron/core/arcgis/caller';
import { queryServiceJobs } from '../../electron/core/arcgis/job-query';
import { startSimulator } from '../arcgis-sim/index';
import { median } from './report';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '30000' },
    services: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
    warm: { type: 'string', default: '3' },
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

/** One listing of every service; the jobs handed on. */
async function round(): Promise<number> {
  let jobs = 0;
  const results = await Promise.all(
    services.map((s) => queryServiceJobs(caller, s, {}, {}, (b) => void (jobs += b.jobIds.length))),
  );
  for (const r of results) if (!r.ok) throw new Error(r.error.message);
  return jobs;
}

// Every recorded job, each once: an intake that dropped or repeated jobs would otherwise measure cheaper.
const expected = await round();
if (expected !== recorded) throw new Error(`page-intake-cost: ${expected} jobs, recorded ${recorded}`);
for (let i = 0; i < Number(values.warm); i++) await round();
const perJobs: number[] = [];
for (let i = 0; i < Number(values.rounds); i++) {
  const t = process.cpuUsage();
  const jobs = await round();
  const used = process.cpuUsage(t);
  if (jobs !== expected) throw new Error(`page-intake-cost: ${jobs} jobs, expected ${expected}`);
  perJobs.push(((used.user + used.system) / 1000) * (100_000 / jobs));
}
console.log(
  `page intake: ${expected} jobs, ${services.length} services; CPU ms per 100,000 jobs ` +
    `median ${median(perJobs).toFixed(1)}, least ${Math.min(...perJobs).toFixed(1)}`,
);
