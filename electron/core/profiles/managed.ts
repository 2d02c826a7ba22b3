/**
 * The managed profiles file IT provisions: read-only, never moved or rewritten by the app.
 * Entries may omit `id`; a stable one is derived from server URL and user name, so the keychain entry a user
 * saved for a managed profile survives IT renaming it. Problems are reported, one by one, never fatal.
 */
import { createHash } from 'node:crypto';
import type { AppError, Profile } from '../types';
import { readProfilesFile } from './profiles-file';
import { parseProfileInput, secretKeys } from './schema';

/** Managed profiles that could be read, and what was wrong with the rest. */
export interface ManagedRead {
  profiles: Profile[];
  problems: AppError[];
}

/** A stable id for a managed entry without one: `managed-` + a hash of server URL and user name. */
export function managedProfileId(serverUrl: string, username: string): string {
  const hash = createHash('sha256')
    .update(`${serverUrl.toLowerCase()}\n${username.toLowerCase()}`)
    .digest('hex');
  return `managed-${hash.slice(0, 16)}`;
}

function problem(message: string): AppError {
  return { kind: 'config', message };
}

function withoutKeys(entry: unknown, keys: string[]): unknown {
  if (!keys.length || !entry || typeof entry !== 'object') return entry;
  const copy: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
  for (const key of keys) delete copy[key];
  return copy;
}

/** Reads the managed profiles file at `file`; a missing file means no managed profiles. */
export async function readManagedProfiles(file: string): Promise<ManagedRead> {
  const read = await readProfilesFile(file);
  const where = `The managed profiles file ${file} (provided by your IT department)`;
  const userNote = 'Its profiles are not shown; your own profiles are unaffected.';
  switch (read.kind) {
    case 'missing':
      return { profiles: [], problems: [] };
    case 'unreadable':
      return {
        profiles: [],
        problems: [problem(`${where} could not be read: ${read.message}. ${userNote}`)],
      };
    case 'corrupt':
      return { profiles: [], problems: [problem(`${where} is damaged. ${read.reason} ${userNote}`)] };
    case 'newer':
      return {
        profiles: [],
        problems: [problem(`${where} cannot be used. ${read.error.message} ${userNote}`)],
      };
  }
  const profiles: Profile[] = [];
  const problems: AppError[] = [];
  const seen = new Set<string>();
  read.entries.forEach((entry, index) => {
    const secrets = secretKeys(entry);
    const parsed = parseProfileInput(withoutKeys(entry, secrets), 'keys');
    if (!parsed.ok) {
      problems.push(problem(`${where}: entry ${index + 1} was skipped: ${parsed.error.message}`));
      return;
    }
    const value = parsed.value;
    if (secrets.length) {
      problems.push(
        problem(
          `${where}: profile "${value.name}" has fields that look like secrets (${secrets.join(', ')}); ` +
            "they were ignored. Passwords belong in each user's keychain, not in this file.",
        ),
      );
    }
    const id = value.id ?? managedProfileId(value.serverUrl, value.username);
    if (seen.has(id)) {
      problems.push(
        problem(`${where}: entry ${index + 1} ("${value.name}") repeats id ${id} and was skipped.`),
      );
      return;
    }
    seen.add(id);
    profiles.push({ ...value, id });
  });
  return { profiles, problems };
}
