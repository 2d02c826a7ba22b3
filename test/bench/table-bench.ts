/** The table benchmark (placeholder until written). */
import type { SimProcess } from './sim-fleet';

/** Table figures for one job count. */
export interface TableFigures {
  jobs: number;
  firstRowsMs: number;
  sortMs: number;
  filterMs: number;
  longestTaskMs: number;
}

/** Both table sizes. */
export interface TableBenchResult {
  small: TableFigures;
  large: TableFigures;
}

/** Options of one table measurement. */
export interface TableBenchOptions {
  jobs: number;
  runs: number;
  concurrency: number;
  log: (line: string) => void;
}

/** Measures the table against `sims`. */
export async function benchTable(_sims: readonly SimProcess[], _o: TableBenchOptions): Promise<TableFigures> {
  throw new Error('not written yet');
}
