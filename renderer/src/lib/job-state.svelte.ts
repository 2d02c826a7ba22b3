/**
 * The workspace's job side (CONTRIBUTING.md rule 11): the jobs loaded per server and each server's load
 * state, each row's last bulk result, the finished rows kept for reference and the new-failure highlights.
 * Which servers count comes from outside (the shown profiles), so it knows nothing of profiles.
 */
import type { JobKey, RowResult } from './jobs/job-types';
import { NO_RESULTS, mergeResults, pruneResults } from './job-results';
import { call } from './errors';
import { NO_KEYS, newFailureKeys, withKeys } from './auto-refresh';
import { IDLE_LOAD, type ServerLoad } from './server-status';
import { NO_FINISHED, applyOutcomes, dropFinished, finishedOf, type FinishedJobs } from './working-set';
import { SharedStrings } from './jobs/shared-strings';
import type { GpJobsApi, Job, JobDetailView, JobResultView, Result } from './contract-types';

/** Jobs per server, their load state and their bulk results. */
export class JobState {
  jobsByServer = $state.raw<Readonly<Record<string, readonly Job[]>>>({});
  loads = $state.raw<Readonly<Record<string, ServerLoad>>>({});
  /** The last bulk action's result per row, keyed `profileId|service|jobId`. */
  results = $state.raw<ReadonlyMap<JobKey, RowResult>>(NO_RESULTS);
  /** Deleted and already-gone jobs, out of the working set, kept until their server's next refresh. */
  finished = $state.raw<FinishedJobs>(NO_FINISHED);
  /** Whether the table still shows the finished rows (struck through). */
  showFinished = $state(false);
  /** Jobs that failed since the user last looked (found by a refresh), highlighted until marked seen. */
  newFailures = $state.raw<ReadonlySet<JobKey>>(NO_KEYS);

  /** Every loaded job of the shown servers. */
  jobs = $derived.by((): readonly Job[] =>
    ([] as Job[]).concat(...this.#shown().map((id) => this.jobsByServer[id] ?? [])),
  );
  /** The table's jobs: the working set, plus the finished rows when asked for. */
  tableJobs = $derived.by((): readonly Job[] => {
    if (!this.showFinished || this.finished.size === 0) return this.jobs;
    return this.jobs.concat(finishedOf(this.finished, this.#shown()));
  });
  /**
   * When jobs were last loaded: the table's reference time for running durations and age filters (a
   * ticking clock would re-sort and re-filter every row on each tick).
   */
  refreshedAt = $derived(
    Object.values(this.loads).reduce((t, l) => Math.max(t, l.loadedAt ?? 0), 0) || Date.now(),
  );
  /** Whether any server is loading. */
  loading = $derived(Object.values(this.loads).some((l) => l.loading));

  readonly #api: GpJobsApi;
  readonly #shown: () => readonly string[];
  #requests: Record<string, number> = {};
  /** One copy of each repeated job string, for every listing of this window (see shared-strings). */
  readonly #strings = new SharedStrings();

  /** `shown` gives the ids of the servers whose jobs count, in order (read inside deriveds). */
  constructor(api: GpJobsApi, shown: () => readonly string[]) {
    this.#api = api;
    this.#shown = shown;
  }

  /** The load state of a server (idle when never loaded). */
  load(profileId: string): ServerLoad {
    return this.loads[profileId] ?? IDLE_LOAD;
  }

  /**
   * Reloads these servers' jobs concurrently; other servers' rows stay put. Their finished rows go (the
   * server now says what is left) unless `keepFinished` (the refresh after a run, which shows them).
   */
  async refresh(profileIds: readonly string[], keepFinished = false): Promise<void> {
    await Promise.all(profileIds.map((id) => this.#refreshOne(id, keepFinished)));
  }

  async #refreshOne(profileId: string, keepFinished: boolean): Promise<void> {
    const ticket = (this.#requests[profileId] ?? 0) + 1;
    this.#requests[profileId] = ticket;
    this.#setLoad(profileId, { ...this.load(profileId), loading: true });
    const r = await call(() => this.#api.jobs.list({ profileId }));
    if (this.#requests[profileId] !== ticket) return; // a newer refresh of this server won
    if (!r.ok) {
      // Keep the rows last loaded: the sidebar marks the server's error and when it last refreshed.
      this.#setLoad(profileId, { ...this.load(profileId), loading: false, error: r.error });
      return;
    }
    this.#strings.shareJobs(r.value.jobs);
    const fresh = newFailureKeys(this.jobsByServer[profileId], r.value.jobs);
    this.newFailures = withKeys(this.newFailures, fresh);
    this.jobsByServer = { ...this.jobsByServer, [profileId]: r.value.jobs };
    this.#setLoad(profileId, {
      loading: false,
      error: null,
      failures: r.value.failures,
      warnings: r.value.warnings,
      services: r.value.services,
      loadedAt: Date.now(),
    });
    if (!keepFinished) this.finished = dropFinished(this.finished, profileId);
    const kept = finishedOf(this.finished, [profileId]);
    this.results = pruneResults(
      this.results,
      profileId,
      kept.length ? [...r.value.jobs, ...kept] : r.value.jobs,
    );
  }

  #setLoad(profileId: string, load: ServerLoad): void {
    this.loads = { ...this.loads, [profileId]: load };
  }

  /** Clears the new-failure highlights. */
  markFailuresSeen(): void {
    this.newFailures = NO_KEYS;
  }

  /**
   * Records bulk results on their rows, and updates the working set at once: deleted and already-gone
   * jobs leave it (kept as finished rows), cancelled ones read as cancelled (see working-set).
   */
  applyResults(results: readonly JobResultView[]): void {
    this.results = mergeResults(this.results, results);
    const next = applyOutcomes(this.jobsByServer, this.finished, results);
    this.jobsByServer = next.jobsByServer;
    this.finished = next.finished;
  }

  /** Drops everything held for a server (its profile was removed). */
  forget(profileId: string): void {
    const { [profileId]: _jobs, ...jobs } = this.jobsByServer;
    const { [profileId]: _load, ...loads } = this.loads;
    this.jobsByServer = jobs;
    this.loads = loads;
    this.results = pruneResults(this.results, profileId, []);
    this.finished = dropFinished(this.finished, profileId);
  }

  /** A job's fields, messages and REST page. */
  jobDetail(job: Pick<Job, 'profileId' | 'service' | 'jobId'>): Promise<Result<JobDetailView>> {
    return call(() =>
      this.#api.jobs.detail({ profileId: job.profileId, service: job.service, jobId: job.jobId }),
    );
  }
}
