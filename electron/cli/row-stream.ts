/**
 * `jobs list` printed as the servers' pages arrive, in the shape the whole list would print: the JSON array
 * (one valid array, the objects indented as `renderJson` indents them), the CSV (header, then rows), or the
 * table (its columns fitted to the first rows, see `tableLayout`, then one line per job, and the count). The
 * first rows print at once, and the command never holds every job of a big server. `printRows` prints a
 * plan's or a run's rows (JSON or CSV) the same way, a slice at a time.
 */
import type { CliIo } from './io';
import { out } from './io';
import { plural } from './report';
import type { Format, JobRow } from './output';
import { csvLines, csvRows, jobTableColumns, jsonObject, rowCells } from './output';
import type { TableLayout } from './table';
import { tableLayout } from './table';

/** Rows to print as they come, then `end` (which prints what closes the output and returns the count). */
export interface RowStream {
  add(rows: readonly JobRow[]): void;
  end(): number;
}

/** How many rows `printRows` makes and prints at a time. */
const PRINTED_ROWS = 1_000;

/**
 * `count` rows as JSON or CSV on stdout, made and printed a slice at a time (`rowsOf(from, to)`): the same
 * bytes as `renderJson` / `renderCsv` of them all, but a report of 100,000 jobs is never one string.
 */
export function printRows(
  io: CliIo,
  format: 'json' | 'csv',
  columns: ReadonlyArray<keyof JobRow>,
  count: number,
  rowsOf: (from: number, to: number) => readonly JobRow[],
): void {
  const rows = rowStream(io, format, columns, Number.POSITIVE_INFINITY);
  for (let from = 0; from < count; from += PRINTED_ROWS) rows.add(rowsOf(from, from + PRINTED_ROWS));
  rows.end();
}

/** The table waits for this many rows (or the end) to fit its columns to. */
const TABLE_SAMPLE = 200;

/** A stream of `rows` to stdout in `format`, with exactly `columns` (the table fitted to `width`). */
export function rowStream(
  io: CliIo,
  format: Format,
  columns: ReadonlyArray<keyof JobRow>,
  width: number,
): RowStream {
  if (format === 'json') return jsonStream(io, columns);
  if (format === 'csv') return csvStream(io, columns);
  return tableStream(io, columns, width);
}

function jsonStream(io: CliIo, columns: ReadonlyArray<keyof JobRow>): RowStream {
  let count = 0;
  return {
    add(rows) {
      if (!rows.length) return;
      let text = '';
      for (const row of rows) {
        // As JSON.stringify(array, null, 2) writes each item: one level deeper, separated by ",\n".
        const item = JSON.stringify(jsonObject(row, columns), null, 2).replace(/\n/g, '\n  ');
        text += `${count++ === 0 ? '[\n' : ',\n'}  ${item}`;
      }
      io.stdout.write(text);
    },
    end() {
      io.stdout.write(count === 0 ? '[]\n' : '\n]\n');
      return count;
    },
  };
}

function csvStream(io: CliIo, columns: ReadonlyArray<keyof JobRow>): RowStream {
  let count = 0;
  io.stdout.write(csvRows(columns, []));
  return {
    add(rows) {
      if (!rows.length) return;
      count += rows.length;
      io.stdout.write(csvLines(rows.map((row) => rowCells(row, columns))));
    },
    end: () => count,
  };
}

function tableStream(io: CliIo, columns: ReadonlyArray<keyof JobRow>, width: number): RowStream {
  const table = jobTableColumns(columns);
  let waiting: JobRow[] = [];
  let layout: TableLayout<JobRow> | null = null;
  let count = 0;
  const servers = new Set<string>();
  const print = (rows: readonly JobRow[]): void => {
    if (!rows.length) return;
    if (!layout) {
      layout = tableLayout(table, rows, width);
      io.stdout.write(`${[layout.header, ...layout.sampleLines].join('\n')}\n`);
      return;
    }
    io.stdout.write(`${rows.map(layout.line).join('\n')}\n`);
  };
  return {
    add(rows) {
      count += rows.length;
      for (const r of rows) servers.add(r.server);
      if (layout) return print(rows);
      for (const r of rows) waiting.push(r);
      if (waiting.length >= TABLE_SAMPLE) {
        print(waiting);
        waiting = [];
      }
    },
    end() {
      print(waiting);
      out(io, jobCountLine(count, servers.size));
      return count;
    },
  };
}

/** The line under a jobs table: "No jobs match." or "3 jobs on 2 servers." */
export function jobCountLine(jobs: number, servers: number): string {
  return jobs === 0 ? 'No jobs match.' : `${plural(jobs, 'job')} on ${plural(servers, 'server')}.`;
}
