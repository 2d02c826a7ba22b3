/**
 * Bulk runs as the app and the CLI use them: plan from job references (trusting the server's last listing
 * over the caller's idea of a job's status), hold the plan for confirmation and run exactly it by id, steer
 * running ones, retry failed jobs from the audit log, list and export past runs.
 */
import type { AuditRunInfo, AuditRunResults } from '../audit/audit-reader';
import { exportRunCsv, exportRunJson } from '../audit/export';
import { clampConcurrency, planBulk, retryFailed, startBulkRun } from '../bulk';
import type { BulkJob, BulkPlan, BulkProfile, BulkProgressEvent, BulkRun, JobOperations } from '../bulk';
import { jobOperationsFrom } from '../bulk/client-operations';
import { PlanRegistry, type HeldPlan, type PlanSources } from '../bulk/plan-registry';
import type { ProfileStore } from '../profiles/store';
import type { AppError, BulkAction, JobRef, Result } from '../types';
import { err, ok } from '../types';
import type { AuditService } from './audit-service';
import type { ClientPool } from './client-pool';
import type { JobCache } from './job-cache';

/** The parts of the core the bulk service shares with the rest of it. */
export interface BulkServiceParts {
  /** Run files, and the retention applied after each run. */
  audit: AuditService;
  profiles: ProfileStore;
  clients: ClientPool;
  /** Each server's last listing: the statuses plans trust. */
  jobs: JobCache;
}

/** Options of a run. */
export interface StartOptions {
  onProgress?: (event: BulkProgressEvent) => void;
  /** Per-profile concurrency overriding the profiles' own. */
  concurrency?: Record<string, number>;
  /** The clean-up policy starting the run: the audit log tags the run with its name. */
  policy?: string;
}

/** An exported run, ready to save. */
export interface RunExport {
  fileName: string;
  mimeType: string;
  text: string;
}

/** Operations that fail every call with `error` (a server whose client could not be built). */
function failingOperations(error: AppError): JobOperations {
  const fail = async () => err(error);
  return { deleteJob: fail, cancelJob: fail, getJob: fail };
}

const noop = (): void => undefined;

/** See the module comment. */
export class BulkService {
  private readonly active = new Map<string, BulkRun>();
  /** Each ended run's tail (its leases released, its audit file closed, the audit retention applied). */
  private readonly tails = new Set<Promise<void>>();
  /** Plans awaiting confirmation. */
  private readonly plans = new PlanRegistry();

  constructor(private readonly parts: BulkServiceParts) {}

  /** The plan of `action` over `refs` (a dry run: touches nothing, holds nothing). */
  async plan(action: BulkAction, refs: readonly JobRef[]): Promise<Result<BulkPlan>> {
    const profiles = await this.bulkProfiles();
    if (!profiles.ok) return profiles;
    return ok(this.planFrom(action, refs, profiles.value).plan);
  }

  /** Plans `action` over `refs` and holds the plan for confirmation: `start(planId)` runs exactly it. */
  async prepare(action: BulkAction, refs: readonly JobRef[]): Promise<Result<HeldPlan>> {
    const profiles = await this.bulkProfiles();
    if (!profiles.ok) return profiles;
    const { plan: planned, hits } = this.planFrom(action, refs, profiles.value);
    // Without duplicates the plan's jobs are the refs in order, so the lookups just made say which were
    // listed (built by `map`, as in planFrom); otherwise the registry looks them up again.
    const listed = planned.duplicates === 0 ? hits.map((j) => j !== undefined) : undefined;
    return ok(this.plans.hold(planned, this.sources(profiles.value), listed));
  }

  /**
   * Starts the held plan `planId` (once); refused with a clear error when it is unknown, expired or stale
   * (see PlanRegistry). Returns the run's controls at once.
   */
  async start(planId: string, options: StartOptions = {}): Promise<Result<BulkRun>> {
    const profiles = await this.bulkProfiles();
    if (!profiles.ok) return profiles;
    const held = this.plans.take(planId, this.sources(profiles.value));
    if (!held.ok) return held;
    return this.run(held.value, undefined, options);
  }

  /** Forgets a held plan the user did not confirm. */
  discard(planId: string): void {
    this.plans.discard(planId);
  }

  /** Starts a new run over the failed (and never-finished) jobs of run `runId`. */
  async retryFailed(runId: string, options: StartOptions = {}): Promise<Result<BulkRun>> {
    if (this.active.has(runId))
      return err({ kind: 'invalid-input', message: 'That run is still going; wait for it to finish.' });
    const profiles = await this.bulkProfiles();
    if (!profiles.ok) return profiles;
    const read = await this.parts.audit.store.runResults(runId);
    if (!read.ok) return read;
    const retry = retryFailed(read.value, profiles.value);
    if (retry.plan.total === 0)
      return err({ kind: 'invalid-input', message: 'That run has no failed jobs to retry.' });
    return this.run(retry.plan, retry.retryOf, options);
  }

  /** Pauses, resumes or aborts a running run. */
  control(runId: string, what: 'pause' | 'resume' | 'abort'): Result<null> {
    const run = this.active.get(runId);
    if (!run) return err({ kind: 'not-found', message: 'That run is not running (it may have finished).' });
    if (what === 'pause') run.pause();
    else if (what === 'resume') run.resume();
    else run.abort({ reason: 'Aborted by the user.' });
    return ok(null);
  }

