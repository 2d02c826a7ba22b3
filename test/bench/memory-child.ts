/**
 * The memory benchmark's child process: lists every job of the simulators given on stdin, keeping what
 * the app keeps, then prints one JSON line with its peak resident set size. A process of its own, so
 * nothing else the benchmark did is counted. Path `service`: `JobAdminService.listJobs`, each server's
 * answer counted and dropped. Path `app`: the main process's own `jobs.list` handler, streamed as the window
 * asks for it (views built per page the core hands on, each `jobs.page` event serialized as the transport
 * to the window does, then dropped; the answer only counts them).
 */
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../electron/main/dispatch';
import type { Caller } from '../../electron/shared/contract';
import type { JobsPageView } from '../../electron/shared/views';
import { openBenchApp } from './app-setup';
import { openBenchCore } from './core-setup';
import type { SimProcess } from './sim-fleet';

/** What the child reads from stdin: the simulators (a password never goes on a command line). */
export interface MemoryChildInput {
  sims: Array<Pick<SimProcess, 'url' | 'username' | 'password' | 'caPem' | 'jobs'>>;
  concurrency: number;
  path: 'service' | 'app';
}

/** What the child prints. */
export interface MemoryChildOutput {
  jobs: number;
  /** RSS before any work (the runtime and modules). */
  baseRssMb: number;
  /** `process.resourceUsage().maxRSS`: the peak, as the kernel counted it. */
  peakRssMb: number;
  /** The highest RSS sampled every 10 ms while listing. */
  sampledPeakRssMb: number;
  /** RSS with the jobs held by the core, after a full garbage collection when exposed. */
  heldRssMb: number;
  heapUsedMb: number;
  /** Peaks sampled while listing: where the memory was (V8 heap reserved, used, off-heap buffers). */
  sampledPeaks: { heapTotalMb: number; heapUsedMb: number; externalMb: number; arrayBuffersMb: number };
  listMs: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

const input = JSON.parse(await readStdin()) as MemoryChildInput;
const baseRss = process.memoryUsage().rss;
let sampled = baseRss;
const peaks = { heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
const sample = (): void => {
  const u = process.memoryUsage();
  sampled = Math.max(sampled, u.rss);
  peaks.heapTotal = Math.max(peaks.heapTotal, u.heapTotal);
  peaks.heapUsed = Math.max(peaks.heapUsed, u.heapUsed);
  peaks.external = Math.max(peaks.external, u.external);
  peaks.arrayBuffers = Math.max(peaks.arrayBuffers, u.arrayBuffers);
};
const sampler = setInterval(sample, 10);
let jobs = 0;
let dispose: () => Promise<void>;
let t0: number;
if (input.path === 'app') {
  const app = await openBenchApp(input.sims, input.concurrency);
  dispose = app.dispose;
  t0 = performance.now();
  await Promise.all(
    app.profileIds.map(async (profileId) => {
      const caller: Caller = {
        push: (_channel, page) => {
          jobs += (page as JobsPageView).columns.jobIds.length;
          JSON.stringify(page);
        },
      };
      const payload = { profileId, listingId: `memory-${profileId}` };
      const answer = await dispatch('jobs.list', payload, app.core.handlers, undefined, caller);
      if (!answer.ok) throw new Error(`jobs.list: ${answer.error.message}`);
      JSON.stringify(answer);
    }),
  );
} else {
  const core = await openBenchCore(input.sims as SimProcess[], input.concurrency);
  dispose = core.dispose;
  t0 = performance.now();
  // Each server's listing is counted and dropped as it arrives: what stays is what the core holds.
  await Promise.all(
    core.profiles.map(async (p) => {
      const listed = await core.service.listJobs(p.id);
      if (!listed.ok) throw new Error(listed.error.message);
      jobs += listed.value.jobs.length;
    }),
  );
}
const listMs = performance.now() - t0;
clearInterval(sampler);
sample();
(globalThis as { gc?: () => void }).gc?.();
const out: MemoryChildOutput = {
  jobs,
  baseRssMb: mb(baseRss),
  peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
  sampledPeakRssMb: mb(sampled),
  heldRssMb: mb(process.memoryUsage().rss),
  heapUsedMb: mb(process.memoryUsage().heapUsed),
  sampledPeaks: {
    heapTotalMb: mb(peaks.heapTotal),
    heapUsedMb: mb(peaks.heapUsed),
    externalMb: mb(peaks.external),
    arrayBuffersMb: mb(peaks.arrayBuffers),
  },
  listMs,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
await dispose();
