/**
 * `npm run bench [-- --quick | --smoke] [--no-table] [--out FILE]`: GP Job Admin against the network's
 * limit and against today's way (issue 8). Simulators run in child processes (latency 20 ms, capacity 8
 * each). Progress goes to stderr; stdout gets the details, the headline table and, as its last line, one
 * JSON object with the headline figures. The full results are written to bench-results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchAudit } from './audit-bench';
import type { AuditBenchResult } from './audit-bench';
import { benchBulk } from './bulk-bench';
import type { BulkBenchResult } from './bulk-bench';
import { openBenchCore } from './core-setup';
import { benchList } from './list-bench';
import type { ListBenchResult } from './list-bench';
import { benchMemory } from './memory-bench';
import type { MemoryBenchResult } from './memory-bench';
import { parseBenchArgs } from './options';
import type { BenchOptions, BenchPart } from './options';
import { headlineJson, headlineTable, round } from './report';
import type { Headline, HeadlineKey } from './report';
import { killFleetNow, startFleet } from './sim-fleet';
import type { SimFleet } from './sim-fleet';
import { benchTable, openTableHarness } from './table-bench';
import type { TableBenchResult, TableFigures, TableHarness } from './table-bench';

const options = parseBenchArgs(process.argv.slice(2));
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const fleets = new Set<SimFleet>();
process.on('exit', () => fleets.forEach(killFleetNow));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

/** What one run produced, written to latest.json. */
interface BenchResults {
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
  errors: Record<string, string>;
  notes: string[];
  headline: Headline;
  wallMs: number;
}

const started = Date.now();
const results: BenchResults = {
  date: new Date().toISOString(),
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  mode: options.mode,
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  options,
  bulk: null,
  list: null,
  memory: null,
  table: null,
  audit: null,
  errors: {},
  notes: [],
  headline: {} as Headline,
  wallMs: 0,
};

async function part<T>(name: string, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    results.errors[name] = message;
    log(`${name} FAILED: ${message}`);
    return null;
  }
}

async function withFleet<T>(jobs: number, seed: number, work: (fleet: SimFleet) => Promise<T>): Promise<T> {
  log(`starting ${options.servers} simulators holding ${jobs} jobs`);
  const fleet = await startFleet({
    servers: options.servers,
    jobs,
    services: options.services,
    latencyMs: options.latencyMs,
    capacity: options.capacity,
    seed,
  });
  fleets.add(fleet);
  try {
    return await work(fleet);
  } finally {
    await fleet.close();
    fleets.delete(fleet);
  }
}

log(`mode ${options.mode}; ${results.machine.cpus} CPUs, load ${results.machine.loadavg.join(' ')}`);

results.bulk = await part('bulk', async () =>
  !options.parts.has('bulk')
    ? null
    : benchBulk({
        jobs: options.bulkJobs,
        runs: options.bulkRuns,
        sequentialJobs: options.sequentialJobs,
        warmupJobs: options.bulkWarmupJobs,
        servers: options.servers,
        concurrency: options.concurrency,
        latencyMs: options.latencyMs,
        capacity: options.capacity,
        log,
      }),
);

let harness: TableHarness | null = null;
if (options.table) {
  // Playwright closes its browser itself if this process is interrupted.
  harness = await part('table', () => openTableHarness(log, options.rendererDir, options.profile));
}
const tableOptions = (jobs: number) => ({
  jobs,
  runs: options.tableRuns,
  concurrency: options.concurrency,
  log,
  ...(options.profile
    ? { profileFile: path.join(path.dirname(path.resolve(options.out)), `table-${jobs}.cpuprofile`) }
    : {}),
});
let tableLarge: TableFigures | null = null;
const needsListFleet = ['list', 'memory', 'table'].some((p) => options.parts.has(p as BenchPart));
await part('simulators', async () =>
  !needsListFleet
    ? null
    : withFleet(options.listJobs, 201, async (fleet) => {
        if (options.parts.has('list')) {
          results.list = await part('list', async () => {
            const core = await openBenchCore(fleet.sims, options.concurrency);
            try {
              return await benchList(core, fleet.sims, {
                runs: options.listRuns,
                baselinePageSize: options.baselinePageSize,
                log,
              });
            } finally {
              await core.dispose();
            }
          });
        }
        if (options.parts.has('memory')) {
          log(`memory: a child process lists and holds ${options.listJobs} jobs (${options.memoryRuns}x)`);
          results.memory = await part('memory', () =>
            benchMemory(fleet.sims, options.concurrency, options.memoryRuns),
          );
        }
        const h = harness;
        if (h)
          tableLarge = await part('table', () => benchTable(h, fleet.sims, tableOptions(options.listJobs)));
      }),
);

if (harness && tableLarge) {
  const [h, large] = [harness as TableHarness, tableLarge as TableFigures];
  await part('table', () =>
    withFleet(options.tableSmall, 301, async (fleet) => {
      const small = await benchTable(h, fleet.sims, tableOptions(options.tableSmall));
      results.table = { small, large, rendererDir: h.rendererDir };
    }),
  );
}
if (harness) await harness.close();
if (!options.table) {
  results.notes.push(
    options.mode === 'smoke'
      ? 'Table skipped in smoke mode (it needs a renderer build and Chromium): add --table, or run --quick.'
      : 'Table not measured (--no-table or --only without table).',
  );
}

if (options.mode === 'quick' && options.parts.has('audit'))
  results.notes.push(
    `--quick writes ${options.auditRuns} runs of ${options.auditJobsPerRun} jobs for the audit figures ` +
      `(${options.auditRuns * options.auditJobsPerRun * 2} job lines, not 10 million): the full run measures audit_open_run_ms_10m.`,
  );
