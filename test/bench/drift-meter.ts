/**
 * One bulk run through the app's path, measured for run-drift.ts: its CPU per job (the process, its main
 * thread and the other threads, each split into user and system time), collector pauses, and what the
 * machine's load does not move: bytes allocated and bytes put into the old generation per job; then,
 * outside the run, what the core holds afterwards (state-census.ts).
 */
import diagnostics from 'node:diagnostics_channel';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import type { JobRef } from '../../electron/core/types';
import { deleteJobs } from './bulk-bench';
import type { BenchCore } from './core-setup';
import { startLeg } from './leg-meter';
import { activeResources, collectionSizes, grown, heapAfterGc, notWalked } from './state-census';

/** User and system CPU of one thread of this process in ms (`/proc/self/task/TID/stat`, 10 ms ticks). */
function threadTimes(tid: number): { user: number; sys: number } | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * 10, sys: Number(fields[12]) * 10 };
  } catch {
    return null;
  }
}

/** This process's read and write system calls so far (`/proc/self/io`), or null where it is not readable. */
function syscalls(): { reads: number; writes: number } | null {
  try {
    const io = readFileSync('/proc/self/io', 'utf8');
    const reads = Number(/syscr:\s+(\d+)/.exec(io)?.[1]);
    const writes = Number(/syscw:\s+(\d+)/.exec(io)?.[1]);
    return { reads, writes };
  } catch {
    return null;
  }
}

/** Connections undici opened so far (new sockets, each a TLS handshake to a simulator). */
let connections = 0;
diagnostics.subscribe('undici:client:connected', () => void connections++);

const YOUNG = new Set(['new_space', 'new_large_object_space']);
type Spaces = Array<{ spaceName: string; spaceUsedSize: number }>;
const used = (spaces: Spaces, young: boolean) =>
  spaces.reduce((n, s) => (YOUNG.has(s.spaceName) === young ? n + s.spaceUsedSize : n), 0);
const spacesNow = (): Spaces =>
  v8.getHeapSpaceStatistics().map((s) => ({ spaceName: s.space_name, spaceUsedSize: s.space_used_size }));

/**
 * Starts counting the bytes a span allocates (young and old generation: each space's growth between
 * collections, from a `v8.GCProfiler` report) and the bytes its scavenges promote; neither moves with the
 * machine's load.
 */
function startAllocMeter(): () => { allocated: number; promoted: number } {
  const profiler = new v8.GCProfiler();
  profiler.start();
  const start = spacesNow();
  return () => {
    const report = profiler.stop();
    const end = spacesNow();
    let [allocated, promoted] = [0, 0];
    let last = start;
    for (const gc of report?.statistics ?? []) {
      const before = gc.beforeGC.heapSpaceStatistics;
      const after = gc.afterGC.heapSpaceStatistics;
      allocated +=
        used(before, true) - used(last, true) + Math.max(0, used(before, false) - used(last, false));
      if (gc.gcType === 'Scavenge') promoted += used(after, false) - used(before, false);
      last = after;
    }
    allocated += used(end, true) - used(last, true) + Math.max(0, used(end, false) - used(last, false));
    return { allocated, promoted };
  };
}

const perJob = (v: number | null, jobs: number, digits = 1) =>
  v == null ? null : Number(((v * 1000) / jobs).toFixed(digits));

/** Deletes `refs` through the app's path (prepare, start, the run's tail) and returns its figures. */
export async function measuredRun(
  core: BenchCore,
  refs: readonly JobRef[],
): Promise<Record<string, unknown>> {
  const n = refs.length;
  const [t0, io0, conn0] = [threadTimes(process.pid), syscalls(), connections];
  const c0 = process.cpuUsage();
  const alloc = startAllocMeter();
  const end = startLeg();
  const w0 = performance.now();
  const started = await deleteJobs(core, refs, () => {});
  if (!started.ok) throw new Error(started.error.message);
  const summary = await started.value.done;
  await core.service.bulk.settled();
  const ms = performance.now() - w0;
  const c = process.cpuUsage(c0);
  const [t1, io1, conn1] = [threadTimes(process.pid), syscalls(), connections];
  const bytes = alloc();
  const cost = await end();
  if (summary.counts.deleted !== n)
    throw new Error(`a run did not delete every job: ${JSON.stringify(summary.counts)}`);
  return {
    ms: Math.round(ms),
    cpuUs: perJob(cost.cpuMs, n),
    userUs: perJob(c.user / 1000, n),
    sysUs: perJob(c.system / 1000, n),
    mainUs: perJob(cost.mainMs, n),
    mainUserUs: t0 && t1 ? perJob(t1.user - t0.user, n) : null,
    mainSysUs: t0 && t1 ? perJob(t1.sys - t0.sys, n) : null,
    otherUs: perJob(cost.otherMs, n),
    gcs: cost.gcs,
    majorGcs: cost.majorGcs,
    gcMs: Number(cost.gcMs.toFixed(1)),
    wakeupsPerJob: cost.wakeups == null ? null : Number((cost.wakeups / n).toFixed(3)),
    allocatedPerJob: Math.round(bytes.allocated / n),
    promotedPerJob: Math.round(bytes.promoted / n),
    readCallsPerJob: io0 && io1 ? Number(((io1.reads - io0.reads) / n).toFixed(3)) : null,
    writeCallsPerJob: io0 && io1 ? Number(((io1.writes - io0.writes) / n).toFixed(3)) : null,
    connectionsOpened: conn1 - conn0,
  };
}

/** The bulk service's private sizes: plans held for confirmation, runs going, run tails not yet ended. */
function bulkState(core: BenchCore): Record<string, number> {
  const bulk = core.service.bulk as unknown as {
    active: Map<string, unknown>;
    tails: Set<unknown>;
    plans: { entries: Map<string, unknown> };
  };
  return { plansHeld: bulk.plans.entries.size, active: bulk.active.size, tails: bulk.tails.size };
}

/**
 * What the process holds after a run (forced full collections first): heap by space, handles, the audit
 * directory's run files and index size, the bulk service's registries, the job cache, and the collections
 * reachable from the core that changed size since `since` (the census after the warm-up, or run 1's), with
 * how many entries and objects the census's limits left unwalked (`notWalked`; growth there is not seen).
 */
export function census(
  core: BenchCore,
  since: { warm: Map<string, number>; first: Map<string, number> | null },
) {
  const heap = heapAfterGc();
  const sizes = collectionSizes(core.service);
  since.first ??= sizes;
  const dir = core.service.audit.store.paths;
  return {
    heapAfterGcMb: heap.usedMb,
    oldSpaceMb: heap.spaces.old_space,
    codeSpaceMb: heap.spaces.code_space,
    runFiles: readdirSync(dir.runs).length,
    indexBytes: statSync(dir.index).size,
    ...bulkState(core),
    jobCache: core.service.jobs.size,
    resources: activeResources(),
    collections: sizes.size,
    notWalked: notWalked(sizes).reduce((n, [, left]) => n + left, 0),
    grownSinceWarmUp: grown(since.warm, sizes).length,
    grownSinceRun1: grown(since.first, sizes),
  };
}
