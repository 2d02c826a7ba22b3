/**
 * The workspace's shared state (CONTRIBUTING.md rule 11): server profiles, their connection state, the jobs
 * loaded per server, and each row's last bulk result. Components read it; only its methods change it.
 * Every backend call returns a Result; failures are kept as values next to the server they belong to.
 */
import type { JobKey, RowResult } from './jobs/job-types';
import { NO_RESULTS, mergeResults, profileIndex, pruneResults } from './job-results';
import { unexpectedError } from './errors';
import { NO_KEYS, newFailureKeys, withKeys } from './auto-refresh';
import { currentServerColor } from '../../../electron/shared/server-colors';
import { IDLE_LOAD, type ServerLoad } from './server-status';
import { NO_FINISHED, applyOutcomes, dropFinished, finishedOf, type FinishedJobs } from './working-set';
import type {
  AppError,
  ConnectionInfo,
  ConnectionStateView,
  GpJobsApi,
  ImportReport,
  Job,
  JobDetailView,
  JobResultView,
  ProfileEntry,
  ProfileInput,
  ProfileView,
  Result,
  CredentialState,
} from './contract-types';

const HIDDEN_KEY = 'gpja.hiddenServers';

/** Calls the backend, turning a thrown bridge error into an error value. */
export async function call<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (cause) {
    return { ok: false, error: unexpectedError(cause) };
  }
}

/** Servers, jobs and results, for every component of the workspace. */
export class Workspace {
  profiles = $state.raw<ProfileView[]>([]);
  profilesReady = $state(false);
  profilesError = $state.raw<AppError | null>(null);
  /** Problems with the profile files (a damaged file moved aside, a bad managed file), shown until dismissed. */
  profileProblems = $state.raw<AppError[]>([]);
  /** Profiles the user hid from the table (persisted; new servers are shown). */
  hidden = $state.raw<readonly string[]>([]);
  connections = $state.raw<Readonly<Record<string, ConnectionStateView>>>({});
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

  /** Profiles whose jobs the table shows, in sidebar order. */
  shownProfiles = $derived(this.profiles.filter((p) => !this.hidden.includes(p.id)));
  /** Every loaded job of the shown servers. */
  jobs = $derived.by((): readonly Job[] =>
    ([] as Job[]).concat(...this.shownProfiles.map((p) => this.jobsByServer[p.id] ?? [])),
  );
  /** The table's jobs: the working set, plus the finished rows when asked for. */
  tableJobs = $derived.by((): readonly Job[] => {
    if (!this.showFinished || this.finished.size === 0) return this.jobs;
    return this.jobs.concat(
      finishedOf(
        this.finished,
        this.shownProfiles.map((p) => p.id),
      ),
    );
  });
  /** Profile id → name, for the table's server column and the chips. */
  profileNames = $derived(profileIndex(this.profiles, 'name'));
  /** Profile id → colour, for the table's server swatches. */
  profileColors = $derived(profileIndex(this.profiles, 'color'));
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
  readonly #storage: Storage | null;
  #requests: Record<string, number> = {};
  #unsubscribe: (() => void) | null = null;

  constructor(api: GpJobsApi, storage: Storage | null = null) {
    this.#api = api;
    this.#storage = storage;
    this.hidden = readHidden(storage);
  }

  /** The backend API, for components with one-off calls (job detail, open external). */
  get api(): GpJobsApi {
    return this.#api;
  }

