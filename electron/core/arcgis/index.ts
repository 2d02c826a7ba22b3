/**
 * The ArcGIS Server client of the core: tokens, the Admin API client and the Node transport.
 * Import from here; the modules behind it may move.
 */
export { ArcGisClient } from './client';
export type { ClientDeps, ConnectionInfo } from './client';
export type { JobList, ListOptions } from './job-list';
export { createLimiter } from './limiter';
export type { Limiter } from './limiter';
export { APP_REFERER, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './transport';
export { createDispatcherFetch as createNodeFetch } from './undici-fetch';
export type { FetchInit, FetchLike, NodeFetch, ResponseLike } from './transport';
export type { JobDetail, JobMessage, JobStatistics } from './job-detail';
export type { JobParameter } from './job-parameters';
export type { QueryOptions } from './job-query';
export { batchJobs } from './page-batch';
export type { JobBatch } from './page-batch';
export type { CallOptions } from './requester';
export type { DiagnosticsReport, ProbeRecord } from './diagnose';
export { isTokenRejection } from './errors';
export { DEFAULT_READ_RETRY } from './read-retry';
export type { ReadRetryNotice, ReadRetryPolicy } from './read-retry';
export { probeCertificate } from './tls-info';
export type { CertificateInfo, CertificateProbe } from './tls-info';
export { passwordFrom } from './password';
export type { PasswordStore } from './password';
export { MAX_FILE_AGE_MINUTES } from './directories';
export type { CleanupMode, DirectoryEdit, JobsDirectory } from './directories';
