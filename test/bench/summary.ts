/**
 * The benchmark's report: what one run produced (written to latest.json) and the lines printed before the
 * headline table: machine and load, then each part's details (every run, not only the medians).
 */
import os from 'node:os';
import type { AuditBenchResult } from './audit-bench';
import type { BulkBenchResult } from './bulk-bench';
import type { FleetBenchResult } from './fleet-bench';
import type { ListBenchResult } from './list-bench';
import type { MemoryBenchResult } from './memory-bench';
import type { BenchOptions, BenchPart } from './options';
import type { PairIdle } from './pairs';
import { HEADLINE_KEYS, round } from './report';
import type { Headline, HeadlineKey } from './report';
import type { TableBenchResult } from './table-bench';

/** The 1-minute load average when a part started and when it ended. */
export interface PartLoad {
  start: number;
  end: number;
}

/** What one run produced, written to latest.json. */
export interface BenchResults {
  date: string;
  command: string;
  mode: BenchOptions['mode'];
  machine: { cpus: number; cpuModel: string; loadavg: number[]; node: string; platform: string };
  options: BenchOptions;
  bulk: BulkBenchResult | null;
  list: ListBenchResult | null;
  memory: MemoryBenchResult | null;
  table: TableBenchResult | null;
  audit: AuditBenchResult | null;
  fleet: FleetBenchResult | null;
  /** The machine's load around each part (shared machine: read every figure with its load). */
  loads: Partial<Record<BenchPart, PartLoad>>;
  errors: Record<string, string>;
  notes: string[];
  headline: Headline;
  wallMs: number;
}

/** How each headline figure is computed (the table's last column). */
export const HOW: Partial<Record<HeadlineKey, string>> = {
  bulk_efficiency: 'ideal / measured',
  bulk_speedup_vs_sequential: 'ms/job one at a time / ms/job engine',
  bulk_vs_bare_ratio: 'bare loop time / engine time',
  bulk_cpu_vs_bare_ratio: 'engine CPU/job / bare CPU/request',
  list_vs_bare_ratio: 'bare loop time / app time',
  list_speedup_vs_paged10: 'ms/job pages of 10 in sequence / ms/job ours',
  peak_rss_mb_100k: 'maxRSS of a child holding the jobs',
  progress_events_per_s: 'onProgress calls / run time',
  table_first_rows_ratio_100k_vs_1k: 'first rows 100k / 1k',
  audit_history_ms_1000_runs: 'list every run of the log',
  audit_open_run_ms_10m: "one run's results from the log",
  fleet_list_vs_bare_ratio: 'bare loop time / service time',
  fleet_peak_rss_mb_1m: 'maxRSS of a child holding every job',
  fleet_table_first_rows_ms_1m: 'first batch at the page to first rows',
  fleet_renderer_heap_mb_1m: 'page JS heap after GC, every row loaded',
  fleet_bulk_vs_bare_ratio_100k: 'bare loop time / engine time',
};

