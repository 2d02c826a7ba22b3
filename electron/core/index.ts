/**
 * The core's front door: the service the app and `gpjobs` drive, and the public types and helpers they need.
 * `electron/main`, `electron/cli` and `electron/web` import the core only through this module (ESLint enforces
 * it), so anything behind it (client, bulk engine, audit log, stores) can move without touching them.
 */
export * from './vocabulary';

export { JobAdminService } from './service/job-admin-service';
export type { TransportFactory } from './service/client-pool';

export { resolveConfigDir, resolveManagedProfilesPath } from './config-dir';
export { readCappedFile, readLocalTextFile } from './local-file';
export { inertText } from './text/inert';

export { needsTypedConfirmation } from './bulk';
export type { BulkRun, BulkRunSummary } from './bulk';

export { MAX_IMPORT_CHARS } from './profiles/import-plan';
export { MAX_PEM_CHARS } from './profiles/profile-fields';
export type { ProfileInput } from './profiles/schema';
export { normalizeServerUrl } from './profiles/url';
export {
  ambiguousNameError,
  nameClash,
  nameClashError,
  profilesNamed,
  sameProfileName,
} from './profiles/profile-name';
export { changesInWords, passwordBindingChanges } from './profiles/host-change';

export { isLockedKeychainError } from './credentials/keychain-store';
export type { CredentialStatus } from './credentials/vault';

export { JOB_COLUMNS, csvField, isoTime, toExportRow } from './audit/export';
export type { ExportableResult } from './audit/export';
export { DAY_MS } from './audit/retention';
export type { PruneReport } from './audit/retention';
export type { AuditRunResults } from './audit/audit-reader';

export type { FetchInit, FetchLike, ResponseLike } from './arcgis/transport';

export * from './policies';
export type { CleanupMode, DirectoryEdit, JobBatch, JobsDirectory } from './arcgis';
