/**
 * The workspace's shared state (CONTRIBUTING.md rule 11), in two parts: the profile state (servers, their
 * connection state, which are shown, passwords) and the job state (jobs per server, loads, bulk results).
 * This class ties them together (the jobs of the shown servers; removing or importing a server touches
 * both) and gives components one object to read, under the names they always used. Components read it;
 * only its methods change it. Every backend call returns a Result; failures are kept as values.
 */
import { call } from './errors';
import { JobState } from './job-state.svelte';
import { ProfileState } from './profile-state.svelte';
import type { GpJobsApi, ImportReport, Result } from './contract-types';

/** Servers, jobs and results, for every component of the workspace. */
export class Workspace {
  /** Profiles, connection state, shown servers and passwords. */
  readonly profileState: ProfileState;
  /** Jobs, loads and bulk results of the shown servers. */
  readonly jobState: JobState;

  // The profile state's fields, as components read them.
  profiles = $derived.by(() => this.profileState.profiles);
  profilesReady = $derived.by(() => this.profileState.profilesReady);
  profilesError = $derived.by(() => this.profileState.profilesError);
  profileProblems = $derived.by(() => this.profileState.profileProblems);
  hidden = $derived.by(() => this.profileState.hidden);
  connections = $derived.by(() => this.profileState.connections);
  shownProfiles = $derived.by(() => this.profileState.shownProfiles);
  profileNames = $derived.by(() => this.profileState.profileNames);
  profileColors = $derived.by(() => this.profileState.profileColors);

  // The job state's fields, as components read them.
  jobsByServer = $derived.by(() => this.jobState.jobsByServer);
  results = $derived.by(() => this.jobState.results);
  finished = $derived.by(() => this.jobState.finished);
  newFailures = $derived.by(() => this.jobState.newFailures);
  jobs = $derived.by(() => this.jobState.jobs);
  tableJobs = $derived.by(() => this.jobState.tableJobs);
  /** The previous `tableJobs` the current one extends by appended rows only, or null (see JobState). */
  tableJobsGrownFrom = $derived.by(() => this.jobState.tableJobsGrownFrom);
  refreshedAt = $derived.by(() => this.jobState.refreshedAt);
  loading = $derived.by(() => this.jobState.loading);

  readonly #api: GpJobsApi;
  #unsubscribe: (() => void) | null = null;

  constructor(api: GpJobsApi, storage: Storage | null = null) {
    this.#api = api;
    this.profileState = new ProfileState(api, storage);
    this.jobState = new JobState(api, () => this.profileState.shownProfiles.map((p) => p.id));
  }

  /** The backend API, for components with one-off calls. */
  get api(): GpJobsApi {
    return this.#api;
  }

  /** Whether the table still shows the finished rows (struck through); the job table binds to it. */
  get showFinished(): boolean {
    return this.jobState.showFinished;
  }

  set showFinished(show: boolean) {
    this.jobState.showFinished = show;
  }

  /** Subscribes to connection events, loads the profiles, then every shown server's jobs. */
  async start(): Promise<void> {
    this.#unsubscribe = this.profileState.listen();
    await this.profileState.loadProfiles();
    await this.refresh();
  }

  /** Stops listening for events. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.jobState.stop();
  }

  /**
   * Reloads one server's jobs, or every shown server's concurrently; other servers' rows stay put. The
   * refreshed servers' finished rows go (the server now says what is left).
   */
  refresh(profileId?: string): Promise<void> {
    return this.jobState.refresh(profileId ? [profileId] : this.profileState.shownProfiles.map((p) => p.id));
  }

  /** The refresh that follows a bulk run: the servers it touched, keeping their finished rows to show. */
  refreshAfterRun(profileIds: readonly string[]): Promise<void> {
    return this.jobState.refresh(profileIds, true);
  }

  /** Shows or hides a server's jobs in the table; a server shown for the first time loads its jobs. */
  toggleShown(profileId: string): void {
    const shown = this.profileState.toggleShown(profileId);
    if (shown && !this.jobState.loads[profileId]?.loadedAt) void this.refresh(profileId);
  }

  /** Removes a profile, its password and its rows. */
  async removeProfile(profileId: string): Promise<Result<null>> {
    const r = await this.profileState.removeProfile(profileId);
    if (!r.ok) return r;
    this.jobState.forget(profileId);
    await this.profileState.loadProfiles();
    return r;
  }

  /** Imports profiles from a file's text; when any were added, reloads the list and every shown server. */
  async importProfiles(text: string): Promise<Result<ImportReport>> {
    const r = await this.profileState.importProfiles(text);
    if (r.ok && r.value.added > 0) await this.refresh();
    return r;
  }

  /** Opens a URL of a configured server in the system browser. */
  openExternal(url: string): Promise<Result<null>> {
    return call(() => this.#api.app.openExternal({ url }));
  }

  // One-part operations, under the names components use (see ProfileState and JobState).
  loadProfiles = (): Promise<void> => this.profileState.loadProfiles();
  dismissProfileProblems = (): void => this.profileState.dismissProfileProblems();
  saveProfile: ProfileState['saveProfile'] = (input) => this.profileState.saveProfile(input);
  setPassword: ProfileState['setPassword'] = (...args) => this.profileState.setPassword(...args);
  clearPassword: ProfileState['clearPassword'] = (id) => this.profileState.clearPassword(id);
  testConnection: ProfileState['testConnection'] = (id) => this.profileState.testConnection(id);
  testDraft: ProfileState['testDraft'] = (...args) => this.profileState.testDraft(...args);
  diagnose: ProfileState['diagnose'] = (id) => this.profileState.diagnose(id);
  exportProfiles: ProfileState['exportProfiles'] = () => this.profileState.exportProfiles();
  load: JobState['load'] = (id) => this.jobState.load(id);
  markFailuresSeen = (): void => this.jobState.markFailuresSeen();
  applyResults: JobState['applyResults'] = (results) => this.jobState.applyResults(results);
  jobDetail: JobState['jobDetail'] = (job) => this.jobState.jobDetail(job);
}