  /** Every run in the audit log, newest first. */
  async listRuns(): Promise<AuditRunInfo[]> {
    const runs = await this.parts.audit.store.listRuns();
    return runs.reverse();
  }

  /** One run of the audit log with its results and unfinished jobs. */
  async runResults(runId: string): Promise<Result<AuditRunResults>> {
    return this.parts.audit.store.runResults(runId);
  }

  /** A run's results as CSV or JSON. */
  async exportRun(runId: string, format: 'csv' | 'json'): Promise<Result<RunExport>> {
    const read = await this.parts.audit.store.runResults(runId);
    if (!read.ok) return read;
    const run = read.value;
    const text = format === 'csv' ? exportRunCsv(run.results) : exportRunJson(run.results);
    const stamp = run.run.startedAt.replace(/[:.]/g, '-');
    return ok({
      fileName: `gpjobs-${run.run.action}-${stamp}.${format}`,
      mimeType: format === 'csv' ? 'text/csv' : 'application/json',
      text,
    });
  }

  /** Aborts running runs (in-flight requests finish) and waits for their audit lines and files. */
  async dispose(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.abort({ waitForInFlight: true, reason: 'The application closed.' });
    await Promise.all(runs.map((r) => r.done));
    await this.settled();
  }

  /**
   * Resolves once every ended run's tail has finished: after `done`, a run still releases its leases,
   * closes its audit files and applies the audit retention. Shutdown and the benchmark wait for it.
   */
  async settled(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails);
  }

  /**
   * Runs `planned` with the run's concurrency overrides applied to its servers (clamped as the profile
   * form clamps them), each server over a client leased at that concurrency.
   */
  private async run(
    planned: BulkPlan,
    retryOf: string | undefined,
    options: StartOptions,
  ): Promise<Result<BulkRun>> {
    const plan = withConcurrency(planned, options.concurrency);
    const operations = new Map<string, JobOperations>();
    const releases: Array<() => Promise<void>> = [];
    for (const server of plan.servers) {
      const lease = await this.parts.clients.lease(server.profileId, server.concurrency);
      if (lease.ok) releases.push(lease.value.release);
      operations.set(
        server.profileId,
        lease.ok ? jobOperationsFrom(lease.value.client) : failingOperations(lease.error),
      );
    }
    // Each run writes its own file; a failure to register it stops the run before any request.
    const audit = this.parts.audit.store.sink();
    const run = startBulkRun({
      plan,
      operations,
      audit,
      ...(retryOf ? { retryOf } : {}),
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    this.active.set(run.runId, run);
    // A tail's failure (a file that would not close) is not the run's: its results are already written.
    const tail: Promise<void> = run.done
      .finally(async () => {
        this.active.delete(run.runId);
        await Promise.all([...releases.map((release) => release()), audit.close()]);
        await this.parts.audit.applyRetention().catch(() => undefined);
      })
      .then(noop, noop)
      .finally(() => this.tails.delete(tail));
    this.tails.add(tail);
    return ok(run);
  }

  /**
   * Plans over the jobs as their servers last listed them (the caller's idea of a job only when unlisted);
   * `hits` holds each ref's listed job (undefined when unlisted). Built by `map`, not by pushing into an
   * empty list: compiled code that had pushed into one deoptimised at each later plan's first push (see
   * planBulk's `planned`).
   */
  private planFrom(
    action: BulkAction,
    refs: readonly JobRef[],
    profiles: readonly BulkProfile[],
  ): { plan: BulkPlan; hits: (BulkJob | undefined)[] } {
    const jobs = this.parts.jobs;
    const hits = refs.map((ref) => jobs.find(ref));
    const plan = planBulk(
      hits.map((job, i) => job ?? { ...refs[i]! }),
      action,
      profiles,
    );
    return { plan, hits };
  }

  /** What the plan registry checks a plan against: the servers' last listings and `profiles`. */
  private sources(profiles: readonly BulkProfile[]): PlanSources {
    return {
      find: (job) => this.parts.jobs.find(job),
      profiles,
      generation: (profileId) => this.parts.jobs.generation(profileId),
    };
  }

  /** The profiles as the engine sees them, as the store holds them now. */
  private async bulkProfiles(): Promise<Result<BulkProfile[]>> {
    const listed = await this.parts.profiles.list();
    if (!listed.ok) return listed;
    return ok(
      listed.value.map((p) => ({
        id: p.id,
        name: p.name,
        concurrency: p.concurrency,
        production: p.production,
        serverUrl: p.serverUrl,
      })),
    );
  }
}

/** The plan with each overridden server's concurrency replaced (the one place a run's override applies). */
function withConcurrency(plan: BulkPlan, overrides: StartOptions['concurrency']): BulkPlan {
  if (!overrides) return plan;
  const servers = plan.servers.map((s) => {
    const wanted = overrides[s.profileId];
    return wanted === undefined ? s : { ...s, concurrency: clampConcurrency(wanted) };
  });
  return { ...plan, servers };
}
