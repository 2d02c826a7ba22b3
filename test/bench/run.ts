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
import { benchBulk } from './bulk-bench';
import { openBenchCore } from './core-setup';
import { benchList } from './list-bench';
import { benchMemory } from './memory-bench';
import { parseBenchArgs } from './options';
import type { BenchPart } from './options';
import { benchFleet } from './fleet-bench';
import { headlineJson, headlineTable, round } from './report';
import type { Headline } from './report';
import { HOW, detailLines, figureLoads, figureRuns, fleetHeadline } from './summary';
import type { BenchResults } from './summary';
import { measureInChildren, stopRunningPart } from './isolate';
import { startFleet } from './sim-fleet';
import type { SimFleet } from './sim-fleet';
import { benchTable, openTableHarness } from './table-bench';
import type { TableFigures, TableHarness } from './table-bench';

const options = parseBenchArgs(process.argv.slice(2));
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

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
  fleet: null,
  loads: {},
  errors: {},
  notes: [],
  headline: {} as Headline,
  wallMs: 0,
};

async function part<T>(name: BenchPart | 'simulators', work: () => Promise<T>): Promise<T | null> {
  const start = os.loadavg()[0]!;
  try {
    return await work();
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    results.errors[name] = message;
    log(`${name} FAILED: ${message}`);
    return null;
  } finally {
    if (name !== 'simulators' && options.parts.has(name)) {
      const end = os.loadavg()[0]!;
      const before = results.loads[name];
      results.loads[name] = { start: before?.start ?? round(start), end: round(end) };
    }
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
    warmUp: options.simWarmUp,
  });
  try {
    return await work(fleet);
  } finally {
    await fleet.close();
  }
}

/** The listing and fleet pair schedules' settle and margin, shrunk in `--smoke` (pairs.ts). */
const pairSpacing = options.mode === 'smoke' ? 0.1 : 1;

log(`mode ${options.mode}; ${results.machine.cpus} CPUs, load ${results.machine.loadavg.join(' ')}`);

/** Measures the parts of `options` in this process (a part's child, or a run of one part). */
async function measureHere(): Promise<void> {
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
          simWarmUp: options.simWarmUp,
          // Past the simulators' 5 s keep-alive; smoke's only proves the wait runs.
          warmIdleMs: options.mode === 'smoke' ? 600 : 6000,
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
  const needsListFleet = ['list', 'memory', ...(options.table ? ['table'] : [])].some((p) =>
    options.parts.has(p as BenchPart),
  );
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
                  spacing: pairSpacing,
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
          if (h && options.parts.has('table'))
            tableLarge = await part('table', () => benchTable(h, fleet.sims, tableOptions(options.listJobs)));
        }),
  );

  if (harness && tableLarge && options.parts.has('table')) {
    const [h, large] = [harness as TableHarness, tableLarge as TableFigures];
    await part('table', () =>
      withFleet(options.tableSmall, 301, async (fleet) => {
        const small = await benchTable(h, fleet.sims, tableOptions(options.tableSmall));
        results.table = { small, large, rendererDir: h.rendererDir };
      }),
    );
  }
  const fleetHarness = harness;
  results.fleet = await part('fleet', async () =>
    !options.parts.has('fleet')
      ? null
      : benchFleet({
          ...options.fleet,
          services: options.services,
          latencyMs: options.latencyMs,
          capacity: options.capacity,
          concurrency: options.concurrency,
          simWarmUp: options.simWarmUp,
          spacing: pairSpacing,
          harness: fleetHarness,
          log,
        }),
  );
  if (harness) await harness.close();
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
}

if (!options.child) {
  process.on('exit', stopRunningPart);
  await measureInChildren(results, options, process.argv.slice(2), log);
} else {
  await measureHere();
}
if (!options.child) {
  if (!options.table) {
    results.notes.push(
      options.mode === 'smoke'
        ? 'Table skipped in smoke mode (it needs a renderer build and Chromium): add --table, or run --quick.'
        : 'Table not measured (--no-table or --only without table).',
    );
  }
}

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
  ...fleetHeadline(results.fleet),
};
results.wallMs = Date.now() - started;

const f = (n: number) => String(round(n));
const lines = detailLines(results, options);
lines.push('');
lines.push(headlineTable(results.headline, HOW, figureLoads(results.loads), figureRuns(results)));

const outFile = path.resolve(options.out);
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
lines.push(`full results: ${path.relative(process.cwd(), outFile)} (${f(results.wallMs / 1000)} s in all)`);
lines.push(headlineJson(results.headline));
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = Object.keys(results.errors).length > 0 ? 1 : 0;
