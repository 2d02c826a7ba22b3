/**
 * The job table's columns: order, labels and fixed widths. Fixed widths keep the layout still while rows
 * scroll, load and change (no column jumps), and let the header and every row share one grid template.
 */
import type { SortColumn, SortState } from './job-sort';

/** One data column of the table. */
export interface JobColumn {
  id: SortColumn;
  label: string;
  /** Width in CSS pixels. */
  width: number;
  /** Numbers read better right-aligned. */
  align?: 'end';
}

/** The checkbox column's width. */
export const CHECK_COLUMN_WIDTH = 36;

/** The data columns, in display order. */
export const JOB_COLUMNS: readonly JobColumn[] = [
  { id: 'server', label: 'Server', width: 140 },
  { id: 'service', label: 'Folder/service', width: 200 },
  { id: 'jobId', label: 'Job ID', width: 150 },
  { id: 'status', label: 'Status', width: 118 },
  // The last action's result sits beside the status, so it stays in view during a bulk run.
  { id: 'result', label: 'Result', width: 128 },
  { id: 'submitted', label: 'Submitted', width: 150 },
  { id: 'ended', label: 'Ended', width: 150 },
  { id: 'duration', label: 'Duration', width: 84, align: 'end' },
  { id: 'user', label: 'User', width: 120 },
  { id: 'machine', label: 'Machine', width: 120 },
];

/** The CSS grid template shared by the header and every row. */
export function gridTemplate(columns: readonly JobColumn[] = JOB_COLUMNS): string {
  return [CHECK_COLUMN_WIDTH, ...columns.map((c) => c.width)].map((w) => `${w}px`).join(' ');
}

/** The table's full width in CSS pixels. */
export function tableWidth(columns: readonly JobColumn[] = JOB_COLUMNS): number {
  return columns.reduce((w, c) => w + c.width, CHECK_COLUMN_WIDTH);
}

/** The `aria-sort` value of a column header. */
export function ariaSort(sort: SortState, column: SortColumn): 'ascending' | 'descending' | 'none' {
  if (sort.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}
