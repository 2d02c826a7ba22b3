/**
 * The audit log: every bulk run's lines in its own append-only JSON Lines file, with a small index of the
 * runs, read back for history, resume and export, and kept as long as the retention setting says.
 */
export { AUDIT_FILE_NAME, AuditLog, openAuditLog } from './audit-log';
export { readAuditRecords, readRunResults, readRuns } from './audit-reader';
export type { AuditRunInfo, AuditRunResults, ReadStats } from './audit-reader';
export { AuditStore } from './audit-store';
export { ARCHIVE_COLUMNS, exportArchive } from './archive';
export { csvField, EXPORT_COLUMNS, exportRunCsv, exportRunJson, toExportRow } from './export';
export type { ExportableResult, ExportRow } from './export';
export { migrateLegacyLog } from './migrate';
export { currentOsUser, emptyCounts } from './records';
export type * from './records';
export { DAY_MS, pruneRuns, readRetention, saveRetention } from './retention';
export type { PruneReport, RetentionPolicy } from './retention';
