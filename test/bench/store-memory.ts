/**
 * What holding a fleet's jobs costs the process that holds them: one child process per way of holding,
 * each building the same jobs the way a listing does (JSON pages parsed and normalised, a service at a
 * time), then reporting its peak and held RSS and its heap after a full collection:
 * - `objects`: every job object kept, as `listJobs` returns them (what the process held before);
 * - `cache`: each service's jobs handed to the core's JobCache as listed and dropped (`onJobs`).
 * `npx tsx test/bench/store-memory.ts [--servers 20] [--jobs 1000000]`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { normalizeJob } from '../../electron/core/arcgis/normalize';
import { JobCache } from '../../electron/core/service/job-cache';
import type { Job } from '../../electron/core/types';
import { toColumns } from '../../electron/shared/job-columns';

type Mode = 'baseline' | 'objects' | 'cache';

const { values } = parseArgs({
  options: {
    servers: { type: 'string', default: '20' },
    jobs: { type: 'string', default: '1000000' },
    child: { type: 'string' },
  },
});
const SERVERS = Number(values.servers);
const JOBS = Number(values.jobs);
const PAGE = 1000;
const STATUSES = ['esriJobSucceeded', 'esriJobFailed', 'esriJobCancelled', 'esriJobExecuting'];
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

const SERVICES = 10;

/** One server's jobs as a listing reads them: pages of keyed JSON, parsed and normalised, service by service. */
function listServer(server: number, count: number, onJobs: (jobs: Job[]) => void): void {
  const site = `https://gis${server}.example.com/arcgis`;
  const pages = Math.ceil(count / PAGE);
  for (let s = 0; s < SERVICES; s++) {
    const service = `Folder${s % 3}/Tool${s}`;
    const jobs: Job[] = [];
    for (let p = s; p < pages; p += SERVICES) listPage(server, site, service, p * PAGE, count, jobs);
    onJobs(jobs);
  }
}

/** One page of a service, parsed and normalised into `jobs`. */
function listPage(
  server: number,
  site: string,
  service: string,
  start: number,
  count: number,
  jobs: Job[],
): void {
  const results: Record<string, unknown> = {};
  for (let i = start; i < Math.min(count, start + PAGE); i++) {
    const jobId = `j${(server * 1e9 + i).toString(16).padStart(32, '0')}`;
    results[jobId] = {
      status: STATUSES[i % STATUSES.length],
      submittedTime: 1_700_000_000_000 + i * 1000,
      endTime: i % 5 ? 1_700_000_000_000 + i * 1000 + 60_000 : null,
      username: `user${i % 13}`,
      machinename: `GIS${i % 4}.EXAMPLE.COM`,
      url: `${site}/rest/services/${service}/GPServer/Tool/jobs/${jobId}`,
    };
  }
  const page = JSON.parse(JSON.stringify({ results })) as {
    results: Record<string, Record<string, unknown>>;
  };
  for (const [jobId, raw] of Object.entries(page.results)) {
    const job = normalizeJob({ jobId, ...raw } as never, `p${server}`, service);
    if (job) jobs.push(job);
  }
}

function child(mode: Mode): void {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const base = process.memoryUsage();
  const cache = new JobCache();
  const held: Job[][] = [];
  const perServer = Math.ceil(JOBS / SERVERS);
  if (mode !== 'baseline') {
    for (let s = 0; s < SERVERS; s++) {
      const writer = cache.begin(`p${s}`);
      listServer(s, perServer, (jobs) =>
        mode === 'objects' ? held.push(jobs) : writer.add(toColumns(jobs)),
      );
      writer.commit();
    }
  }
  gc();
  const u = process.memoryUsage();
  const jobs = mode === 'objects' ? held.reduce((n, j) => n + j.length, 0) : cache.size;
  process.stdout.write(
    `${JSON.stringify({
      mode,
      jobs,
      heldRssMb: mb(u.rss),
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
      heapUsedMb: mb(u.heapUsed),
      bytesPerJob: jobs
        ? Math.round((u.heapUsed - base.heapUsed + u.arrayBuffers - base.arrayBuffers) / jobs)
        : 0,
    })}\n`,
  );
}

if (values.child) child(values.child as Mode);
else {
  const script = fileURLToPath(import.meta.url);
  for (const mode of ['baseline', 'objects', 'cache'] as Mode[]) {
    const args = ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', script, '--child', mode];
    const r = spawnSync(process.execPath, [...args, '--servers', String(SERVERS), '--jobs', String(JOBS)], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`${mode}: ${r.stderr}`);
    process.stdout.write(r.stdout);
  }
}
