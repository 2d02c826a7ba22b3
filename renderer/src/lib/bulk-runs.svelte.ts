/**
 * A bulk delete or cancel from plan to history: asks the backend for a plan (which it holds under an id),
 * starts exactly that plan once confirmed (when the backend refuses it as stale or expired, plans the same
 * jobs again and asks for confirmation of the new plan, saying why its numbers changed),
 * follows its progress events (feeding each row's result into the workspace), pauses, resumes, aborts,
 * retries the failed jobs, exports the results and lists past runs.
 */
import { asListedNow, toJobRefs } from './bulk-targets';
import { downloadText } from './download';
import { EMPTY_CONTEXT, type PlanContext } from './plan-context';
import { call } from './errors';
import { t } from './strings';
import type { Workspace } from './workspace.svelte';
import type {
  AppError,
  BulkAction,
  BulkPlanView,
  BulkProgressView,
  HeldPlanView,
  Job,
  OutcomeCounts,
  Result,
  RetentionView,
  RunResultsView,
  RunSummaryView,
} from './contract-types';

/** The selection's context for the confirmation, or how to work it out (again, after a re-plan). */
export type PlanContextSource = PlanContext | ((jobs: readonly Job[]) => PlanContext);

/** Why the plan awaiting confirmation is a second one: the backend refused the first at its start. */
export interface Replanned {
  /** The backend's words for why the confirmed plan could no longer run. */
  reason: string;
  /** How many jobs the refused plan would have acted on. */
  eligibleBefore: number;
}

/** What a plan was made from, kept so a refused plan can be made again from the same jobs. */
interface PlanRequest {
  action: BulkAction;
  jobs: readonly Job[];
  context: PlanContextSource;
}

const NO_COUNTS: OutcomeCounts = { deleted: 0, cancelled: 0, 'already-gone': 0, skipped: 0, failed: 0 };

/** The state of the one bulk run at a time, its confirmation, and the run history. */
export class BulkRuns {
  /** The plan awaiting confirmation (held by the backend under its planId), or null. */
  plan = $state.raw<HeldPlanView | null>(null);
  /** The plan's jobs hidden by filters and each group's oldest/newest, from the table. */
  context = $state.raw<PlanContext>(EMPTY_CONTEXT);
  planning = $state<BulkAction | null>(null);
  /** Set when the plan awaiting confirmation replaces one the backend refused at its start (stale or expired). */
  replanned = $state.raw<Replanned | null>(null);
  /** Why the last plan, start or control call failed. */
  error = $state.raw<AppError | null>(null);
  /** The current or last run's progress. */
  progress = $state.raw<BulkProgressView | null>(null);
  runs = $state.raw<RunSummaryView[]>([]);
  runsError = $state.raw<AppError | null>(null);
  runsLoading = $state(false);
  /** How long runs are kept, and what the last change removed. */
  retention = $state.raw<RetentionView | null>(null);
  retentionError = $state.raw<AppError | null>(null);

  /** A run is in flight (paused counts). */
  active = $derived(this.progress !== null && !this.progress.finished);
  /** A run is in flight or a plan is being made or awaits confirmation: no refresh now (it would make the plan stale). */
  busy = $derived(this.active || this.planning !== null || this.plan !== null);
  /** The finished run has failed jobs to retry. */
  canRetry = $derived(this.progress !== null && this.progress.finished && this.progress.counts.failed > 0);

