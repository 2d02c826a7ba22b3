/**
 * What the renderer sees of the core: plain, serialisable view types returned over IPC.
 * Kept separate from core internals so the renderer type-checks without Node and never receives a secret.
 * Profiles, jobs and listings are here; a bulk action's views (plan, progress, run history) are in
 * bulk-views.ts and the policies' and retention's in policy-views.ts, both re-exported below.
 */
import type { AppError, ConnectionState, Job, ProfileEntry } from '../core/vocabulary';
import type { SentColumns } from './job-columns';

export * from './bulk-views';
export * from './policy-views';

// The core's pure types, for the renderer (which imports electron/shared only).
export type {
  AppError,
  BulkAction,
  ConnectionInfo,
  GpService,
  ImportEntryReport,
  ImportReport,
  Job,
  JobOutcome,
  OutcomeCounts,
  PlanStatusCount,
  Policy,
  ProfileEntry,
  Result,
} from '../core/vocabulary';

/** Where a profile's password is kept; the password itself never crosses IPC. */
export type CredentialState = 'keychain' | 'session' | 'none' | 'locked';

/** A profile as listed in the sidebar. */
export interface ProfileView extends ProfileEntry {
  credential: CredentialState;
}

/**
 * The profile list, and anything wrong with the profile files the user must be told about (a damaged
 * profiles file moved aside, a damaged or conflicting managed file).
 */
export interface ProfileListView {
  profiles: ProfileView[];
  problems: AppError[];
}

/** A job message from the REST job page. */
export interface JobMessage {
  type: string;
  description: string;
}

/** The job detail panel: admin fields plus the REST job page's messages. */
export interface JobDetailView {
  job: Job;
  messages: JobMessage[];
  progress: { type: string; message?: string; percent?: number } | null;
  /** The job's REST page, openable in the browser when it is on a configured server. */
  restUrl: string | null;
  /** Why messages could not be read, when they could not. */
  messagesError: AppError | null;
  /** Its inputs and results with their values as plain text, where the server lists them. */
  parameters: JobParameterView[];
}

/** One input or result of a job: its name, type and value as text (URL tokens and secrets hidden). */
export interface JobParameterView {
  name: string;
  direction: 'input' | 'result';
  dataType: string | null;
  value: string | null;
  /** Why the value could not be read. */
  error: AppError | null;
}

/** Connection state of a server, pushed to the sidebar: the core's, as it is. */
export type ConnectionStateView = ConnectionState;

/**
 * A job as the table lists it: the core's `Job` without its `url`. The table never shows it (the detail
 * view carries the job's REST link), and in a 100,000-job listing it would be about a tenth of what
 * crosses to the renderer and stays in its memory.
 */
export type ListedJob = Omit<Job, 'url'>;

/** Jobs of one server, as loaded for the table. */
export interface ServerJobsView {
  profileId: string;
  services: number;
  /** The jobs; empty when they were streamed (see `streamed`). */
  jobs: ListedJob[];
  /**
   * Set when the listing was asked for with a `listingId` and its jobs went out as `jobs.page` events
   * instead: how many jobs and events were sent, so the renderer knows when it holds them all.
   */
  streamed?: StreamedListing;
  /** Services whose jobs could not be listed, with why. */
  failures: { service: string; error: AppError }[];
  /** Services listed only in part (capped, or changed while read), with what may be missing. */
  warnings: { service: string; message: string }[];
}

/** What a streamed listing sent before its answer: the page events and the jobs in them. */
export interface StreamedListing {
  jobs: number;
  batches: number;
}

/**
 * One batch of a streamed listing (`jobs.list` with a `listingId`), pushed as the server's pages are read:
 * `batch` counts from 0 in the order they were sent; their number is in the listing's answer.
 */
export interface JobsPageView {
  listingId: string;
  profileId: string;
  batch: number;
  /**
   * The batch's jobs in columns (see job-columns.ts; `fromColumns` gives the jobs): `fields` and `times`
   * are typed arrays over IPC, plain arrays over `gpjobs ui`'s JSON event stream.
   */
  columns: SentColumns;
}
