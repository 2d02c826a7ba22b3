/**
 * Shaping a job list as `jobs list` asks: `--sort FIELD[,-FIELD]` (a leading `-` sorts descending, empty
 * values last either way), `--limit N` after sorting, and `--columns a,b,c` for every format. Field names
 * are the JSON/CSV column names, in any case.
 */
import { InvalidArgumentError } from 'commander';
import type { JobRow } from './output';
import { LIST_COLUMNS } from './output';

/** One listing column. */
export type ListColumn = (typeof LIST_COLUMNS)[number];

/** One sort key. */
export interface SortKey {
  column: ListColumn;
  descending: boolean;
}

function column(name: string): ListColumn {
  const found = LIST_COLUMNS.find((c) => c.toLowerCase() === name.trim().toLowerCase());
  if (!found) {
    throw new InvalidArgumentError(`Unknown column "${name}". Use ${LIST_COLUMNS.join(', ')}.`);
  }
  return found;
}

/** `server,-submittedTime` → sort keys. */
export function parseSort(value: string): SortKey[] {
  return value
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const descending = part.trim().startsWith('-');
      return { column: column(part.trim().replace(/^[-+]/, '')), descending };
    });
}

/** `jobId,status` → columns, without repeats. */
export function parseColumns(value: string): ListColumn[] {
  const columns = [
    ...new Set(
      value
        .split(',')
        .filter((c) => c.trim() !== '')
        .map(column),
    ),
  ];
  if (columns.length === 0) throw new InvalidArgumentError('Give at least one column.');
  return columns;
}

/** The rows sorted by `keys` (stable; empty values last). */
export function sortRows(rows: readonly JobRow[], keys: readonly SortKey[]): JobRow[] {
  if (keys.length === 0) return [...rows];
  return [...rows].sort((a, b) => {
    for (const { column: c, descending } of keys) {
      const x = a[c] ?? null;
      const y = b[c] ?? null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const order = x.localeCompare(y, 'en', { numeric: true });
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}
