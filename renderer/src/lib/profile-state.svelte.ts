/**
 * The workspace's server side (CONTRIBUTING.md rule 11): the profiles, the problems with their files, which
 * servers the user hid, each server's connection state, and every profile and password operation. It knows
 * nothing of jobs; the Workspace ties it to the job state.
 */
import { currentServerColor } from '../../../electron/shared/server-colors';
import { call } from './errors';
import { profileIndex } from './job-results';
import type {
  AppError,
  ConnectionInfo,
  ConnectionStateView,
  CredentialState,
  GpJobsApi,
  ImportReport,
  ProfileEntry,
  ProfileInput,
  ProfileView,
  Result,
} from './contract-types';

const HIDDEN_KEY = 'gpja.hiddenServers';

/** Server profiles, their connection state and which of them the table shows. */
export class ProfileState {
  profiles = $state.raw<ProfileView[]>([]);
  profilesReady = $state(false);
  profilesError = $state.raw<AppError | null>(null);
  /** Problems with the profile files (a damaged file moved aside, a bad managed file), shown until dismissed. */
  profileProblems = $state.raw<AppError[]>([]);
  /** Profiles the user hid from the table (persisted; new servers are shown). */
  hidden = $state.raw<readonly string[]>([]);
  connections = $state.raw<Readonly<Record<string, ConnectionStateView>>>({});

  /** Profiles whose jobs the table shows, in sidebar order. */
  shownProfiles = $derived(this.profiles.filter((p) => !this.hidden.includes(p.id)));
  /** Profile id → name, for the table's server column and the chips. */
  profileNames = $derived(profileIndex(this.profiles, 'name'));
  /** Profile id → colour, for the table's server swatches. */
  profileColors = $derived(profileIndex(this.profiles, 'color'));

  readonly #api: GpJobsApi;
  readonly #storage: Storage | null;

  constructor(api: GpJobsApi, storage: Storage | null = null) {
    this.#api = api;
    this.#storage = storage;
    this.hidden = readHidden(storage);
  }

  /** Follows the backend's connection events; returns the unsubscribe. */
  listen(): () => void {
    return this.#api.events.onConnectionState((ev) => {
      this.connections = { ...this.connections, [ev.profileId]: ev };
    });
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

  /** Shows or hides a server's jobs in the table (remembered); true when it is now shown. */
  toggleShown(profileId: string): boolean {
    const shown = this.hidden.includes(profileId);
    const hidden = shown ? this.hidden.filter((id) => id !== profileId) : [...this.hidden, profileId];
    this.hidden = hidden;
    writeHidden(this.#storage, hidden);
    return shown;
  }

  /** Creates or updates a profile; the saved entry carries the normalised site root. */
  async saveProfile(input: ProfileInput): Promise<Result<ProfileEntry>> {
    const r = await call(() => this.#api.profiles.save(input));
    if (r.ok) await this.loadProfiles();
    return r;
  }

  /** Removes a profile and its password (the caller reloads the list); a password left behind is a problem to show. */
  async removeProfile(profileId: string): Promise<Result<null>> {
    const r = await call(() => this.#api.profiles.remove({ profileId }));
    if (!r.ok) return r;
    const warning = r.value.credentialWarning;
    if (warning) this.profileProblems = [...this.profileProblems, warning];
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

  /** Tests a profile as the form holds it, saving nothing; the password goes to the backend only. */
  testDraft(profile: ProfileInput, password?: string): Promise<Result<ConnectionInfo>> {
    return call(() => this.#api.profiles.testDraft({ profile, ...(password ? { password } : {}) }));
  }

  /** A saved profile's diagnostics report (answer shapes only, nothing identifying), as JSON text. */
  diagnose(profileId: string): Promise<Result<{ text: string }>> {
    return call(() => this.#api.profiles.diagnose({ profileId }));
  }

  /** Imports profiles from a file's text, reloading the list when any were added. */
  async importProfiles(text: string): Promise<Result<ImportReport>> {
    const r = await call(() => this.#api.profiles.import({ text }));
    if (r.ok && r.value.added > 0) await this.loadProfiles();
    return r;
  }

  /** The profiles as JSON for a file (no secrets). */
  exportProfiles(): Promise<Result<{ json: string }>> {
    return call(() => this.#api.profiles.export({}));
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
