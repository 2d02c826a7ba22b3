/**
 * The benchmark's modes. `full` (default) and `--quick` use the sizes (10,000 jobs deleted,
 * 100,000 listed and shown); `--quick` takes fewer samples and repetitions. `--smoke` shrinks every size
 * so the whole pipeline runs in seconds (its figures only prove that it runs) and skips the table.
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
  sequentialJobs: number;
  listJobs: number;
  listRuns: number;
  baselinePageSize: number;
  /** Jobs of the small and the large table. */
  tableSmall: number;
  tableLarge: number;
  /** Repetitions of each table measurement; the median is reported. */
  tableRuns: number;
  table: boolean;
  /** Where the full results go. */
  out: string;
}

const COMMON = { servers: 3, services: 10, latencyMs: 20, capacity: 8, concurrency: 8, baselinePageSize: 10 };

/** Reads the command line (`--quick`, `--smoke`, `--no-table`, `--out FILE`). */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      smoke: { type: 'boolean' },
      'no-table': { type: 'boolean' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const out = values.out ?? 'bench-results/latest.json';
  if (values.smoke) {
    return {
      ...COMMON,
      mode: 'smoke',
      bulkJobs: 300,
      sequentialJobs: 30,
      listJobs: 3000,
      listRuns: 1,
      tableSmall: 100,
      tableLarge: 1000,
      tableRuns: 1,
      table: false,
      out,
    };
  }
  const quick = values.quick ?? false;
  return {
    ...COMMON,
    mode: quick ? 'quick' : 'full',
    bulkJobs: 10_000,
    sequentialJobs: quick ? 120 : 300,
    listJobs: 100_000,
    listRuns: quick ? 1 : 3,
    tableSmall: 1000,
    tableLarge: 100_000,
    tableRuns: quick ? 1 : 3,
    table: !values['no-table'],
    out,
  };
}
