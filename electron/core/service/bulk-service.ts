/**
 * Bulk runs as the app and the CLI use them: plan from job references (trusting the server's last listing
 * over the caller's idea of a job's status), start runs over each server's client, steer running ones,
 * retry failed jobs from the audit log, list and export past runs.
 */
import type { ArcGisClient } from '../arcgis';
import type { AuditRunInfo, AuditRunResults } from '../audit/audit-reader';
import type { AuditStore } from '../audit/audit-store';
import { exportRunCsv, exportRunJson } from '../audit/export';
import { planBulk, retryFailed, startBulkRun } from '../bulk';
import type { BulkJob, BulkPlan, BulkProfile, BulkProgressEvent, BulkRun, JobOperations } from '../bulk';
import { jobOperationsFrom } from '../bulk/client-operations';
import type { AppError, BulkAction, Job, JobRef, ProfileEntry, Result } from '../types';
import { err, jobWithoutUrl, ok } from '../types';

/** What the bulk service needs from the rest of the core. */
export interface BulkServiceDeps {
  audit: AuditStore;
  /** Called after each run has ended and its audit lines are written (applies the retention setting). */
  afterRun?: () => Promise<unknown>;
  profiles: () => Promise<Result<ProfileEntry[]>>;
  client: (profileId: string) => Promise<Result<ArcGisClient>>;
  /** A client at another concurrency, for a run that overrides the profile's; released after the run. */
  scopedClient: (
    profileId: string,
    concurrency: number,
  ) => Promise<Result<{ client: ArcGisClient; release: () => Promise<void> }>>;
}

/** Options of a run. */
export interface StartOptions {
  onProgress?: (event: BulkProgressEvent) => void;
  /** Per-profile concurrency overriding the profiles' own. */
  concurrency?: Record<string, number>;
}

/** An exported run, ready to save. */
export interface RunExport {
  fileName: string;
  mimeType: string;
  text: string;
}

const jobKey = (j: { profileId: string; service: string; jobId: string }): string =>
  `${j.service}\u0000${j.jobId}`;

/** Operations that fail every call with `error` (a server whose client could not be built). */
function failingOperations(error: AppError): JobOperations {
  const fail = async () => err(error);
  return { deleteJob: fail, cancelJob: fail, getJob: fail };
}

/** See the module comment. */
export class BulkService {
  private readonly known = new Map<string, Map<string, Job>>();
  private readonly active = new Map<string, BulkRun>();

  constructor(private readonly deps: BulkServiceDeps) {}

  /** Keeps a server's latest listing, so plans use the status the server reported. */
  remember(profileId: string, jobs: readonly Job[]): void {
    this.known.set(profileId, new Map(jobs.map((j) => [jobKey(j), j])));
  }

  /** The plan of `action` over `refs` (a dry run: touches nothing). */
  async plan(action: BulkAction, refs: readonly JobRef[]): Promise<Result<BulkPlan>> {
    const profiles = await this.bulkProfiles();
    if (!profiles.ok) return profiles;
    return ok(planBulk(this.enrich(refs), action, profiles.value));
  }

  /** Plans and starts a run; returns its controls at once. */
  async start(
    action: BulkAction,
    refs: readonly JobRef[],
    options: StartOptions = {},
  ): Promise<Result<BulkRun>> {
    const planned = await this.plan(action, refs);
    if (!planned.ok) return planned;
    return this.run(planned.value, undefined, options);
  }

  /** Starts a new run over the failed (and never-finished) jobs of run `runId`. */
  async retryFailed(runId: string, options: StartOptions = {}): Promise<Result<BulkRun>> {
    if (this.active.has(runId))
      return err({ kind: 'invalid-input', message: 'That run is still going; wait for it to finish.' });
    const profiles = await this.bulkProfiles();
    if (!profiles.ok) return profiles;
    const read = await this.deps.audit.runResults(runId);
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
    const runs = await this.deps.audit.listRuns();
    return runs.reverse();
  }

  /** One run of the audit log with its results and unfinished jobs. */
  async runResults(runId: string): Promise<Result<AuditRunResults>> {
    return this.deps.audit.runResults(runId);
  }

  /** A run's results as CSV or JSON. */
  async exportRun(runId: string, format: 'csv' | 'json'): Promise<Result<RunExport>> {
    const read = await this.deps.audit.runResults(runId);
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

  /** Aborts running runs (in-flight requests finish) and waits for their audit lines. */
  async dispose(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.abort({ waitForInFlight: true, reason: 'The application closed.' });
    await Promise.all(runs.map((r) => r.done));
  }

  private async run(
    plan: BulkPlan,
    retryOf: string | undefined,
    options: StartOptions,
  ): Promise<Result<BulkRun>> {
    const operations = new Map<string, JobOperations>();
    const releases: Array<() => Promise<void>> = [];
    for (const server of plan.servers) {
      const wanted = options.concurrency?.[server.profileId];
      const scoped =
        wanted !== undefined && wanted !== server.concurrency
          ? await this.deps.scopedClient(server.profileId, wanted)
          : null;
      if (scoped?.ok) releases.push(scoped.value.release);
      const client = scoped
        ? scoped.ok
          ? ok(scoped.value.client)
          : scoped
        : await this.deps.client(server.profileId);
      operations.set(
        server.profileId,
        client.ok ? jobOperationsFrom(client.value) : failingOperations(client.error),
      );
    }
    const releaseAll = () => Promise.all(releases.map((release) => release())).then(() => undefined);
    // Each run writes its own file; a failure to register it stops the run before any request.
    const audit = this.deps.audit.sink();
    const run = startBulkRun({
      plan,
      operations,
      audit,
      ...(retryOf ? { retryOf } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    this.active.set(run.runId, run);
    void run.done.finally(() => {
      this.active.delete(run.runId);
      return Promise.all([releaseAll(), audit.close()]).then(() =>
        this.deps.afterRun?.().catch(() => undefined),
      );
    });
    return ok(run);
  }

  private enrich(refs: readonly JobRef[]): BulkJob[] {
    return refs.map((ref) => {
      const job = this.known.get(ref.profileId)?.get(jobKey(ref));
      return job ? jobWithoutUrl(job) : { ...ref };
    });
  }

  private async bulkProfiles(): Promise<Result<BulkProfile[]>> {
    const listed = await this.deps.profiles();
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
