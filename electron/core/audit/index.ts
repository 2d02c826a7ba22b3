/**
 * The audit log: append-only JSON Lines of every bulk run, read back for history, resume and export.
 */
export { AUDIT_FILE_NAME, AuditLog, openAuditLog } from './audit-log';
export { readAuditRecords, readRunResults, readRuns } from './audit-reader';
export type { AuditRunInfo, AuditRunResults, ReadStats } from './audit-reader';
export { csvField, EXPORT_COLUMNS, exportRunCsv, exportRunJson, toExportRow } from './export';
export type { ExportableResult, ExportRow } from './export';
export { currentOsUser, emptyCounts } from './records';
export type * from './records';
