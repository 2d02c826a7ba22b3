/**
 * Job output in the three formats: `json` (an array, one object per job, fixed keys), `csv` (the same
 * columns with a header row, quoted the way the audit export quotes) and `table` (for people). JSON and CSV
 * go to stdout alone, so they can be piped; everything else the CLI says goes to stderr.
 */
import {
  JOB_COLUMNS,
  SERVICE_TYPE_LABELS,
  csvField,
  isoTime,
  splitServiceType,
  statusLabel,
  outcomeLabel,
  toExportRow,
} from '../core';
import type { ExportableResult, Job, JobOutcome } from '../core';
import type { Column } from './table';
import { renderTable } from './table';

/** Output formats of job lists and results. */
export const FORMATS = ['table', 'json', 'csv'] as const;
/** One output format. */
export type Format = (typeof FORMATS)[number];

/** One job as printed: the listing columns, plus the result for delete and cancel. */
export interface JobRow {
  jobId: string;
  /** The profile name. */
  server: string;
  /** `Folder/Name`, or `Name` in the root folder. */
  service: string;
  /** `GP`, `Map` or `Image`. */
  serviceType: string;
  /** The esriJob* status. */
  status: string;
  /** ISO 8601, or null. */
  submittedTime: string | null;
  endTime: string | null;
  username: string | null;
  machinename: string | null;
  /** Delete and cancel only; `planned` in a dry run. */
  result?: JobOutcome | 'planned';
  message?: string | null;
}

/** The listing columns, in output order: the same as the audit export's job columns. */
export const LIST_COLUMNS = JOB_COLUMNS satisfies ReadonlyArray<keyof JobRow>;

/** The delete and cancel columns: the listing ones plus `result` and `message`. */
export const RESULT_COLUMNS = [...LIST_COLUMNS, 'result', 'message'] as const satisfies ReadonlyArray<
  keyof JobRow
>;

/** A service id as the `service` (`Folder/Name`) and `serviceType` (`GP`, `Map`, `Image`) columns. */
export function serviceColumns(id: string): Pick<JobRow, 'service' | 'serviceType'> {
  const { path, type } = splitServiceType(id);
  return { service: path, serviceType: SERVICE_TYPE_LABELS[type] };
}

/** A listed job as a row, named by its server's profile name. */
export function jobRow(job: Job, server: string): JobRow {
  return {
    jobId: job.jobId,
    server,
    ...serviceColumns(job.service),
    status: job.status,
    submittedTime: isoTime(job.submittedTime),
    endTime: isoTime(job.endTime),
    username: job.username,
    machinename: job.machinename,
  };
}

/**
 * A bulk result or an audited one as a row: the audit export's own row (one mapping for every output of a
 * result), with an unknown status printed as ''.
 */
export function resultRow(r: ExportableResult): JobRow {
  const row = toExportRow(r);
  return { ...row, status: row.status ?? '' };
}

/** One row as the JSON array's objects hold it: exactly `columns`, missing values null. */
export function jsonObject(row: JobRow, columns: ReadonlyArray<keyof JobRow>): Record<string, string | null> {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
}

/** A JSON array with exactly `columns` per object (missing values are null). */
export function renderJson(rows: readonly JobRow[], columns: ReadonlyArray<keyof JobRow>): string {
  return `${JSON.stringify(
    rows.map((r) => jsonObject(r, columns)),
    null,
    2,
  )}\n`;
}

/** CSV with a header row and CRLF line ends, fields quoted and formula-guarded like the audit export. */
export function renderCsv(rows: readonly JobRow[], columns: ReadonlyArray<keyof JobRow>): string {
  return csvRows(
    columns,
    rows.map((row) => rowCells(row, columns)),
  );
}

/** Any CSV of the CLI: a header row, then one line per row of cells (CRLF line ends, safe cells). */
export function csvRows(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  return `${header.join(',')}\r\n${csvLines(rows)}`;
}

/** CSV lines of `rows` without a header (each line CRLF-ended, safe cells), for output printed in parts. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  let text = '';
  for (const cells of rows) text += `${cells.map((c) => csvField(c)).join(',')}\r\n`;
  return text;
}

/** The cells of `row` in `columns` order, as a CSV or JSON line holds them (a missing value is null). */
export function rowCells(row: JobRow, columns: ReadonlyArray<keyof JobRow>): Array<string | number | null> {
  return columns.map((c) => row[c] ?? null);
}

/** An ISO time as local `YYYY-MM-DD HH:MM` for tables. */
export function localTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const TABLE_COLUMNS: Record<keyof JobRow, Column<JobRow>> = {
  server: { header: 'SERVER', value: (r) => r.server, min: 6 },
  service: { header: 'SERVICE', value: (r) => r.service, min: 10 },
  serviceType: { header: 'TYPE', value: (r) => r.serviceType, shrink: false },
  jobId: { header: 'JOB ID', value: (r) => r.jobId, shrink: false },
  status: { header: 'STATUS', value: (r) => statusLabel(r.status), shrink: false },
  submittedTime: {
    header: 'SUBMITTED',
    value: (r) => localTime(r.submittedTime),
    shrink: false,
    dropOrder: 4,
  },
  endTime: { header: 'ENDED', value: (r) => localTime(r.endTime), shrink: false, dropOrder: 2 },
  username: { header: 'USER', value: (r) => r.username ?? '', min: 6, dropOrder: 3 },
  machinename: { header: 'MACHINE', value: (r) => r.machinename ?? '', min: 7, dropOrder: 1 },
  result: { header: 'RESULT', value: (r) => (r.result ? outcomeLabel(r.result) : ''), shrink: false },
  message: { header: 'MESSAGE', value: (r) => r.message ?? '', min: 12 },
};

/** The table columns of the given row fields. */
export function jobTableColumns(columns: ReadonlyArray<keyof JobRow>): Column<JobRow>[] {
  return columns.map((c) => TABLE_COLUMNS[c]);
}

/** The rows as a table of the given columns, fitted to `width`. */
export function renderJobTable(
  rows: readonly JobRow[],
  columns: ReadonlyArray<keyof JobRow>,
  width: number,
): string {
  return renderTable(jobTableColumns(columns), rows, width);
}

/** The rows in `format` (JSON, CSV, or a table fitted to `width`). */
export function renderRows(
  rows: readonly JobRow[],
  format: Format,
  columns: ReadonlyArray<keyof JobRow>,
  width: number,
): string {
  if (format === 'json') return renderJson(rows, columns);
  if (format === 'csv') return renderCsv(rows, columns);
  return renderJobTable(rows, columns, width);
}
