/**
 * What holding a fleet's jobs costs the window when it holds the whole list: in Chromium, the table's own
 * sort, filter and summary code (bundled from renderer/src/lib) over jobs that arrive as a listing's pages
 * do (JSON decoded page by page, as the web client and Electron's IPC both hand the window fresh
 * strings). Reports the JS heap after a full collection and the time of each step (median of `--runs`).
 * `npx tsx test/bench/store-renderer.ts [--jobs 1000000] [--servers 20] [--runs 3] [--no-share]`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../build/chromium.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '1000000' },
    servers: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    /** `--no-share`: without SharedStrings, as the window held jobs before. */
    'no-share': { type: 'boolean', default: false },
  },
});

const ENTRY = `
import { sortJobs, DEFAULT_SORT } from './renderer/src/lib/jobs/job-sort';
import { emptyFilter, filterJobs } from './renderer/src/lib/jobs/job-filter';
import { countStatuses } from './renderer/src/lib/jobs/job-overview';
import { filterOptions } from './renderer/src/lib/filter-options';
import { SharedStrings } from './renderer/src/lib/jobs/shared-strings';
import { GrowingRows } from './renderer/src/lib/jobs/growing-rows';
import { StatusTally } from './renderer/src/lib/jobs/job-overview';
globalThis.table = {
  sortJobs, DEFAULT_SORT, emptyFilter, filterJobs, countStatuses, filterOptions, SharedStrings, GrowingRows, StatusTally,
};
`;

/** Runs in the page: builds the jobs from JSON pages, one array per server as the workspace keeps them. */
function load(args: { jobs: number; servers: number; share: boolean }): number {
  type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const strings = args.share ? new (globalThis as Any).table.SharedStrings() : null;
  const statuses = ['esriJobSucceeded', 'esriJobFailed', 'esriJobCancelled', 'esriJobExecuting'];
  const perServer = Math.ceil(args.jobs / args.servers);
  const byServer: unknown[][] = [];
  for (let s = 0; s < args.servers; s++) {
    const jobs: unknown[] = [];
    for (let start = 0; start < perServer; start += 1000) {
      const page = [];
      for (let i = start; i < Math.min(perServer, start + 1000); i++)
        page.push({
          profileId: `profile-${s}-0123456789abcdef`,
          service: `Folder${i % 3}/Tool${(start / 1000) % 10}`,
          jobId: `j${(s * 1e9 + i).toString(16).padStart(32, '0')}`,
          status: statuses[i % 4],
          submittedTime: 1_700_000_000_000 + ((i * 7919) % perServer) * 1000,
          endTime: i % 5 ? 1_700_000_000_000 + i * 1000 + 60_000 : null,
          username: `user${i % 13}`,
          machinename: `GIS${i % 4}.EXAMPLE.COM`,
        });
      const decoded = JSON.parse(JSON.stringify(page)) as unknown[];
      // As the window's job state does with each listing it receives.
      if (strings) strings.shareJobs(decoded);
      for (const job of decoded) jobs.push(job);
    }
    byServer.push(jobs);
  }
  const w = globalThis as unknown as { held: unknown[]; byServer: unknown[][] };
  w.byServer = byServer;
  w.held = ([] as unknown[]).concat(...byServer);
  return w.held.length;
}

