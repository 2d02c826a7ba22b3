/**
 * A run's results as CSV (RFC 4180, opened safely by spreadsheets) or JSON. Takes audit job lines or the
 * engine's own results, so the desktop app and the CLI export the same columns.
 */
import type { AppError, BulkAction, JobOutcome } from '../types';
import { SERVICE_TYPE_LABELS, splitServiceType } from '../service-types';
import { csvCell } from '../text/inert';

/** The fields an export reads: an `AuditJobRecord` or a bulk `JobResult` fits. */
export interface ExportableResult {
  jobId: string;
  profileId: string;
  server: string;
  service: string;
  action: BulkAction;
  outcome: JobOutcome;
  message?: string;
  kind?: AppError['kind'];
  code?: number;
  status?: string;
  submittedTime?: number | null;
  endTime?: number | null;
  username?: string | null;
  machinename?: string | null;
  attempts?: number;
  /** ISO time the result was known (audit lines). */
  time?: string;
  /** Epoch ms the result was known (engine results). */
  finishedAt?: number;
}

/** One exported row; times are ISO 8601, missing values are null. */
export interface ExportRow {
  jobId: string;
  server: string;
  /** `Folder/Name` (or `Name`), without the type. */
  service: string;
  /** `GP`, `Map` or `Image`: with `service`, what names the service. */
  serviceType: string;
  status: string | null;
  submittedTime: string | null;
  endTime: string | null;
  username: string | null;
  machinename: string | null;
  result: JobOutcome;
  message: string | null;
  code: number | null;
  kind: string | null;
  action: BulkAction;
  profileId: string;
  attempts: number | null;
  time: string | null;
}

/** A job's own columns, as listings print them (the CLI's `jobs list` uses exactly these). */
export const JOB_COLUMNS = [
  'jobId',
  'server',
  'service',
  'serviceType',
  'status',
  'submittedTime',
  'endTime',
  'username',
  'machinename',
] as const satisfies ReadonlyArray<keyof ExportRow>;

/** Column order of the CSV (the job's own columns, then the result's). */
export const EXPORT_COLUMNS: ReadonlyArray<keyof ExportRow> = [
  ...JOB_COLUMNS,
  'result',
  'message',
  'code',
  'kind',
  'action',
  'profileId',
  'attempts',
  'time',
];

/** Epoch ms as ISO 8601, or null when missing or not a time (the one time format of exports and CLI output). */
export function isoTime(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

/** The export row of one result. */
export function toExportRow(r: ExportableResult): ExportRow {
  // An audit record from before service types names a GP service as `Folder/Name`: read as GP.
  const { path, type } = splitServiceType(r.service);
  return {
    jobId: r.jobId,
    server: r.server,
    service: path,
    serviceType: SERVICE_TYPE_LABELS[type],
    status: r.status ?? null,
    submittedTime: isoTime(r.submittedTime),
    endTime: isoTime(r.endTime),
    username: r.username ?? null,
    machinename: r.machinename ?? null,
    result: r.outcome,
    message: r.message ?? null,
    code: r.code ?? null,
    kind: r.kind ?? null,
    action: r.action,
    profileId: r.profileId,
    attempts: r.attempts ?? null,
    time: r.time ?? isoTime(r.finishedAt),
  };
}

/** One CSV field, through the one shared cell escaper (see core/text/inert.ts). */
export const csvField = csvCell;

/** The results as CSV text with a header line and CRLF line ends. */
export function exportRunCsv(results: Iterable<ExportableResult>): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const r of results) {
    const row = toExportRow(r);
    lines.push(EXPORT_COLUMNS.map((c) => csvField(row[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The results as a pretty-printed JSON array of export rows. */
export function exportRunJson(results: Iterable<ExportableResult>): string {
  return `${JSON.stringify([...results].map(toExportRow), null, 2)}\n`;
}
