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

/**
 * The profile other than `exceptId` (the one being edited) that already has this name, if any. An edit that
 * keeps its profile's stored name exactly clashes with nothing, even when that name has a twin (stored
 * before names were compared this way): the load reports the twins (`nameTwinProblems`), and refusing every
 * other change to them until one is renamed would only get in the way.
 */
export function nameClash<P extends { id: string; name: string }>(
  profiles: readonly P[],
  name: string,
  exceptId?: string,
): P | undefined {
  const trimmed = name.trim();
  if (exceptId !== undefined && profiles.some((p) => p.id === exceptId && p.name === trimmed))
    return undefined;
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

/**
 * Every profile that `name` names (trimmed, NFC, case-insensitive). More than one only when stored names
 * are twins: written before names were compared this way, or provisioned in a managed file.
 */
export function profilesNamed<P extends { name: string }>(profiles: readonly P[], name: string): P[] {
  const key = profileNameKey(name);
  return profiles.filter((p) => profileNameKey(p.name) === key);
}

/** A name as written, with any letter outside ASCII as its code point, so twins read apart: "Zu\u0308rich". */
function spelled(name: string): string {
  return JSON.stringify(name).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A stored profile as the twin messages name it: the window shows its URL, not its id. */
type Twin = { id: string; name: string; serverUrl?: string };

/** How to tell twins apart in a message: each one's name, its code points when it has non-ASCII ones, its id, its URL. */
function twinList(twins: readonly Twin[]): string {
  const written = (name: string) => (/[^\x20-\x7e]/.test(name) ? `written ${spelled(name)}, ` : '');
  const at = (url: string | undefined) => (url ? `, ${url}` : '');
  return twins.map((p) => `"${p.name}" (${written(p.name)}id ${p.id}${at(p.serverUrl)})`).join(' and ');
}

const TWIN_FIX =
  'rename one so each name is unique (gpjobs servers edit ID --name NEW, or Edit server in the window; ' +
  'a managed one is renamed in the managed file)';

/** What to say when `name` names several stored profiles: which ones, and what to do. Nothing is picked. */
export function ambiguousNameError(name: string, twins: readonly Twin[]): AppError {
  return {
    kind: 'config',
    message:
      `"${name.trim()}" names ${twins.length} servers whose names differ only in letter case or in how an ` +
      `accented letter is encoded: ${twinList(twins)}. Choose one by its id, and ${TWIN_FIX}.`,
  };
}

/** One problem per group of stored profiles whose names are the same name (see `profilesNamed`). */
export function nameTwinProblems(profiles: readonly Twin[]): AppError[] {
  const groups = new Map<string, Twin[]>();
  for (const p of profiles) {
    const key = profileNameKey(p.name);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((twins) => ({
      kind: 'config' as const,
      message:
        `${twins.length} servers have the same name (it differs only in letter case or in how an accented ` +
        `letter is encoded): ${twinList(twins)}. A name does not choose between them: ${TWIN_FIX}.`,
    }));
}
