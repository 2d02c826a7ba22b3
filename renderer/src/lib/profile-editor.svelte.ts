/**
 * The server form's logic: edits a draft, saves it (showing the site root the backend normalised the URL
 * to), sends a new password straight to the keychain (or the session when the keychain is unavailable),
 * tests the connection as the form stands (saving nothing: Save is the only write) and removes the server.
 */
import type { AppError, ConnectionInfo, ProfileView, Result } from './contract-types';
import {
  draftChanged,
  draftFromProfile,
  storedPasswordChanges,
  toProfileInput,
  validateDraft,
  type DraftErrors,
  type ProfileDraft,
} from './profile-draft';
import { copyText } from './clipboard';
import { t } from './strings';
import type { Workspace } from './workspace.svelte';

/** One open server form. */
export class ProfileEditor {
  draft = $state<ProfileDraft>() as ProfileDraft;
  baseline = $state.raw<ProfileDraft>() as ProfileDraft;
  id = $state<string | null>(null);
  errors = $state.raw<DraftErrors>({});
  error = $state.raw<AppError | null>(null);
  keychainError = $state.raw<AppError | null>(null);
  savedRoot = $state<string | null>(null);
  password = $state('');
  sessionOnly = $state(false);
  #test = $state.raw<Result<ConnectionInfo> | null>(null);
  /** The form (fields and typed password) the last test was of. */
  #testedAs = $state<string | null>(null);
  /** The last test's result, or null once the form has changed since: it no longer says what was tested. */
  get test(): Result<ConnectionInfo> | null {
    return this.#testedAs === this.#formKey() ? this.#test : null;
  }
  /** The last test was of the form's unsaved settings or typed password (nothing saved by it). */
  testedDraft = $state(false);
  busy = $state<'saving' | 'testing' | 'diagnosing' | 'removing' | null>(null);
  /** A short confirmation of the last save. */
  notice = $state<string | null>(null);

  readonly managed: boolean;
  readonly #workspace: Workspace;
  /** Unsaved profile edits. */
  dirty = $derived(draftChanged(this.draft, this.baseline));
  /** What this edit changes of the things the stored password was entered for (Save forgets it then). */
  passwordChanges = $derived(this.id ? storedPasswordChanges(this.baseline, this.draft) : []);
  /**
   * Closing would lose what a draft test made look done: a new server, edits or a typed password that
   * passed (or failed) Test connection but were never saved. The form asks before closing then.
   */
  get discardAsks(): boolean {
    return this.testedDraft && (this.password !== '' || (!this.managed && (this.dirty || this.id === null)));
  }
  /** Where this profile's password is kept. */
  credential = $derived.by(
    () => this.#workspace.profiles.find((p) => p.id === this.id)?.credential ?? 'none',
  );

  constructor(workspace: Workspace, profile: ProfileView | null) {
    this.#workspace = workspace;
    this.managed = profile?.managed ?? false;
    this.id = profile?.id ?? null;
    const draft = draftFromProfile(
      profile,
      workspace.profiles.map((p) => p.color),
    );
    this.draft = draft;
    this.baseline = { ...draft };
  }

  /** Saves the profile (unless managed) and any new password; true when everything was stored. */
  async save(): Promise<boolean> {
    this.notice = null;
    const tested = this.test !== null; // taken before Save normalises the URL and clears the password
    if (!this.managed && (this.dirty || this.id === null)) {
      this.errors = validateDraft(this.draft);
      if (Object.keys(this.errors).length > 0) return false;
      this.busy = 'saving';
      const r = await this.#workspace.saveProfile(toProfileInput(this.draft, this.id ?? undefined));
      this.busy = null;
      if (!r.ok) {
        this.error = r.error;
        return false;
      }
      this.error = null;
      this.id = r.value.id;
      this.savedRoot = r.value.serverUrl;
      this.draft.serverUrl = r.value.serverUrl;
      this.baseline = { ...this.draft };
    }
    if (this.password && !(await this.#storePassword(this.sessionOnly))) return false;
    // What was tested is saved now, unless the form changed after the test (its result is hidden then).
    this.#testedAs = tested ? this.#formKey() : null;
    this.testedDraft = false;
    this.notice = t.form.saved;
    if (this.id) void this.#workspace.refresh(this.id);
    return true;
  }

  /** Retries a refused keychain write as a session-only password. */
  async keepForSession(): Promise<void> {
    this.sessionOnly = true;
    if (await this.#storePassword(true)) {
      this.notice = t.form.passwordKeptForSession;
      if (this.id) void this.#workspace.refresh(this.id);
    }
  }

  /** Forgets the stored password. */
  async forgetPassword(): Promise<void> {
    if (!this.id) return;
    const r = await this.#workspace.clearPassword(this.id);
    this.error = r.ok ? null : r.error;
    if (r.ok) this.notice = t.form.passwordForgotten;
  }

  /**
   * Tests the connection as the form stands, writing nothing (no profile, no keychain entry): a saved
   * server with no edits and no typed password is tested as saved (its sidebar state follows); otherwise
   * the draft, with the typed password or, for a saved server, its stored one (which the backend uses
   * only with the URLs, sign-in, user name and CA it was entered for). The password goes to the backend and never comes back.
   */
  async testConnection(): Promise<void> {
    const asSaved = this.id !== null && !this.dirty && !this.password;
    if (!asSaved) {
      this.errors = this.managed ? {} : validateDraft(this.draft);
      if (Object.keys(this.errors).length > 0) return;
    }
    this.busy = 'testing';
    this.#test = null;
    this.testedDraft = !asSaved;
    this.#testedAs = this.#formKey();
    this.#test =
      this.id !== null && asSaved
        ? await this.#workspace.testConnection(this.id)
        : await this.#workspace.testDraft(
            toProfileInput(this.draft, this.id ?? undefined),
            this.password || undefined,
          );
    this.busy = null;
    if (this.#test.ok && asSaved && this.id) void this.#workspace.refresh(this.id);
  }

  #formKey(): string {
    return JSON.stringify([this.draft, this.password]);
  }

  /** Copies the server's diagnostics report to the clipboard, for a bug report. */
  async copyDiagnostics(): Promise<void> {
    if (!this.id) return;
    this.busy = 'diagnosing';
    const r = await this.#workspace.diagnose(this.id);
    this.busy = null;
    this.error = r.ok ? null : r.error;
    if (!r.ok) return;
    this.notice = (await copyText(r.value.text)) ? t.form.diagnosticsCopied : t.form.diagnosticsNotCopied;
  }

  /** Removes the server; true when it is gone. */
  async remove(): Promise<boolean> {
    if (!this.id || this.managed) return false;
    this.busy = 'removing';
    const r = await this.#workspace.removeProfile(this.id);
    this.busy = null;
    this.error = r.ok ? null : r.error;
    return r.ok;
  }

  async #storePassword(sessionOnly: boolean): Promise<boolean> {
    if (!this.id) return false;
    this.busy = 'saving';
    const r = await this.#workspace.setPassword(this.id, this.password, sessionOnly);
    this.busy = null;
    if (!r.ok) {
      if (r.error.kind === 'keychain') this.keychainError = r.error;
      else this.error = r.error;
      return false;
    }
    this.password = '';
    this.keychainError = null;
    this.error = null;
    return true;
  }
}
