/**
 * The one place the app and the CLI ask for a profile's password.
 * It uses the keychain; only when the caller explicitly opts in (`useSessionOnly`, after showing the
 * keychain error) does a password live in memory for this run. Status never reveals the secret.
 */
import type { AppError, Result } from '../types';
import { ok } from '../types';
import type { CredentialStore } from './credential-store';
import { checkPassword, checkProfileId } from './credential-store';
import { SessionCredentialStore } from './session-store';

/** Where a profile's password currently is. */
export type CredentialLocation = 'keychain' | 'session' | 'none';

/** Where a password is, and why the keychain could not be asked, if it could not. */
export interface CredentialStatus {
  stored: CredentialLocation;
  keychainError?: AppError;
}

/** The keychain plus the opt-in, per-run memory store. */
export interface VaultOptions {
  keychain: CredentialStore;
  session?: SessionCredentialStore;
}

/** Composes the keychain and the session store; see the module comment. */
export class CredentialVault {
  private readonly keychain: CredentialStore;
  private readonly session: SessionCredentialStore;

  constructor(options: VaultOptions) {
    this.keychain = options.keychain;
    this.session = options.session ?? new SessionCredentialStore();
  }

  /** The password: the one kept for this run if the user chose that, else the keychain's. */
  async get(profileId: string): Promise<Result<string | null>> {
    const kept = await this.session.get(profileId);
    if (!kept.ok || kept.value !== null) return kept;
    return this.keychain.get(profileId);
  }

  /**
   * Saves the password in the keychain. When that fails the error says why; the caller may then offer
   * `useSessionOnly`. Never falls back by itself.
   */
  async set(profileId: string, password: string): Promise<Result<void>> {
    const saved = await this.keychain.set(profileId, password);
    if (!saved.ok) return saved;
    await this.session.clear(profileId);
    return ok(undefined);
  }

  /** Keeps the password in memory for this run only: the user's explicit choice when there is no keychain. */
  async useSessionOnly(profileId: string, password: string): Promise<Result<void>> {
    const id = checkProfileId(profileId);
    if (!id.ok) return id;
    const pw = checkPassword(password);
    if (!pw.ok) return pw;
    return this.session.set(id.value, pw.value);
  }

  /** Forgets the password everywhere; reports a keychain failure after clearing the session copy. */
  async clear(profileId: string): Promise<Result<void>> {
    const id = checkProfileId(profileId);
    if (!id.ok) return id;
    await this.session.clear(id.value);
    return this.keychain.clear(id.value);
  }

  /** Where the password is (never the password itself), with the keychain's error when it could not be asked. */
  async status(profileId: string): Promise<CredentialStatus> {
    const kept = await this.session.has(profileId);
    if (kept.ok && kept.value) return { stored: 'session' };
    const inKeychain = await this.keychain.has(profileId);
    if (!inKeychain.ok) {
      if (inKeychain.error.kind !== 'keychain') return { stored: 'none' };
      return { stored: 'none', keychainError: inKeychain.error };
    }
    return { stored: inKeychain.value ? 'keychain' : 'none' };
  }

  /** Forgets every password kept for this run (the keychain is untouched). */
  forgetSession(): void {
    this.session.clearAll();
  }
}