  readonly #workspace: Workspace;
  /** Servers the current run's results touched: refreshed once it finishes. */
  #touched: string[] = [];
  #unsubscribe: (() => void) | null = null;
  /** What the plan awaiting confirmation was made from. */
  #request: PlanRequest | null = null;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
  }

  /** Listens for progress events. */
  start(): void {
    this.#unsubscribe = this.#workspace.api.events.onBulkProgress((ev) => this.#onProgress(ev));
  }

  /** Stops listening. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /**
   * Asks the backend what an action on these jobs would do; the plan then awaits confirmation. `context`
   * may be a function of the jobs, so a plan made again after a refused start gets a fresh one.
   */
  async prepare(
    action: BulkAction,
    jobs: readonly Job[],
    context: PlanContextSource = EMPTY_CONTEXT,
  ): Promise<boolean> {
    if (jobs.length === 0 || this.active) return false;
    this.error = null;
    return this.#plan({ action, jobs, context }, null);
  }

  /** Plans `request` and shows the plan for confirmation; `replanned` when it replaces a refused plan. */
  async #plan(request: PlanRequest, replanned: Replanned | null): Promise<boolean> {
    this.planning = request.action;
    const r = await call(() =>
      this.#workspace.api.bulk.plan({ action: request.action, jobs: toJobRefs(request.jobs) }),
    );
    this.planning = null;
    if (!r.ok) {
      this.error = r.error;
      return false;
    }
    if (replanned && r.value.eligible === 0) {
      // Nothing left to act on: no empty confirmation, just why.
      void call(() => this.#workspace.api.bulk.discard({ planId: r.value.planId }));
      const del = request.action === 'delete';
      this.error = { kind: 'invalid-input', message: t.bulk.replannedNone(del, replanned.reason) };
      return false;
    }
    const { context } = request;
    this.context = typeof context === 'function' ? context(request.jobs) : context;
    this.replanned = replanned;
    this.plan = r.value;
    this.#request = request;
    return true;
  }

  /** Drops the plan without running it (the backend forgets it too). */
  discardPlan(): void {
    const planId = this.plan?.planId;
    this.#closePlan();
    if (planId) void call(() => this.#workspace.api.bulk.discard({ planId }));
  }

  /**
   * Runs the confirmed plan: exactly the jobs it showed. When the backend refuses it (the jobs or servers
   * changed after it was made, or it expired), the same jobs are planned again as they are now and the new
   * plan awaits confirmation, with why (`replanned`); nothing runs without a plan the user confirmed.
   */
  async confirm(): Promise<void> {
    const plan = this.plan;
    const request = this.#request;
    if (!plan) return;
    this.#closePlan();
    this.error = null;
    this.#touched = [];
    const r = await call(() => this.#workspace.api.bulk.start({ planId: plan.planId }));
    if (r.ok) {
      this.#begin(r.value.runId, r.value.plan);
      return;
    }
    // `invalid-input` from a start is the held plan's refusal; other kinds (keychain, config) stop here.
    if (r.error.kind !== 'invalid-input' || !request) {
      this.error = r.error;
      return;
    }
    const replanned = { reason: r.error.message, eligibleBefore: plan.eligible };
    await this.#plan({ ...request, jobs: asListedNow(request.jobs, this.#workspace.jobs) }, replanned);
  }

  /** Pauses the current run after the requests in flight. */
  pause(): Promise<void> {
    return this.#control((runId) => this.#workspace.api.bulk.pause({ runId }));
  }

  /** Resumes a paused run. */
  resume(): Promise<void> {
    return this.#control((runId) => this.#workspace.api.bulk.resume({ runId }));
  }

  /** Stops the run; jobs not yet processed keep their state. */
  abort(): Promise<void> {
    return this.#control((runId) => this.#workspace.api.bulk.abort({ runId }));
  }

  /** Runs the finished run's failed jobs again, as a new run. */
  async retryFailed(): Promise<void> {
    const runId = this.progress?.runId;
    if (!runId || this.active) return;
    this.error = null;
    this.#touched = [];
    const r = await call(() => this.#workspace.api.bulk.retryFailed({ runId }));
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.#begin(r.value.runId, r.value.plan);
  }

  /** Downloads a run's per-job results as CSV or JSON (the current run by default). */
  async exportResults(format: 'csv' | 'json', runId = this.progress?.runId): Promise<void> {
    if (!runId) return;
    const r = await call(() => this.#workspace.api.bulk.exportResults({ runId, format }));
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    downloadText(r.value.fileName, r.value.mimeType, r.value.text);
  }

  /** A past run's per-job results from the audit log (the run history's drill-down). */
  runResults(runId: string): Promise<Result<RunResultsView>> {
    return call(() => this.#workspace.api.bulk.runResults({ runId }));
  }

  /** Loads the run history from the audit log. */
  async loadRuns(): Promise<void> {
    this.runsLoading = true;
    const r = await call(() => this.#workspace.api.bulk.listRuns());
    this.runsLoading = false;
    if (!r.ok) {
      this.runsError = r.error;
      return;
    }
    this.runsError = null;
    this.runs = r.value;
  }

  /** Reads (no argument) or saves how long runs are kept (null: forever); saving prunes at once. */
  async keepRuns(keepDays?: number | null): Promise<void> {
    const payload = keepDays === undefined ? {} : { keepDays };
    const r = await call(() => this.#workspace.api.bulk.retention(payload));
    this.retentionError = r.ok ? null : r.error;
    if (!r.ok) return;
    this.retention = r.value;
    if (r.value.removed > 0) await this.loadRuns();
  }

  /** Follows a run started elsewhere (a clean-up policy's Run now) like one started here. */
  follow(runId: string, plan: BulkPlanView): void {
    this.error = null;
    this.#touched = [];
    this.#begin(runId, plan);
  }

  /** Hides the finished run's panel. */
  dismiss(): void {
    if (!this.active) this.progress = null;
    this.error = null;
  }

  #closePlan(): void {
    this.plan = null;
    this.context = EMPTY_CONTEXT;
    this.replanned = null;
    this.#request = null;
  }

  #begin(runId: string, plan: BulkPlanView): void {
    // Progress events may already have arrived for this run; only fill in a starting point if not.
    if (this.progress?.runId === runId) return;
    this.progress = {
      runId,
      action: plan.action,
      total: plan.total,
      done: 0,
      counts: { ...NO_COUNTS },
      ratePerSec: 0,
      etaSeconds: null,
      paused: false,
      finished: false,
      aborted: false,
      servers: [],
      results: [],
    };
  }

  #onProgress(ev: BulkProgressView): void {
    this.#workspace.applyResults(ev.results);
    for (const r of ev.results) if (!this.#touched.includes(r.profileId)) this.#touched.push(r.profileId);
    this.progress = ev;
    if (!ev.finished) return;
    void this.loadRuns();
    // The counts already follow the results; a refresh picks up what else changed on those servers.
    void this.#workspace.refreshAfterRun(this.#touched);
  }

  async #control(run: (runId: string) => ReturnType<Workspace['api']['bulk']['pause']>): Promise<void> {
    const runId = this.progress?.runId;
    if (!runId || !this.active) return;
    const r = await call(() => run(runId));
    this.error = r.ok ? null : r.error;
  }
}