/** The details printed above the headline table. */
export function detailLines(results: BenchResults, options: BenchOptions): string[] {
  const lines: string[] = [];
  const f = (n: number) => String(round(n));
  const [b, l, t] = [results.bulk, results.list, results.table];
  lines.push(`GP Job Admin benchmark, ${results.date}, mode ${options.mode}`);
  lines.push(
    `machine: ${results.machine.cpus} x ${results.machine.cpuModel}, Node ${results.machine.node}, ` +
      `load at start ${results.machine.loadavg.join(' ')}, at end ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
  );
  if ([...options.parts].some((p) => p !== 'fleet' && p !== 'audit'))
    lines.push(
      `simulators: ${options.servers} sites (bulk: in one child process; listing: one process each), ` +
        `latency ${options.latencyMs} ms, capacity ${options.capacity}, JIT warmed by ${options.simWarmUp} deletes`,
    );
  if (b) {
    const each =
      b.runs.length > 1
        ? `; runs ${b.runs.map((r) => `${f(r.measuredMs)} ms (${f(r.efficiency)})`).join(' / ')}, median reported`
        : '';
    lines.push(
      `bulk delete: ${b.jobs} jobs, ${b.servers} servers x concurrency ${b.concurrency}: ${f(b.measuredMs)} ms ` +
        `(ideal ${b.idealMs} ms); deleted ${b.deleted}, failed ${b.failed}, left on servers ${b.leftOnServers}; ` +
        `${b.progressEvents} progress events${each}`,
    );
    const seq = b.sequential;
    lines.push(
      `one at a time: ${seq.samples.map((x) => `${x.jobs} jobs in ${f(x.ms)} ms (${f(x.perJobMs)} ms/job)`).join(' / ')}; ` +
        `median ${f(seq.perJobMs)} ms/job vs engine ${f(b.enginePerJobMs)} ms/job`,
    );
    lines.push(
      `bulk CPU: this process ${f(b.cpu.clientMsPerJob)} ms/job; simulators ` +
        `${b.cpu.simMsPerJob.map((v) => (v === null ? '?' : f(v))).join(' / ')} ms/request (per process)`,
    );
    lines.push(
      `bare loop (plain undici deletes, same concurrency, after each engine run, each leg after the same idle spell; ` +
        `its share of the ideal, the rig's own ceiling for bulk_efficiency): ` +
        `${b.bare.runs.map((r) => `${f(r.ms)} ms (${f(b.idealMs / r.ms)})`).join(' / ')}, ${f(b.bare.cpuMsPerRequest)} ms CPU/request; ` +
        `bare/engine time ${f(b.bare.timeRatio)}, engine/bare CPU ${f(b.bare.cpuRatio)} (medians of the pairs)`,
    );
    const pairs = b.bare.pairs.map((p, i) => {
      const bare = b.bare.runs[i]!;
      const [engineUs, bareUs] = [b.runs[i]!.cpu.clientMsPerJob * 1000, (bare.cpuMs / bare.requests) * 1000];
      const idle = [p.idleMs.engine, p.idleMs.bare].map((ms) => (ms === null ? '?' : f(ms / 1000)));
      return `${f(p.time)} time, ${f(p.cpu)} CPU (${f(engineUs)}/${f(bareUs)} µs, idle ${idle.join('/')} s)`;
    });
    lines.push(
      `bulk pairs, time bare/engine, CPU engine/bare (µs per job/request, s idle before each leg) ` +
        `(in order, the engine first in each): ${pairs.join(' / ')}`,
    );
  }
  if (l) {
    const base = l.baseline;
    lines.push(
      `listing: ${l.jobs} jobs, ${l.servers} servers, ${l.services} services: ${l.runsMs.map(f).join(' / ')} ms ` +
        `(median ${f(l.medianMs)}); paged ${base.pageSize} sequentially: ` +
        `${base.samples.map((x) => `${x.jobs} jobs, ${x.requests} requests in ${f(x.ms)} ms (${f(x.perJobMs)} ms/job)`).join(' / ')}; ` +
        `median ${f(base.perJobMs)} ms/job (${f((base.perJobMs * l.jobs) / 1000)} s for all)`,
    );
    lines.push(
      `listing, bare loop (same pages, fetch + JSON.parse): ${l.bare.runs.map((r) => f(r.ms)).join(' / ')} ms; ` +
        `bare/client ${f(l.bare.timeRatio)} (median of the pairs)`,
    );
    lines.push(`listing pairs, bare/app time ${pairsText(l.bare.pairs, l.bare.idleMs, 'app')}`);
  }
  for (const [i, m] of (results.memory?.runs ?? []).entries()) {
    const p = m.sampledPeaks;
    lines.push(
      `memory ${i + 1}: ${m.jobs} jobs held: peak RSS ${m.peakRssMb} MB; runtime before work ${m.baseRssMb} MB, ` +
        `held after GC ${m.heldRssMb} MB (JS heap ${m.heapUsedMb} MB); peaks while listing: V8 heap ` +
        `${p.heapTotalMb} MB (used ${p.heapUsedMb}), off-heap buffers ${p.externalMb} MB`,
    );
  }
  if (t) {
    for (const [name, r] of [
      ['small', t.small],
      ['large', t.large],
    ] as const) {
      lines.push(
        `table ${name} (${r.jobs} jobs): first rows ${f(r.firstRowsMs)} ms (next frame ${f(r.firstRowsFrameMs)}), ` +
          `sort ${f(r.sortMs)} ms, ` +
          `filter ${f(r.filterMs)} ms, free text ${f(r.searchMs)} ms, longest task while scrolling ${f(r.longestTaskMs)} ms; since navigation: ` +
          `first rows ${f(r.firstRowsSinceNavigationMs)} ms, all rows ${f(r.allRowsSinceNavigationMs)} ms`,
      );
    }
  }
  const a = results.audit;
  if (a) {
    lines.push(
      `audit log: ${a.runs} runs, ${a.jobLines} job lines, ${f(a.bytes / 1e6)} MB written in ${f(a.writeMs / 1000)} s; ` +
        `history ${a.historyRunsMs.map(f).join(' / ')} ms, one run's results ${a.openRunsMs.map(f).join(' / ')} ms ` +
        '(fresh store each time, median reported)',
    );
  }
  lines.push(...fleetLines(results.fleet));
  for (const note of results.notes) lines.push(`note: ${note}`);
  for (const [name, message] of Object.entries(results.errors))
    lines.push(`ERROR in ${name}: ${message.split('\n')[0]}`);
  return lines;
}

