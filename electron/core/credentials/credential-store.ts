/**
 * Where a profile's password lives: the OS keychain, or memory for this run only. Never a file.
 * Every operation returns a Result: a missing or locked keychain is an expected failure, not a crash.
 */
import type { AppError, Result } from '../types';
import { err, ok } from '../types';

/** Keeps one password per profile id. */
export interface CredentialStore {
  /** The saved password, or null when there is none. */
  get(profileId: string): Promise<Result<string | null>>;
  /** Saves (or replaces) the password. */
  set(profileId: string, password: string): Promise<Result<void>>;
  /** Removes the password; removing one that is not there succeeds. */
  clear(profileId: string): Promise<Result<void>>;
  /** Whether a password is saved, without revealing it. */
  has(profileId: string): Promise<Result<boolean>>;
}

/** Upper bound on a password's length; keeps a pasted document out of the keychain. */
export const MAX_PASSWORD_CHARS = 4096;

/** Checks a profile id before it becomes a keychain account name. */
export function checkProfileId(profileId: unknown): Result<string> {
  if (typeof profileId !== 'string' || !profileId || profileId.length > 200) {
    return err(invalid('A profile id is required to find its password.'));
  }
  return ok(profileId);
}

/** Checks a password before saving it (the native keychain APIs stop at a NUL character). */
export function checkPassword(password: unknown): Result<string> {
  if (typeof password !== 'string' || password.length === 0) return err(invalid('Enter the password.'));
  if (password.length > MAX_PASSWORD_CHARS) {
    return err(invalid(`The password is too long (over ${MAX_PASSWORD_CHARS} characters).`));
  }
  if (password.includes('\0'))
    return err(invalid('The password contains a NUL character, which cannot be saved.'));
  return ok(password);
}

function invalid(message: string): AppError {
  return { kind: 'invalid-input', message };
}