  /** Subscribes to connection events, loads the profiles, then every shown server's jobs. */
  async start(): Promise<void> {
    this.#unsubscribe = this.#api.events.onConnectionState((ev) => {
      this.connections = { ...this.connections, [ev.profileId]: ev };
    });
    await this.loadProfiles();
    await this.refresh();
  }

  /** Stops listening for events. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** Reloads the profile list. */
  async loadProfiles(): Promise<void> {
    const r = await call(() => this.#api.profiles.list());
    this.profilesReady = true;
    if (!r.ok) {
      this.profilesError = r.error;
      return;
    }
    this.profilesError = null;
    // Colours saved by earlier versions may look like status colours: show (and re-save) their replacement.
    this.profiles = r.value.profiles.map((p) => ({ ...p, color: currentServerColor(p.color) }));
    // The store reports a damaged file once; keep showing it until the user dismisses it.
    const known = this.profileProblems.map((p) => p.message);
    const fresh = r.value.problems.filter((p) => !known.includes(p.message));
    if (fresh.length > 0) this.profileProblems = [...this.profileProblems, ...fresh];
  }

  /** Hides the profile-file problems shown so far. */
  dismissProfileProblems(): void {
    this.profileProblems = [];
  }

  /** The load state of a server (idle when never loaded). */
  load(profileId: string): ServerLoad {
    return this.loads[profileId] ?? IDLE_LOAD;
  }

  /**
   * Reloads one server's jobs, or every shown server's concurrently; other servers' rows stay put. The
   * refreshed servers' finished rows go (the server now says what is left).
   */
  async refresh(profileId?: string): Promise<void> {
    const ids = profileId ? [profileId] : this.shownProfiles.map((p) => p.id);
    await Promise.all(ids.map((id) => this.#refreshOne(id, false)));
  }

  /** The refresh that follows a bulk run: the servers it touched, keeping their finished rows to show. */
  async refreshAfterRun(profileIds: readonly string[]): Promise<void> {
    await Promise.all(profileIds.map((id) => this.#refreshOne(id, true)));
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

  /** Clears the new-failure highlights. */
  markFailuresSeen(): void {
    this.newFailures = NO_KEYS;
  }

  #setLoad(profileId: string, load: ServerLoad): void {
    this.loads = { ...this.loads, [profileId]: load };
  }

  /** Shows or hides a server's jobs in the table. */
  toggleShown(profileId: string): void {
    const hidden = this.hidden.includes(profileId)
      ? this.hidden.filter((id) => id !== profileId)
      : [...this.hidden, profileId];
    this.hidden = hidden;
    writeHidden(this.#storage, hidden);
    if (!hidden.includes(profileId) && !this.loads[profileId]?.loadedAt) void this.refresh(profileId);
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

  /** Creates or updates a profile; the saved entry carries the normalised site root. */
  async saveProfile(input: ProfileInput): Promise<Result<ProfileEntry>> {
    const r = await call(() => this.#api.profiles.save(input));
    if (r.ok) await this.loadProfiles();
    return r;
  }

  /** Removes a profile, its password and its rows. */
  async removeProfile(profileId: string): Promise<Result<null>> {
    const r = await call(() => this.#api.profiles.remove({ profileId }));
    if (!r.ok) return r;
    // The profile is gone; a password left in the keychain is worth telling the administrator about.
    const warning = r.value.credentialWarning;
    if (warning) this.profileProblems = [...this.profileProblems, warning];
    const { [profileId]: _jobs, ...jobs } = this.jobsByServer;
    const { [profileId]: _load, ...loads } = this.loads;
    this.jobsByServer = jobs;
    this.loads = loads;
    this.results = pruneResults(this.results, profileId, []);
    this.finished = dropFinished(this.finished, profileId);
    await this.loadProfiles();
    return { ok: true, value: null };
  }

  /** Sends a password straight to the keychain (or the session); it is never read back. */
  async setPassword(
    profileId: string,
    password: string,
    sessionOnly = false,
  ): Promise<Result<{ stored: CredentialState }>> {
    const r = await call(() => this.#api.credentials.set({ profileId, password, sessionOnly }));
    if (r.ok) this.#setCredential(profileId, r.value.stored);
    return r;
  }

  /** Forgets a profile's password. */
  async clearPassword(profileId: string): Promise<Result<null>> {
    const r = await call(() => this.#api.credentials.clear({ profileId }));
    if (r.ok) this.#setCredential(profileId, 'none');
    return r;
  }

  #setCredential(profileId: string, credential: CredentialState): void {
    this.profiles = this.profiles.map((p) => (p.id === profileId ? { ...p, credential } : p));
  }

  /** Tests a saved profile's connection: version, federation and admin rights, or why not. */
  testConnection(profileId: string): Promise<Result<ConnectionInfo>> {
    return call(() => this.#api.profiles.test({ profileId }));
  }

  /** A saved profile's diagnostics report (answer shapes only, nothing identifying), as JSON text. */
  diagnose(profileId: string): Promise<Result<{ text: string }>> {
    return call(() => this.#api.profiles.diagnose({ profileId }));
  }

  /** Imports profiles from a file's text, then reloads the list. */
  async importProfiles(text: string): Promise<Result<ImportReport>> {
    const r = await call(() => this.#api.profiles.import({ text }));
    if (r.ok && r.value.added > 0) {
      await this.loadProfiles();
      await this.refresh();
    }
    return r;
  }

  /** The profiles as JSON for a file (no secrets). */
  exportProfiles(): Promise<Result<{ json: string }>> {
    return call(() => this.#api.profiles.export({}));
  }

  /** A job's fields, messages and REST page. */
  jobDetail(job: Pick<Job, 'profileId' | 'service' | 'jobId'>): Promise<Result<JobDetailView>> {
    return call(() =>
      this.#api.jobs.detail({ profileId: job.profileId, service: job.service, jobId: job.jobId }),
    );
  }

  /** Opens a URL of a configured server in the system browser. */
  openExternal(url: string): Promise<Result<null>> {
    return call(() => this.#api.app.openExternal({ url }));
  }
}

function readHidden(storage: Storage | null): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(HIDDEN_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function writeHidden(storage: Storage | null, hidden: readonly string[]): void {
  try {
    storage?.setItem(HIDDEN_KEY, JSON.stringify(hidden));
  } catch {
    // Storage full or disabled: the choice holds for this session.
  }
}
