/**
 * Passwords kept in this process's memory only, for "this run only" when no keychain is available.
 * Gone when the app or command exits; never written anywhere.
 */
import type { Result } from '../types';
import { ok } from '../types';
import type { CredentialStore } from './credential-store';
import { checkPassword, checkProfileId } from './credential-store';

/** An in-memory credential store: the explicit, per-run alternative to the keychain. */
export class SessionCredentialStore implements CredentialStore {
  private readonly passwords = new Map<string, string>();

  /** The password kept for this run, or null. */
  async get(profileId: string): Promise<Result<string | null>> {
    const id = checkProfileId(profileId);
    if (!id.ok) return id;
    return ok(this.passwords.get(id.value) ?? null);
  }

  /** Keeps the password for this run. */
  async set(profileId: string, password: string): Promise<Result<void>> {
    const id = checkProfileId(profileId);
    if (!id.ok) return id;
    const pw = checkPassword(password);
    if (!pw.ok) return pw;
    this.passwords.set(id.value, pw.value);
    return ok(undefined);
  }

  /** Forgets the password. */
  async clear(profileId: string): Promise<Result<void>> {
    this.passwords.delete(profileId);
    return ok(undefined);
  }

  /** Whether a password is kept for this run. */
  async has(profileId: string): Promise<Result<boolean>> {
    return ok(this.passwords.has(profileId));
  }

  /** Forgets every password (sign-out, or the end of a command). */
  clearAll(): void {
    this.passwords.clear();
  }
}
