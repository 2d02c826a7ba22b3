/**
 * What the renderer sees of the core: plain, serialisable view types returned over IPC.
 * Kept separate from core internals so the renderer type-checks without Node and never receives a secret.
 */
import type {
  AppError,
  AuditRunInfo,
  BulkPlan,
  BulkSnapshot,
  ConnectionState,
  Job,
  JobOutcome,
  JobResult,
  Policy,
  ProfileEntry,
  ServerPlan,
  ServerProgress,
  ServicePlan,
} from '../core/vocabulary';
import type { JobColumns } from './job-columns';

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

// The bulk views below are the core's types narrowed to what the renderer shows: each is a Pick over a
// list of field names, and app-core copies exactly those fields (see pick.ts), so a field is added in one place.

/** The fields of a service of a plan that the confirmation shows. */
export const PLAN_SERVICE_FIELDS = ['service', 'statuses', 'eligible', 'skipped'] as const;
/** One service of a plan. */
export type PlanService = Pick<ServicePlan, (typeof PLAN_SERVICE_FIELDS)[number]>;

/** The fields of a server of a plan that the confirmation shows. */
export const PLAN_SERVER_FIELDS = [
  'profileId',
  'name',
  'production',
  'eligible',
  'skipped',
  'running',
] as const;
/** One server of a plan. */
export type PlanServer = Pick<ServerPlan, (typeof PLAN_SERVER_FIELDS)[number]> & { services: PlanService[] };

/** The fields of a plan that the confirmation shows (never its per-job list). */
export const BULK_PLAN_FIELDS = ['action', 'total', 'eligible', 'skipped', 'running'] as const;
/** What a bulk action will do, before it does anything. */
export type BulkPlanView = Pick<BulkPlan, (typeof BULK_PLAN_FIELDS)[number]> & {
  servers: PlanServer[];
  /** Production servers or more than 100 jobs: the user types the count to confirm. */
  requiresTypedConfirmation: boolean;
};

/** A plan awaiting confirmation: `bulk.start` with its id runs exactly this plan (or says why it cannot). */
export interface HeldPlanView extends BulkPlanView {
  planId: string;
}

/** The fields of a job's result that the table's row shows. */
export const JOB_RESULT_FIELDS = ['profileId', 'service', 'jobId', 'outcome', 'message', 'code'] as const;
/** The final result of one job in a bulk run. */
export type JobResultView = Pick<JobResult, (typeof JOB_RESULT_FIELDS)[number]>;

/** The fields of a server's share of a run that its progress line shows. */
export const SERVER_LINE_FIELDS = ['profileId', 'name', 'total', 'done', 'state'] as const;
/**
 * One server's line in the progress panel: how far it is, and whether it runs, waits for a paused run,
 * holds its queue because it stopped answering (cooling down, then probing with one job), gave up (down)
 * or is done.
 */
export type ServerLineView = Pick<ServerProgress, (typeof SERVER_LINE_FIELDS)[number]> & {
  /** Why it stopped answering, when it did. */
  error: AppError | null;
};

/** A coalesced progress event of a bulk run: the run's snapshot, with its servers' lines. */
export type BulkProgressView = Omit<BulkSnapshot, 'servers'> & {
  /** One line per server of the run, in plan order. */
  servers: ServerLineView[];
  /** Results since the previous event. */
  results: JobResultView[];
};

/** The fields of a run of the audit log that the run history lists. */
export const RUN_SUMMARY_FIELDS = [
  'runId',
  'action',
  'startedAt',
  'endedAt',
  'total',
  'counts',
  'interrupted',
  'aborted',
  'osUser',
  'servers',
] as const;
/** A run in the history list (from the audit log). */
export type RunSummaryView = Pick<AuditRunInfo, (typeof RUN_SUMMARY_FIELDS)[number]> & {
  /** Still being written by a live process (the app or a scheduled gpjobs). */
  running: boolean;
};

/** One job's result in a past run, as the run history's drill-down lists it. */
export interface RunResultRowView {
  profileId: string;
  server: string;
  service: string;
  jobId: string;
  outcome: JobOutcome;
  message: string | null;
  /** ISO time the result was known. */
  time: string | null;
}

/**
 * A past run with its per-job results from the audit log: failures first, then the rest in the order they
 * finished, at most a few thousand rows (`total` says how many there are; the export has them all).
 */
export interface RunResultsView {
  run: RunSummaryView;
  results: RunResultRowView[];
  total: number;
  /** Planned jobs without a result (an interrupted run). */
  unfinished: number;
}

/** How long the run history is kept: the user's setting, IT's minimum, and runs removed by a change. */
export interface RetentionView {
  /** Days to keep runs; null: forever (the default). */
  keepDays: number | null;
  /** Days the organisation's managed settings require; null: none. */
  minimumDays: number | null;
  /** Runs removed by the change just saved (0 when only reading). */
  removed: number;
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
  /** The batch's jobs in columns (see job-columns.ts; `fromColumns` gives the jobs). */
  columns: JobColumns;
}

/** A clean-up policy as the Policies panel lists it. */
export interface PolicyView extends Policy {
  /** Provided by IT (the managed policies file): read-only. */
  managed: boolean;
  /** Which jobs it takes, in words. */
  summary: string;
  /** Its latest run in the audit log (runs are tagged with the policy's name). */
  lastRun: RunSummaryView | null;
  /** The crontab line and the Task Scheduler command that run it nightly. */
  schedule: { cron: string; taskScheduler: string };
}

/** Every policy, and what was wrong with the policies files. */
export interface PolicyListView {
  policies: PolicyView[];
  problems: AppError[];
}

/** What a policy would touch now, from a fresh listing; `previewId` runs exactly these jobs. */
export interface PolicyPreviewView {
  previewId: string;
  name: string;
  /** When the listing was made (epoch ms). */
  at: number;
  servers: string[];
  skippedProduction: string[];
  problems: Array<{ server: string; service: string | null; error: AppError }>;
  warnings: string[];
  plan: BulkPlanView;
  /** Why it must not run (over the policy's cap), or null. */
  overCap: string | null;
}

/** A planned (or applied) change of a server's job retention. */
export interface RetentionChangeView {
  /** From what to what, and that the server restarts the services using the directory. */
  summary: string;
  /** Once applied: the server changes log the change was recorded in; null for a plan. */
  recordedIn: string | null;
  /**
   * The jobs directory's retention the plan starts from (what the summary says it is now): send it back
   * with the apply as `previewed`, so a change made on the server since is refused, not applied unseen.
   */
  from: RetentionFrom;
}

/** A jobs directory's retention as a retention plan read it (its name, clean-up mode and file age). */
export interface RetentionFrom {
  directory: string;
  cleanupMode: string;
  maxFileAgeMinutes: number | null;
}

/** How long a server keeps finished jobs (its jobs directory's clean-up). */
export interface ServerRetentionView extends RetentionFrom {
  /** "Finished jobs are kept 6 h by the server." or the warning. */
  line: string;
  /** The server never removes finished jobs. */
  warning: boolean;
}

/** The largest retention age (minutes, 10 years) a retention change accepts. */
export const MAX_FILE_AGE_MINUTES = 5_256_000;

/** The retention age (minutes, 6 h) a change turning clean-up on uses when neither it nor the server names one. */
export const DEFAULT_FILE_AGE_MINUTES = 360;
