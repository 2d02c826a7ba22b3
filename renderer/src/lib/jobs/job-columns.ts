/**
 * The job table's columns, in one table: label, default width, narrowest width, alignment and whether a
 * column shows by default. The defaults fit a 1280 px window beside the sidebar (Server, Service, a
 * shortened Job ID, Status, Result, Submitted, Age); the rest are a click away in the column chooser.
 * Widths are fixed per column (header and rows share one grid template), so nothing jumps while rows
 * scroll or load; a narrower window scrolls the table sideways instead of clipping a status mid-word.
 */
import { t } from '../strings';
import type { SortColumn, SortState } from './job-sort';

/** A column's id (every column sorts). */
export type ColumnId = SortColumn;

/** One data column of the table. */
export interface JobColumn {
  id: ColumnId;
  label: string;
  /** Width in CSS pixels. */
  width: number;
  /** The narrowest it may be resized to: its longest fixed words still fit. */
  minWidth: number;
  /** Numbers read better right-aligned. */
  align?: 'end';
  /** Shown until the user chooses otherwise. */
  shown: boolean;
}

/** The checkbox column's width. */
export const CHECK_COLUMN_WIDTH = 36;

/** The widest a column may be resized to. */
export const MAX_COLUMN_WIDTH = 640;

/** Every data column, in default order (add a column here and the chooser, sort and rows follow). */
export const JOB_COLUMNS: readonly JobColumn[] = [
  { id: 'server', label: t.jobs.column.server, width: 130, minWidth: 72, shown: true },
  { id: 'service', label: t.jobs.column.service, width: 192, minWidth: 96, shown: true },
  { id: 'jobId', label: t.jobs.column.jobId, width: 128, minWidth: 128, shown: true },
  { id: 'status', label: t.jobs.column.status, width: 112, minWidth: 104, shown: true },
  // The last action's result sits beside the status, so it stays in view during a bulk run.
  { id: 'result', label: t.jobs.column.result, width: 112, minWidth: 104, shown: true },
  { id: 'submitted', label: t.jobs.column.submitted, width: 152, minWidth: 144, shown: true },
  { id: 'age', label: t.jobs.column.age, width: 84, minWidth: 80, align: 'end', shown: true },
  { id: 'ended', label: t.jobs.column.ended, width: 152, minWidth: 144, shown: false },
  { id: 'duration', label: t.jobs.column.duration, width: 88, minWidth: 80, align: 'end', shown: false },
  { id: 'user', label: t.jobs.column.user, width: 120, minWidth: 64, shown: false },
  { id: 'machine', label: t.jobs.column.machine, width: 120, minWidth: 72, shown: false },
];

/** A column by id. */
export function columnById(id: ColumnId): JobColumn {
  return JOB_COLUMNS.find((c) => c.id === id)!;
}

/** The columns shown by default, in default order. */
export const DEFAULT_COLUMNS: readonly JobColumn[] = JOB_COLUMNS.filter((c) => c.shown);

/** The CSS grid template shared by the header and every row. */
export function gridTemplate(columns: readonly JobColumn[] = DEFAULT_COLUMNS): string {
  return [CHECK_COLUMN_WIDTH, ...columns.map((c) => c.width)].map((w) => `${w}px`).join(' ');
}

/** The table's full width in CSS pixels. */
export function tableWidth(columns: readonly JobColumn[] = DEFAULT_COLUMNS): number {
  return columns.reduce((w, c) => w + c.width, CHECK_COLUMN_WIDTH);
}

/** The `aria-sort` value of a column header. */
export function ariaSort(sort: SortState, column: ColumnId): 'ascending' | 'descending' | 'none' {
  if (sort.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}
