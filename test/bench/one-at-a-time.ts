/**
 * The bulk benchmark's baseline, today's way of working: deletes one after another through the app's own
 * client (`deleteJob` awaited in turn), in a few samples whose median ms per job is the figure
 * `bulk_speedup_vs_sequential` divides by the engine's.
 */
import { performance } from 'node:perf_hooks';
import type { JobRef } from '../../electron/core/types';
import type { BenchCore } from './core-setup';
import { median } from './report';

/** Samples of the one-at-a-time baseline: its per-job figure is their median, as every figure is one. */
export const SEQUENTIAL_SAMPLES = 3;

/** One sample of the one-at-a-time baseline. */
export interface SequentialSample {
  jobs: number;
  ms: number;
  perJobMs: number;
  failed: number;
}

/** The one-at-a-time baseline: every sample, their totals, and the median of their ms per job. */
export interface SequentialFigures {
  jobs: number;
  ms: number;
  perJobMs: number;
  failed: number;
  samples: SequentialSample[];
}

/** Refs in turn from each server (first of each, then second of each, ...), as a script walking a mixed list. */
function interleave(refs: readonly JobRef[]): JobRef[] {
  const byServer = new Map<string, JobRef[]>();
  for (const r of refs) {
    const list = byServer.get(r.profileId) ?? [];
    list.push(r);
    byServer.set(r.profileId, list);
  }
  const lists = [...byServer.values()];
  const out: JobRef[] = [];
  for (let i = 0; out.length < refs.length; i++) for (const list of lists) if (list[i]) out.push(list[i]!);
  return out;
}

/**
 * Today's way: deletes `refs` one after another through the app's client (`deleteJob` awaited in turn,
 * servers interleaved as a script walking a mixed list would), in `SEQUENTIAL_SAMPLES` samples of as many
 * jobs; the baseline's ms per job is their median.
 */
export async function oneAtATime(
  core: BenchCore,
  refs: readonly JobRef[],
  log: (line: string) => void,
): Promise<SequentialFigures> {
  const clients = new Map<string, Awaited<ReturnType<BenchCore['service']['client']>>>();
  for (const p of core.profiles) clients.set(p.id, await core.service.client(p.id));
  const order = interleave(refs);
  const size = Math.ceil(order.length / SEQUENTIAL_SAMPLES);
  const samples: SequentialSample[] = [];
  for (let from = 0; from < order.length; from += size) {
    const part = order.slice(from, from + size);
    log(`bulk: one at a time, sample ${samples.length + 1} of ${SEQUENTIAL_SAMPLES}: ${part.length} jobs`);
    let failed = 0;
    const t0 = performance.now();
    for (const r of part) {
      const client = clients.get(r.profileId)!;
      if (!client.ok) throw new Error(client.error.message);
      const done = await client.value.deleteJob(r.service, r.jobId);
      if (!done.ok) failed++;
    }
    const ms = performance.now() - t0;
    samples.push({ jobs: part.length, ms, perJobMs: ms / part.length, failed });
  }
  return {
    jobs: order.length,
    ms: samples.reduce((n, x) => n + x.ms, 0),
    perJobMs: median(samples.map((x) => x.perJobMs)),
    failed: samples.reduce((n, x) => n + x.failed, 0),
    samples,
  };
}