results.audit = await part('audit', async () =>
  !options.parts.has('audit')
    ? null
    : benchAudit({
        runs: options.auditRuns,
        jobsPerRun: options.auditJobsPerRun,
        repeats: options.auditRepeats,
        log,
      }),
);

const b = results.bulk;
const l = results.list;
const t = results.table;
results.headline = {
  bulk_efficiency: b?.efficiency ?? null,
  bulk_speedup_vs_sequential: b?.speedup ?? null,
  bulk_vs_bare_ratio: b?.bare.timeRatio ?? null,
  bulk_cpu_vs_bare_ratio: b?.bare.cpuRatio ?? null,
  list_speedup_vs_paged10: l?.speedup ?? null,
  list_vs_bare_ratio: l?.bare.timeRatio ?? null,
  peak_rss_mb_100k: results.memory?.peakRssMb ?? null,
  progress_events_per_s: b?.progressEventsPerS ?? null,
  table_first_rows_ms_100k: t?.large.firstRowsMs ?? null,
  table_sort_ms_100k: t?.large.sortMs ?? null,
  table_filter_ms_100k: t?.large.filterMs ?? null,
  table_longest_task_ms_scroll_100k: t?.large.longestTaskMs ?? null,
  table_first_rows_ratio_100k_vs_1k: t ? t.large.firstRowsMs / t.small.firstRowsMs : null,
  audit_history_ms_1000_runs: results.audit?.historyMs ?? null,
  audit_open_run_ms_10m: results.audit?.openRunMs ?? null,
};
results.wallMs = Date.now() - started;

const f = (n: number) => String(round(n));
const lines: string[] = [];
lines.push(`GP Job Admin benchmark, ${results.date}, mode ${options.mode}`);
lines.push(
  `machine: ${results.machine.cpus} x ${results.machine.cpuModel}, Node ${results.machine.node}, ` +
    `load at start ${results.machine.loadavg.join(' ')}, at end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
);
lines.push(
  `simulators: ${options.servers} child processes, latency ${options.latencyMs} ms, capacity ${options.capacity}`,
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
  lines.push(
    `one at a time: ${b.sequential.jobs} jobs in ${f(b.sequential.ms)} ms = ${f(b.sequential.perJobMs)} ms/job ` +
      `vs engine ${f(b.enginePerJobMs)} ms/job`,
  );
  lines.push(
    `bulk CPU: this process ${f(b.cpu.clientMsPerJob)} ms/job; simulators ` +
      `${b.cpu.simMsPerJob.map((v) => (v === null ? '?' : f(v))).join(' / ')} ms/request`,
  );
  lines.push(
    `bare loop (plain undici deletes, same concurrency, after each engine run): ` +
      `${b.bare.runs.map((r) => `${f(r.ms)} ms`).join(' / ')}, ${f(b.bare.cpuMsPerRequest)} ms CPU/request; ` +
      `bare/engine time ${f(b.bare.timeRatio)}, engine/bare CPU ${f(b.bare.cpuRatio)} (medians of the pairs)`,
  );
}
if (l) {
  lines.push(
    `listing: ${l.jobs} jobs, ${l.servers} servers, ${l.services} services: ${l.runsMs.map(f).join(' / ')} ms ` +
      `(median ${f(l.medianMs)}); paged ${l.baseline.pageSize} sequentially: ${l.baseline.jobs} jobs, ` +
      `${l.baseline.requests} requests in ${f(l.baseline.ms)} ms = ${f(l.baseline.perJobMs)} ms/job ` +
      `(${f((l.baseline.perJobMs * l.jobs) / 1000)} s for all)`,
  );
  lines.push(
    `listing, bare loop (same pages, fetch + JSON.parse): ${l.bare.runs.map((r) => f(r.ms)).join(' / ')} ms; ` +
      `bare/client ${f(l.bare.timeRatio)} (median of the pairs)`,
  );
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
        `filter ${f(r.filterMs)} ms, longest task while scrolling ${f(r.longestTaskMs)} ms; since navigation: ` +
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
for (const note of results.notes) lines.push(`note: ${note}`);
for (const [name, message] of Object.entries(results.errors))
  lines.push(`ERROR in ${name}: ${message.split('\n')[0]}`);
lines.push('');
const how: Partial<Record<HeadlineKey, string>> = {
  bulk_efficiency: 'ideal / measured',
  bulk_speedup_vs_sequential: 'ms/job one at a time / ms/job engine',
  bulk_vs_bare_ratio: 'bare loop time / engine time',
  bulk_cpu_vs_bare_ratio: 'engine CPU/job / bare CPU/request',
  list_vs_bare_ratio: 'bare loop time / client time',
  list_speedup_vs_paged10: 'ms/job pages of 10 in sequence / ms/job ours',
  peak_rss_mb_100k: 'maxRSS of a child holding the jobs',
  progress_events_per_s: 'onProgress calls / run time',
  table_first_rows_ratio_100k_vs_1k: 'first rows 100k / 1k',
  audit_history_ms_1000_runs: 'list every run of the log',
  audit_open_run_ms_10m: "one run's results from the log",
};
lines.push(headlineTable(results.headline, how));

const outFile = path.resolve(options.out);
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
lines.push(`full results: ${path.relative(process.cwd(), outFile)} (${f(results.wallMs / 1000)} s in all)`);
lines.push(headlineJson(results.headline));
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = Object.keys(results.errors).length > 0 ? 1 : 0;
