/**
 * The benchmark's modes. `full` (default) and `--quick` use the sizes (10,000 jobs deleted,
 * 100,000 listed and shown); `--quick` takes fewer samples and repetitions and leaves out the fleet.
 * `--fleet` runs only the fleet (one million jobs on twenty servers), which the full run also measures;
 * `--fleet --quick` takes one sample of each fleet figure instead of three.
 * `--smoke` shrinks every size (the fleet to four sites of 1,000 jobs, two per process) so the whole
 * pipeline runs in seconds (its figures only prove that it runs) and skips the table.
 */
import { parseArgs } from 'node:util';

/** Sizes and switches of one benchmark run. */
export interface BenchOptions {
  mode: 'full' | 'quick' | 'smoke';
  servers: number;
  services: number;
  latencyMs: number;
  capacity: number;
  concurrency: number;
  bulkJobs: number;
  /** Measured bulk runs of `bulkJobs` each; the median is reported. */
  bulkRuns: number;
  sequentialJobs: number;
  /** Jobs deleted by each untimed warm-up round (an engine run and a bare pass) before the first pair. */
  bulkWarmupJobs: number;
  /**
   * Deletes each simulator process answers on a throwaway site of its own before its sites serve (the
   * simulator CLI's `--warm-up`): a cold simulator spends a fifth more CPU per request while V8 compiles.
   */
  simWarmUp: number;
  listJobs: number;
  listRuns: number;
  /** Child processes measured for peak RSS; the median is reported. */
  memoryRuns: number;
  baselinePageSize: number;
  /** Jobs of the small table; the large one shows the listing's `listJobs`. */
  tableSmall: number;
  /** Repetitions of each table measurement; the median is reported. */
  tableRuns: number;
  table: boolean;
  /** Parts to run (`--only bulk,list`); default all. The memory and table parts need the listing fleet. */
  parts: ReadonlySet<BenchPart>;
  /** The audit log written for the audit figures: runs, and jobs per run (two job lines each). */
  auditRuns: number;
  auditJobsPerRun: number;
  /** Repetitions of each audit measurement; the median is reported. */
  auditRepeats: number;
  /** The fleet: sites, jobs, sites per simulator process, pairs/processes/windows, jobs per bulk run. */
  fleet: { servers: number; jobs: number; sitesPerProcess: number; runs: number; bulkJobs: number };
  /** Save Chromium CPU profiles of the table runs next to `out` (`--profile`). */
  profile: boolean;
  /** A built renderer to serve instead of building the working tree's. */
  rendererDir?: string;
  /** Where the full results go. */
  out: string;
  /**
   * This process is one part of a run started by `npm run bench` (`--part-child`, see isolate.ts): it
   * measures its part here. Without it, every part (one alone too) runs in a child process of its own.
   */
  child: boolean;
}

/** The parts of a run. */
export type BenchPart = 'bulk' | 'list' | 'memory' | 'table' | 'audit' | 'fleet';
const PARTS: readonly BenchPart[] = ['bulk', 'list', 'memory', 'table', 'audit', 'fleet'];

function partsFrom(only: string | undefined, fallback: readonly BenchPart[]): ReadonlySet<BenchPart> {
  if (!only) return new Set(fallback);
  const wanted = only.split(',').map((p) => p.trim());
  const unknown = wanted.filter((p) => !PARTS.includes(p as BenchPart));
  if (unknown.length)
    throw new Error(`--only: unknown part(s) ${unknown.join(', ')}; use ${PARTS.join(', ')}`);
  return new Set(wanted as BenchPart[]);
}

/** `--pairs N`: the bulk and listing parts' pairs (app pass and bare pass), e.g. to study their spread. */
function pairsFrom(pairs: string | undefined): number | undefined {
  if (pairs === undefined) return undefined;
  const n = Number(pairs);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new Error(`--pairs: a whole number 1-50, not ${pairs}`);
  return n;
}

const COMMON = { servers: 3, services: 10, latencyMs: 20, capacity: 8, concurrency: 8, baselinePageSize: 10 };

/** Reads the command line (`--quick`, `--fleet`, `--smoke [--table]`, `--no-table`, `--only PARTS`, `--profile`, `--renderer-dir DIR`, `--out FILE`, `--pairs N`). */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      fleet: { type: 'boolean' },
      smoke: { type: 'boolean' },
      'no-table': { type: 'boolean' },
      table: { type: 'boolean' },
      profile: { type: 'boolean' },
      only: { type: 'string' },
      'renderer-dir': { type: 'string' },
      out: { type: 'string' },
      'part-child': { type: 'boolean' },
      pairs: { type: 'string' },
    },
    strict: true,
  });
  const out = values.out ?? 'bench-results/latest.json';
  const child = values['part-child'] ?? false;
  const parts = partsFrom(
    values.only,
    values.fleet ? ['fleet'] : values.quick ? PARTS.filter((p) => p !== 'fleet') : PARTS,
  );
  if (values.smoke) {
    return {
      ...COMMON,
      mode: 'smoke',
      bulkJobs: 300,
      bulkRuns: 1,
      sequentialJobs: 30,
      bulkWarmupJobs: 0,
      simWarmUp: 100,
      listJobs: 3000,
      listRuns: 1,
      memoryRuns: 1,
      tableSmall: 300,
      tableRuns: 1,
      auditRuns: 20,
      auditJobsPerRun: 50,
      auditRepeats: 1,
      fleet: { servers: 4, jobs: 4000, sitesPerProcess: 2, runs: 1, bulkJobs: 400 },
      // Smoke skips the table unless asked (`--smoke --table`): it needs Chromium and a renderer build.
      table: (values.table ?? false) && (parts.has('table') || parts.has('fleet')),
      parts,
      profile: values.profile ?? false,
      ...(values['renderer-dir'] ? { rendererDir: values['renderer-dir'] } : {}),
      out,
      child,
    };
  }
  const quick = values.quick ?? false;
  const pairs = pairsFrom(values.pairs);
  return {
    ...COMMON,
    mode: quick ? 'quick' : 'full',
    bulkJobs: 10_000,
    bulkRuns: pairs ?? (quick ? 3 : 5),
    sequentialJobs: quick ? 120 : 300,
    bulkWarmupJobs: 1500,
    simWarmUp: 3000,
    listJobs: 100_000,
    listRuns: pairs ?? (quick ? 5 : 9),
    memoryRuns: quick ? 1 : 3,
    tableSmall: 1000,
    tableRuns: quick ? 1 : 3,
    // Full: 1,000 runs x 5,000 jobs x 2 lines (job-start and job) = 10 million job lines (minutes to
    // write). Quick: the same 1,000 runs of 250 jobs (half a million lines, seconds), so the history
    // figure lists as many runs and one run's results are read from a smaller log.
    auditRuns: 1000,
    auditJobsPerRun: quick ? 250 : 5000,
    auditRepeats: quick ? 5 : 7,
    fleet: { servers: 20, jobs: 1_000_000, sitesPerProcess: 5, runs: quick ? 1 : 3, bulkJobs: 100_000 },
    table: !values['no-table'] && (parts.has('table') || parts.has('fleet')),
    parts,
    profile: values.profile ?? false,
    ...(values['renderer-dir'] ? { rendererDir: values['renderer-dir'] } : {}),
    out,
    child,
  };
}