/** Runs in the page: times the table's steps over the held jobs. */
function measure(): Record<string, number> {
  type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const g = globalThis as Any;
  const t = g.table;
  const jobs = g.held;
  const ctx = { profileNames: new Map(), results: new Map(), now: 1_800_000_000_000 };
  const time = (f: () => unknown): number => {
    const s = performance.now();
    g.keep = f();
    return performance.now() - s;
  };
  const out: Record<string, number> = {};
  // A fresh array each time, so no sort key computed for an earlier list is reused: a first click.
  out.sortJobIdFirstMs = time(() => t.sortJobs(jobs.slice(), { column: 'jobId', direction: 'asc' }, ctx));
  out.sortUserFirstMs = time(() => t.sortJobs(jobs.slice(), { column: 'user', direction: 'asc' }, ctx));
  out.sortSubmittedMs = time(() => t.sortJobs(jobs, t.DEFAULT_SORT, ctx));
  const sorted = g.keep;
  out.sortJobIdMs = time(() => t.sortJobs(jobs, { column: 'jobId', direction: 'asc' }, ctx));
  out.sortUserMs = time(() => t.sortJobs(jobs, { column: 'user', direction: 'asc' }, ctx));
  out.filterStatusMs = time(() =>
    t.filterJobs(sorted, { ...t.emptyFilter(), statuses: ['esriJobFailed'] }, ctx.now),
  );
  out.filterTextMs = time(() => t.filterJobs(sorted, { ...t.emptyFilter(), text: 'abc1' }, ctx.now));
  out.overviewMs = time(() => t.countStatuses(jobs, []));
  // A streamed batch arriving at a million, sorted, filtered and merged on its own: 1,000 jobs, and the
  // quarter of the table the job state sends at most at once.
  const failed = { ...t.emptyFilter(), statuses: ['esriJobFailed'] };
  const cases = [
    ['appendBatchJobIdMs', { column: 'jobId', direction: 'asc' }, 1000],
    ['appendBatchSubmittedMs', t.DEFAULT_SORT, 1000],
    ['appendBatchUserMs', { column: 'user', direction: 'asc' }, 1000],
    ['appendQuarterJobIdMs', { column: 'jobId', direction: 'asc' }, 200_000],
    ['appendQuarterUserMs', { column: 'user', direction: 'asc' }, 200_000],
  ] as const;
  for (const [name, sort, size] of cases) {
    const before = jobs.slice(0, jobs.length - size);
    const rows = new t.GrowingRows();
    rows.filtered(rows.sorted(before, null, sort, ctx), failed, ctx.now);
    out[name] = time(() => rows.filtered(rows.sorted(jobs, before, sort, ctx), failed, ctx.now));
  }
  const before = jobs.slice(0, jobs.length - 1000);
  const tally = new t.StatusTally().plus(before, 0);
  out.appendBatchOverviewMs = time(() => tally.plus(jobs, before.length).counts([]));
  out.filterOptionsMs = time(() => t.filterOptions(jobs));
  g.keep = null;
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const bundle = await build({
  stdin: { contents: ENTRY, resolveDir: REPO, loader: 'ts' },
  bundle: true,
  write: false,
  format: 'iife',
  minify: true,
  logLevel: 'warning',
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>store</title>');
  // tsx (esbuild with keepNames) may wrap the page functions in \`__name(...)\`: give the page a no-op one.
  await page.addScriptTag({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const cdp = await page.context().newCDPSession(page);
  const heapMb = async (): Promise<number> => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return Math.round((usedSize / 1024 / 1024) * 10) / 10;
  };
  const before = await heapMb();
  const share = !values['no-share'];
  const loadArgs = { jobs: Number(values.jobs), servers: Number(values.servers), share };
  const loadStart = Date.now();
  const loaded = await page.evaluate(load, loadArgs);
  const loadMs = Date.now() - loadStart;
  const held = await heapMb();
  const runs: Array<Record<string, number>> = [];
  for (let i = 0; i < Number(values.runs); i++) runs.push(await page.evaluate(measure));
  const sortedHeld = await heapMb();
  const figures = Object.fromEntries(
    Object.keys(runs[0]!).map((k) => [k, Math.round(median(runs.map((r) => r[k]!)) * 10) / 10]),
  );
  process.stdout.write(
    `${JSON.stringify({
      jobs: loaded,
      shared: share,
      loadMs,
      heapBeforeMb: before,
      heapHeldMb: held,
      bytesPerJob: Math.round(((held - before) * 1024 * 1024) / loaded),
      heapAfterStepsMb: sortedHeld,
      ...figures,
    })}\n`,
  );
} finally {
  await browser.close();
}
