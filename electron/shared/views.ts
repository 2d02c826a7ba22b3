/**
 * What the renderer sees of the core: plain, serialisable view types returned over IPC.
 * Kept separate from core internals so the renderer type-checks without Node and never receives a secret.
 */
import type {
  AppError,
  BulkAction,
  ConnectionInfo,
  GpService,
  ImportEntryReport,
  ImportReport,
  Job,
  JobOutcome,
  Policy,
  ProfileEntry,
  Result,
} from '../core/vocabulary';

export type {
  AppError,
  BulkAction,
  ConnectionInfo,
  GpService,
  ImportEntryReport,
  ImportReport,
  Job,
  JobOutcome,
  Policy,
  ProfileEntry,
  Result,
};

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

/** Jobs of one status within one service of a plan. */
export interface PlanStatusCount {
  status: string;
  count: number;
  eligible: number;
}

/** One service of a plan. */
export interface PlanService {
  service: string;
  statuses: PlanStatusCount[];
  eligible: number;
  skipped: number;
}

/** One server of a plan. */
export interface PlanServer {
  profileId: string;
  name: string;
  production: boolean;
  services: PlanService[];
  eligible: number;
  skipped: number;
  /** Jobs still running that a delete cancels first. */
  running: number;
}

/** What a bulk action will do, before it does anything. */
export interface BulkPlanView {
  action: BulkAction;
  total: number;
  eligible: number;
  skipped: number;
  running: number;
  servers: PlanServer[];
  /** Production servers or more than 100 jobs: the user types the count to confirm. */
  requiresTypedConfirmation: boolean;
}

/** A plan awaiting confirmation: `bulk.start` with its id runs exactly this plan (or says why it cannot). */
export interface HeldPlanView extends BulkPlanView {
  planId: string;
}

/** The final result of one job in a bulk run. */
export interface JobResultView {
  profileId: string;
  service: string;
  jobId: string;
  outcome: JobOutcome;
  message?: string;
  code?: number;
}

/** Counts per outcome. */
export type OutcomeCounts = Record<JobOutcome, number>;

/** A coalesced progress event of a bulk run. */
export interface BulkProgressView {
  runId: string;
  action: BulkAction;
  total: number;
  done: number;
  counts: OutcomeCounts;
  ratePerSec: number;
  etaSeconds: number | null;
  paused: boolean;
  finished: boolean;
  aborted: boolean;
  /** One line per server of the run, in plan order. */
  servers: ServerLineView[];
  /** Results since the previous event. */
  results: JobResultView[];
}

/**
 * One server's line in the progress panel: how far it is, and whether it runs, waits for a paused run,
 * holds its queue because it stopped answering (cooling down, then probing with one job), gave up (down)
 * or is done.
 */
export interface ServerLineView {
  profileId: string;
  name: string;
  total: number;
  done: number;
  state: 'running' | 'paused' | 'cooling-down' | 'probing' | 'down' | 'finished';
  /** Why it stopped answering, when it did. */
  error: AppError | null;
}

/** A run in the history list (from the audit log). */
export interface RunSummaryView {
  runId: string;
  action: BulkAction;
  startedAt: string;
  endedAt: string | null;
  total: number;
  counts: OutcomeCounts;
  /** Started but never finished: the process died mid-run. */
  interrupted: boolean;
  /** Still being written by a live process (the app or a scheduled gpjobs). */
  running: boolean;
  aborted: boolean;
  osUser: string;
  servers: string[];
}

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

/** Connection state of a server, pushed to the sidebar. */
export interface ConnectionStateView {
  profileId: string;
  state: 'idle' | 'connecting' | 'connected' | 'error';
  error: AppError | null;
  lastRefresh: number | null;
}

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
  jobs: ListedJob[];
  /** Services whose jobs could not be listed, with why. */
  failures: { service: string; error: AppError }[];
  /** Services listed only in part (capped, or changed while read), with what may be missing. */
  warnings: { service: string; message: string }[];
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

/** How long a server keeps finished jobs (its jobs directory's clean-up). */
export interface ServerRetentionView {
  directory: string;
  cleanupMode: string;
  maxFileAgeMinutes: number | null;
  /** "Finished jobs are kept 6 h by the server." or the warning. */
  line: string;
  /** The server never removes finished jobs. */
  warning: boolean;
}