/**
 * A part's pairs for the summary: each pair's ratio with the idle spell (s) before its app leg and its bare
 * leg (`EvenIdlePairs`: the app's leg first in each pair, both after the same spell).
 */
function pairsText(ratios: readonly number[], idles: readonly PairIdle[], app: string): string {
  const s = (ms: number | null | undefined) => (ms == null ? '?' : String(round(ms / 1000)));
  const each = ratios.map((r, i) => `${round(r)} (idle ${s(idles[i]?.app)}/${s(idles[i]?.bare)} s)`);
  return `(s idle before each leg) (in order, the ${app} first in each): ${each.join(' / ')}`;
}

function fleetLines(fl: FleetBenchResult | null): string[] {
  if (!fl) return [];
  const f = (n: number) => String(round(n));
  const lines = [
    `fleet: ${fl.jobs} jobs on ${fl.servers} sites in ${fl.processes} simulator processes (started in ${f(fl.startMs / 1000)} s)`,
    `fleet listing through the service: ${fl.list.runsMs.map(f).join(' / ')} ms; bare loop ` +
      `${fl.list.bare.map((b) => f(b.ms)).join(' / ')} ms; bare/service ${f(fl.list.ratio)} (median of the pairs)`,
    `fleet listing pairs, bare/service time ${pairsText(fl.list.pairs, fl.list.idleMs, 'service')}`,
  ];
  for (const [i, m] of (fl.memory?.runs ?? []).entries())
    lines.push(
      `fleet memory ${i + 1}: ${m.jobs} jobs held: peak RSS ${m.peakRssMb} MB, held after GC ${m.heldRssMb} MB ` +
        `(JS heap ${m.heapUsedMb} MB); listed in ${f(m.listMs)} ms`,
    );
  const t = fl.table;
  if (t)
    lines.push(
      `fleet table (${t.jobs} jobs): first rows ${f(t.firstRowsMs)} ms, sort ${f(t.sortMs)} ms, filter ${f(t.filterMs)} ms, ` +
        `free text ${f(t.searchMs)} ms, ` +
        `scroll ${f(t.longestTaskMs)} ms, JS heap ${f(t.heapMb)} MB; since navigation: first rows ` +
        `${f(t.firstRowsSinceNavigationMs)} ms, all rows ${f(t.allRowsSinceNavigationMs)} ms (${t.runs.length} windows)`,
    );
  const b = fl.bulk;
  lines.push(
    `fleet bulk delete: ${b.jobs} jobs x ${b.runs.length}: engine ${b.runs.map((r) => f(r.ms)).join(' / ')} ms ` +
      `(ideal ${b.idealMs} ms; failed ${b.runs.map((r) => r.failed).join('/')}; CPU ${b.runs.map((r) => f(r.cpuMsPerJob)).join(' / ')} ms/job), ` +
      `bare ${b.bare.map((r) => f(r.ms)).join(' / ')} ms; bare/engine ${f(b.ratio)}; simulators ` +
      `${b.simCpuMsPerRequest === null ? '?' : f(b.simCpuMsPerRequest)} ms CPU/request`,
    `fleet bulk pairs, bare/engine time ${pairsText(b.pairs, b.idleMs, 'engine')}`,
  );
  return lines;
}

