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
import { fromColumns } from '../../../electron/shared/job-columns';
import { CombinedJobs, NO_JOBS, type Combined } from './combined-jobs';
import { StreamedJobs, browserClock, type ListingClock } from './listing-stream';
import { t } from './strings';
import type {
  GpJobsApi,
  Job,
  JobDetailView,
  JobResultView,
  JobsPageView,
  Result,
  ServerJobsView,
} from './contract-types';

/** Rows waiting to be shown are applied once they are this share of the table's rows (or waited long). */
const GROWTH = 0.25;
/** The longest rows of a first load wait to be shown while more stream in. */
const MAX_WAIT_MS = 1_000;

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

  /**
   * Every loaded job of the shown servers, in one array kept in arrival order: rows streaming in are
   * appended (see combined-jobs), so the table can merge them instead of re-deriving every row.
   */
  #combined = $derived.by((): Combined => this.#combiner.combine(this.#shown(), this.jobsByServer));
  /** Every loaded job of the shown servers. */
  jobs = $derived(this.#combined.jobs);
  /** The table's jobs: the working set, plus the finished rows when asked for. */
  tableJobs = $derived.by((): readonly Job[] => {
    if (!this.showFinished || this.finished.size === 0) return this.jobs;
    return this.jobs.concat(finishedOf(this.finished, this.#shown()));
  });
  /**
   * The previous `tableJobs` array that the current one extends by appended rows only, or null when the
   * rows changed any other way (the table then re-derives everything).
   */
  tableJobsGrownFrom = $derived.by((): readonly Job[] | null =>
    this.tableJobs === this.jobs ? this.#combined.grownFrom : null,
  );
  /**
   * The reference time before any server has loaded: fixed, since a clock read inside `refreshedAt` would
   * give the table a new "now" (re-sorting and re-filtering every row) each time a load state changes,
   * which a streaming listing does every frame.
   */
  readonly #openedAt = Date.now();
  /**
   * When jobs were last loaded: the table's reference time for running durations and age filters (a
   * ticking clock would re-sort and re-filter every row on each tick).
   */
  refreshedAt = $derived(
    Object.values(this.loads).reduce((t, l) => Math.max(t, l.loadedAt ?? 0), 0) || this.#openedAt,
  );
  /** Whether any server is loading. */
  loading = $derived(Object.values(this.loads).some((l) => l.loading));

  readonly #api: GpJobsApi;
  readonly #shown: () => readonly string[];
  readonly #clock: ListingClock;
  readonly #combiner = new CombinedJobs();
  /** The listing under way per server (a newer refresh replaces it; its batches are then dropped). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never read by the view
  readonly #listings = new Map<string, StreamedJobs>();
  #unsubscribe: (() => void) | null = null;
  #frameQueued = false;
  /** When the oldest rows not yet shown arrived. */
  #pendingSince: number | null = null;
  /** One copy of each repeated job string, for every listing of this window (see shared-strings). */
  readonly #strings = new SharedStrings();

  /**
   * `shown` gives the ids of the servers whose jobs count, in order (read inside deriveds); `clock` drives
   * when streamed rows are shown (the browser's frames unless a test drives them).
   */
  constructor(api: GpJobsApi, shown: () => readonly string[], clock: ListingClock = browserClock) {
    this.#api = api;
    this.#shown = shown;
    this.#clock = clock;
  }

  /** Stops receiving listing batches (the window is going). */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
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

  async #refreshOne(profileId: string, keepFinished: boolean, again = false): Promise<void> {
    this.#unsubscribe ??= this.#api.events.onJobsPage((page) => this.#onPage(page));
    const listing = this.#startListing(profileId);
    this.#setLoad(profileId, { ...this.load(profileId), loading: true, progress: 0 });
    const r = await call(() => this.#api.jobs.list({ profileId, listingId: listing.id }));
    if (this.#listings.get(profileId) !== listing) return; // a newer refresh of this server won
    const end = r.ok && r.value.streamed ? await listing.whole(r.value.streamed.batches) : 'complete';
    if (this.#listings.get(profileId) !== listing) return;
    this.#listings.delete(profileId);
    if (!r.ok || end !== 'complete') {
      // Keep the rows last loaded (a first load's partial rows go): the sidebar marks the server's error.
      if (listing.streamsIntoTable) this.#setRows(profileId, listing.before);
      const error = r.ok
        ? { kind: 'network' as const, message: t.errors.lostBatches(listing.missing) }
        : r.error;
      this.#setLoad(profileId, { ...this.load(profileId), loading: false, progress: null, error });
      // A lost event (the stream reconnected) is worth one more try; a failed listing is not.
      if (r.ok && !again) await this.#refreshOne(profileId, keepFinished, true);
      return;
    }
    this.#finish(profileId, listing, r.value, keepFinished);
  }

  /** Starts a listing of a server, replacing any under way (whose batches are dropped from now on). */
  #startListing(profileId: string): StreamedJobs {
    const older = this.#listings.get(profileId);
    older?.cancel();
    // A server showing no rows (or only a superseded listing's partial rows) shows the new rows as they
    // come; one showing a complete list keeps it until the new one is complete, then swaps, so an
    // administrator's selection and scroll position are not lost to a table that empties and refills.
    const partial = older?.streamsIntoTable === true;
    const before = partial ? older.before : this.jobsByServer[profileId];
    const streams = partial || (before?.length ?? 0) === 0;
    if (partial && this.jobsByServer[profileId] !== older.before) this.#setRows(profileId, NO_JOBS);
    const listing = new StreamedJobs(profileId, streams, before, this.#clock);
    this.#listings.set(profileId, listing);
    return listing;
  }

  #onPage(page: JobsPageView): void {
    const listing = this.#listings.get(page.profileId);
    if (!listing || listing.id !== page.listingId) return; // an older listing's, or a removed server's
    const jobs = fromColumns(page.profileId, page.columns);
    if (!listing.add(page.batch, this.#strings.shareJobs(jobs))) return;
    if (listing.streamsIntoTable) this.#pendingSince ??= this.#clock.now();
    // The very first rows of an empty table go in at once: nothing to re-derive, and the administrator
    // sees jobs without waiting for a frame behind the batches still arriving.
    if (listing.streamsIntoTable && this.jobs.length === 0) this.#showPending();
    if (!this.#frameQueued) {
      this.#frameQueued = true;
      this.#clock.frame(() => this.#onFrame());
    }
  }

  /**
   * At most once per frame: every listing's progress, and the rows waiting to be shown when they are due
   * (a quarter of the table's rows, or waited a second), so a million rows mean a few dozen table updates.
   */
  #onFrame(): void {
    this.#frameQueued = false;
    let loads: Record<string, ServerLoad> | null = null;
    let waiting = 0;
    for (const [id, listing] of this.#listings) {
      const load = this.loads[id];
      if (load?.loading && load.progress !== listing.count) {
        loads ??= { ...this.loads };
        loads[id] = { ...load, progress: listing.count };
      }
      waiting += listing.pendingCount;
    }
    if (loads) this.loads = loads;
    if (waiting === 0) return;
    const waited = this.#clock.now() - (this.#pendingSince ?? this.#clock.now());
    if (waiting >= GROWTH * this.jobs.length || waited >= MAX_WAIT_MS) this.#showPending();
    else {
      this.#frameQueued = true;
      this.#clock.frame(() => this.#onFrame());
    }
  }

  /** Appends every streaming listing's waiting rows to its server's rows (recorded as an append). */
  #showPending(): void {
    const next = { ...this.jobsByServer };
    for (const [id, listing] of this.#listings) {
      if (listing.pendingCount === 0) continue;
      const rows = next[id] ?? NO_JOBS;
      next[id] = rows.concat(listing.takePending());
      this.#combiner.grew(rows, next[id]);
    }
    this.#pendingSince = null;
    this.jobsByServer = next;
  }

  /** Sets a server's rows (undefined: none loaded). */
  #setRows(profileId: string, rows: readonly Job[] | undefined): void {
    const { [profileId]: _old, ...others } = this.jobsByServer;
    this.jobsByServer = rows === undefined ? others : { ...others, [profileId]: rows };
  }

  /** A whole listing: its rows replace the server's (an append when they streamed in), its state is set. */
  #finish(profileId: string, listing: StreamedJobs, answer: ServerJobsView, keepFinished: boolean): void {
    let jobs: readonly Job[];
    if (!answer.streamed) jobs = this.#strings.shareJobs(answer.jobs);
    else if (!listing.streamsIntoTable) jobs = listing.all();
    else {
      const rows = this.jobsByServer[profileId] ?? NO_JOBS;
      jobs = listing.pendingCount ? rows.concat(listing.takePending()) : rows;
      this.#combiner.grew(rows, jobs);
    }
    const fresh = newFailureKeys(listing.before, jobs);
    this.newFailures = withKeys(this.newFailures, fresh);
    this.jobsByServer = { ...this.jobsByServer, [profileId]: jobs };
    this.#setLoad(profileId, {
      loading: false,
      progress: null,
      error: null,
      failures: answer.failures,
      warnings: answer.warnings,
      services: answer.services,
      loadedAt: Date.now(),
    });
    if (!keepFinished) this.finished = dropFinished(this.finished, profileId);
    const kept = finishedOf(this.finished, [profileId]);
    this.results = pruneResults(this.results, profileId, kept.length ? [...jobs, ...kept] : jobs);
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
    this.#listings.get(profileId)?.cancel();
    this.#listings.delete(profileId);
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
