/**
 * The core's shared vocabulary: jobs, services, profiles, errors and results.
 * Pure types and constants (no Node APIs), so the renderer may import them as types through electron/shared.
 */

/** Every job status ArcGIS Server reports, admin and REST APIs together (API notes §3.1, §4). */
export const JOB_STATUSES = [
  'esriJobNew',
  'esriJobSubmitted',
  'esriJobWaiting',
  'esriJobExecuting',
  'esriJobCancelling',
  'esriJobCancelled',
  'esriJobSucceeded',
  'esriJobFailed',
  'esriJobTimedOut',
  'esriJobDeleting',
  'esriJobDeleted',
] as const;

/** A job status as ArcGIS Server names it. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses the admin `cancel` operation accepts (API notes §3.5). */
export const CANCELLABLE_STATUSES: readonly JobStatus[] = ['esriJobSubmitted', 'esriJobExecuting'];

/** Statuses of jobs still in flight: a delete cancels them first (API notes §3.6). */
export const ACTIVE_STATUSES: readonly JobStatus[] = [
  'esriJobNew',
  'esriJobSubmitted',
  'esriJobWaiting',
  'esriJobExecuting',
  'esriJobCancelling',
];

/**
 * The service types whose jobs the product manages: GP services' jobs, and the Export Tiles and Estimate
 * Export Tiles Size jobs of map and image services (API notes §3, §4).
 */
export const SERVICE_TYPES = ['GPServer', 'MapServer', 'ImageServer'] as const;

/** A service type as ArcGIS Server names it (the suffix of a service's admin id). */
export type ServiceType = (typeof SERVICE_TYPES)[number];

/**
 * A service that can hold jobs. `id` is the service id (see ./service-types.ts): `Folder/Name` (or `Name` in
 * root) for a GP service, `Folder/Name.MapServer` / `Folder/Name.ImageServer` for the others.
 */
export interface GpService {
  profileId: string;
  /** '' for the root folder. */
  folder: string;
  name: string;
  /** The type: a GP service's result map service has the GP service's folder and name. */
  type: ServiceType;
  id: string;
  /** Whether it makes jobs: an asynchronous GP service, a map or image service that allows exporting tiles. */
  asynchronous: boolean;
}

/**
 * Whether a service keeps jobs worth listing: only asynchronous services do. The one place listing
 * decides which services to query (the client's default and the service's filtered listing both ask it).
 */
export function keepsJobs(service: GpService): boolean {
  return service.asynchronous;
}

/** One GP job, normalised from whatever shape the server used (jobId/jobID/job_id, ms or s). */
export interface Job {
  profileId: string;
  /** Service id with its type (./service-types.ts): `Folder/Name` (GP), `Folder/Name.MapServer`, … */
  service: string;
  jobId: string;
  /** Normally a JobStatus; an unknown value from a newer server is kept verbatim. */
  status: JobStatus | string;
  /** Epoch milliseconds. */
  submittedTime: number | null;
  endTime: number | null;
  username: string | null;
  machinename: string | null;
  url: string | null;
}

/** Server-side filters of the admin `jobs/query` operation. */
export interface JobQuery {
  /** Empty or absent: every status (one query per status is made when several are given). */
  statuses?: JobStatus[];
  /** Epoch ms; default 0 (all jobs). */
  startTime?: number;
  /** Epoch ms; default now. */
  endTime?: number;
  username?: string;
  machineName?: string;
}

/** How a server authenticates the administrator. */
export type AuthMode = 'server' | 'portal';

/** A server profile as stored (never holds a secret). */
export interface Profile {
  id: string;
  name: string;
  /** Site root, normalised: `https://host/arcgis` (no trailing slash, no /rest or /admin). */
  serverUrl: string;
  /** Separate site root for admin calls when the Web Adaptor blocks /admin, e.g. `https://machine:6443/arcgis`. */
  adminUrl: string | null;
  authMode: AuthMode;
  /** Portal root for federated servers, e.g. `https://host/portal`. */
  portalUrl: string | null;
  username: string;
  /** PEM certificate(s) to trust for this server only. */
  caCertPem: string | null;
  /** Simultaneous requests to this server (1..64, default 8). */
  concurrency: number;
  /** CSS colour, e.g. `#2f7dd1`. */
  color: string;
  /** Production servers get stronger confirmations. */
  production: boolean;
  /** Service types whose jobs are listed (absent: every type; see ./service-types.ts). */
  serviceTypes?: ServiceType[];
  /** Short lower-case words (`production`, `emea`) that policies select servers by; absent: none. */
  tags?: string[];
}

