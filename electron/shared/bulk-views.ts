/**
 * What the renderer sees of a bulk action, from its plan to the run history: the core's plan, progress and
 * audit-log types narrowed to what the confirmation, the progress panel and the run history show.
 * Re-exported by views.ts, the contract's one place for result types.
 */
import type {
  AppError,
  AuditRunInfo,
  BulkPlan,
  BulkSnapshot,
  JobOutcome,
  JobResult,
  ServerPlan,
  ServerProgress,
  ServicePlan,
} from '../core/vocabulary';

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
  /** Epoch ms until which the server asked (`Retry-After`) that nothing be sent, while it lasts. */
  retryAfterUntil: number | null;
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
