/**
 * What the renderer sees of clean-up policies and of a server's own job retention: the Policies panel's
 * list, a policy's preview, and a retention change planned or applied. Re-exported by views.ts, the
 * contract's one place for result types.
 */
import type { AppError, Policy } from '../core/vocabulary';
import type { BulkPlanView, RunSummaryView } from './bulk-views';

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