/** A profile as listed: where it came from and whether it may be edited. */
export interface ProfileEntry extends Profile {
  /** Provisioned by IT through the managed profiles file: read-only. */
  managed: boolean;
}

/** Failure categories an administrator can act on. */
export type ErrorKind =
  | 'bad-url'
  | 'not-arcgis'
  | 'admin-unreachable'
  | 'tls'
  | 'auth'
  | 'permission'
  | 'not-found'
  | 'timeout'
  | 'network'
  | 'server'
  | 'keychain'
  | 'config'
  | 'invalid-input'
  | 'aborted';

/**
 * What happened to a connection that brought no answer, named where the transport's error is classified
 * (electron/core/arcgis/transport-errors.ts), so no reader has to parse the English `message`.
 */
export type ConnectionFault = 'refused' | 'closed' | 'dns' | 'no-route' | 'timed-out' | 'tls' | 'other';

/** An expected failure as a value: plain words first, the server's own text kept. */
export interface AppError {
  kind: ErrorKind;
  message: string;
  /** The ArcGIS error code or HTTP status, when there was one. */
  code?: number;
  /** The server's own message(s), verbatim. */
  serverMessage?: string;
  /** Whether trying again later may succeed (timeouts, resets, 502/503/504). */
  transient?: boolean;
  /** How long the server asked to be left alone (`Retry-After` of an HTTP 429 or 503), in ms. */
  retryAfterMs?: number;
  /** For an error of the connection itself (`network`, `timeout`, `tls`): what happened to it. */
  fault?: ConnectionFault;
  /** For an `auth` error: nothing was tried, because no password is saved (or given) for the server. */
  noPassword?: true;
}

/** Expected failures are values (CONTRIBUTING.md rule 8). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an error as a failure. */
export function err<T = never>(error: AppError): Result<T> {
  return { ok: false, error };
}

/** What a bulk run does to each job. */
export type BulkAction = 'delete' | 'cancel';

/** The one final result each job of a bulk run gets. */
export type JobOutcome = 'deleted' | 'cancelled' | 'already-gone' | 'skipped' | 'failed';

/** A job named for a bulk run, with its last known status. */
export interface JobRef {
  profileId: string;
  service: string;
  jobId: string;
  status: JobStatus | string;
}

/** What "Test connection" found on a server. */
export interface ConnectionInfo {
  version: string;
  federated: boolean;
  portalUrl: string | null;
  isAdmin: boolean;
  user: string | null;
}

/** What happened to one entry of an imported profiles file. */
export interface ImportEntryReport {
  /** 1-based position in the file. */
  index: number;
  /** The entry's name when it had one. */
  name: string | null;
  outcome: 'added' | 'duplicate' | 'invalid';
  /** The id of the added profile. */
  profileId?: string;
  /** Why it was not added, in plain words. */
  reason?: string;
  /** Secret-looking fields (password, token, ...) that were dropped, never stored. */
  ignoredFields: string[];
}

/** The per-entry outcome of an import; an import never fails as a whole because of one entry. */
export interface ImportReport {
  added: number;
  duplicates: number;
  invalid: number;
  entries: ImportEntryReport[];
}

/** A server's connection state. */
export type ConnectionPhase = 'idle' | 'connecting' | 'connected' | 'error';

/**
 * A read of a server being contacted failed and is tried again, or waits out a pause the server asked for:
 * the sidebar says so while it waits.
 */
export interface ConnectionRetry {
  /** The attempt about to be made (2 for the first retry), of `attempts`. */
  attempt: number;
  attempts: number;
  /** Why the attempt before failed: refused, timed out, HTTP 503 (its message says which). */
  reason: AppError;
  /** The wait before that attempt, in ms (a `Retry-After` pause or a short jitter). */
  waitMs: number;
  /** When the notice was given (epoch ms). */
  at: number;
  /**
   * The read has not failed: it waits, not yet sent, until `at + waitMs`, the pause the server asked for
   * answering another request (`reason`, a 429 or 503 with `Retry-After`: a job's detail, a bulk run's delete).
   */
  paused?: boolean;
}

/** One server's connection state, as the sidebar shows it (with the time of the last good refresh). */
export interface ConnectionState {
  profileId: string;
  state: ConnectionPhase;
  error: AppError | null;
  lastRefresh: number | null;
  /** While `connecting`: the last retry of a read that failed (absent once one got through or it ended). */
  retry?: ConnectionRetry;
  /** While `connecting`: the listing has read jobs, so a retry now is of one page (the server answered). */
  readJobs?: boolean;
}
