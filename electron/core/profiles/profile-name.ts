/**
 * The one rule for when two server profile names are the same name: compared trimmed, in Unicode NFC
 * (an "é" typed as one character or as "e" plus a combining accent is one name) and case-insensitively.
 * The store's save and import and the command line's `servers add`/`edit` and `--server NAME` all use it,
 * so a name the command line lets through is never refused later by the store, nor the other way round.
 */
import type { AppError } from '../types';

/** The form of a name that two names share exactly when they are the same name. */
export function profileNameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/** Whether two profile names are the same name (trimmed, NFC, case-insensitive). */
export function sameProfileName(a: string, b: string): boolean {
  return profileNameKey(a) === profileNameKey(b);
}

/** The profile other than `exceptId` (the one being edited) that already has this name, if any. */
export function nameClash<P extends { id: string; name: string }>(
  profiles: readonly P[],
  name: string,
  exceptId?: string,
): P | undefined {
  const key = profileNameKey(name);
  return profiles.find((p) => p.id !== exceptId && profileNameKey(p.name) === key);
}

/** What to say when a name is taken: which profile has it, and what to do. */
export function nameClashError(existing: { name: string }): AppError {
  return {
    kind: 'invalid-input',
    message: `A profile named "${existing.name}" already exists: choose another name.`,
  };
}