/** The part a headline figure comes from. */
function partOf(key: HeadlineKey): BenchPart {
  if (key.startsWith('fleet_')) return 'fleet';
  if (key.startsWith('list_')) return 'list';
  if (key.startsWith('table_')) return 'table';
  if (key.startsWith('audit_')) return 'audit';
  return key === 'peak_rss_mb_100k' ? 'memory' : 'bulk';
}

/** Each figure's load column: the 1-minute load average when its part started and ended. */
export function figureLoads(loads: BenchResults['loads']): Partial<Record<HeadlineKey, string>> {
  const out: Partial<Record<HeadlineKey, string>> = {};
  for (const key of HEADLINE_KEYS) {
    const l = loads[partOf(key)];
    if (l) out[key] = `${l.start.toFixed(1)}-${l.end.toFixed(1)}`;
  }
  return out;
}

/**
 * How many samples each figure's median is taken over (runs, pairs, processes, windows). A figure that
 * divides two medians shows both counts: `3/3` is the app's runs over the baseline's samples (the speedups)
 * or the large table's windows over the small one's.
 */
export function figureRuns(r: BenchResults): Partial<Record<HeadlineKey, string>> {
  const count: Record<BenchPart, number | undefined> = {
    bulk: r.bulk?.runs.length,
    list: r.list?.runsMs.length,
    memory: r.memory?.runs.length,
    table: r.table?.large.runs.length,
    audit: r.audit?.historyRunsMs.length,
    fleet: r.fleet?.list.runsMs.length,
  };
  const out: Partial<Record<HeadlineKey, string>> = {};
  for (const key of HEADLINE_KEYS) {
    const n = count[partOf(key)];
    if (n !== undefined) out[key] = String(n);
  }
  if (r.bulk) out.bulk_speedup_vs_sequential = `${r.bulk.runs.length}/${r.bulk.sequential.samples.length}`;
  if (r.list) out.list_speedup_vs_paged10 = `${r.list.runsMs.length}/${r.list.baseline.samples.length}`;
  if (r.table)
    out.table_first_rows_ratio_100k_vs_1k = `${r.table.large.runs.length}/${r.table.small.runs.length}`;
  const fl = r.fleet;
  if (fl) {
    if (fl.memory) out.fleet_peak_rss_mb_1m = String(fl.memory.runs.length);
    for (const key of HEADLINE_KEYS)
      if (fl.table && (key.startsWith('fleet_table_') || key === 'fleet_renderer_heap_mb_1m'))
        out[key] = String(fl.table.runs.length);
    out.fleet_bulk_vs_bare_ratio_100k = String(fl.bulk.runs.length);
  }
  return out;
}

/** The fleet's headline figures (null where the fleet or one of its parts was not measured). */
export function fleetHeadline(
  fl: FleetBenchResult | null,
): Pick<Headline, Extract<HeadlineKey, `fleet_${string}`>> {
  const t = fl?.table ?? null;
  return {
    fleet_list_vs_bare_ratio: fl?.list.ratio ?? null,
    fleet_peak_rss_mb_1m: fl?.memory?.peakRssMb ?? null,
    fleet_table_first_rows_ms_1m: t?.firstRowsMs ?? null,
    fleet_table_longest_task_ms_scroll_1m: t?.longestTaskMs ?? null,
    fleet_table_filter_ms_1m: t?.filterMs ?? null,
    fleet_table_sort_ms_1m: t?.sortMs ?? null,
    fleet_renderer_heap_mb_1m: t?.heapMb ?? null,
    fleet_bulk_vs_bare_ratio_100k: fl?.bulk.ratio ?? null,
  };
}
