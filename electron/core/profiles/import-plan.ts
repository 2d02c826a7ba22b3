/**
 * Decides, entry by entry, what importing a profiles file does: add, skip as a duplicate, or skip as invalid.
 * Pure (no file system), so the store only has to write the result.
 */
import type { ImportEntryReport, ImportReport, Profile, Result } from '../types';
import { err, ok } from '../types';
import { rawName } from './damaged-file';
import { profileNameKey } from './profile-name';
import { parseProfilesText } from './profiles-file';
import { nextProfileColor, parseProfileInput, secretKeys } from './schema';

/** Upper bound on an import file's text. */
export const MAX_IMPORT_CHARS = 8 * 1024 * 1024;

export type { ImportEntryReport, ImportReport };

/** An import decided but not yet written. */
export interface ImportPlan {
  report: ImportReport;
  toAdd: Profile[];
}

function entriesOf(text: string): Result<unknown[]> {
  if (text.length > MAX_IMPORT_CHARS) {
    return err({
      kind: 'invalid-input',
      message: `That file is too large to be a profiles file (over 8 MiB).`,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return err({ kind: 'invalid-input', message: `That file is not JSON (${(e as Error).message}).` });
  }
  if (Array.isArray(data)) return ok(data);
  const read = parseProfilesText(text);
  if (read.kind === 'entries') return ok(read.entries);
  if (read.kind === 'newer') return err({ kind: 'invalid-input', message: read.error.message });
  const reason = read.kind === 'corrupt' ? read.reason : '';
  return err({
    kind: 'invalid-input',
    message: `That is not a GP Job Admin profiles file. ${reason}`.trim(),
  });
}

const key = (p: Pick<Profile, 'serverUrl' | 'username'>) =>
  `${p.serverUrl.toLowerCase()}\n${p.username.toLowerCase()}`;

/**
 * Plans importing `text` (a profiles file or a bare array of profiles) next to `existing` profiles.
 * Duplicates are entries whose name (case-insensitively) or whose server URL and user name match an existing
 * profile or an earlier entry. Ids are kept when free, else replaced by `newId()`.
 */
export function planImport(
  text: string,
  existing: readonly Profile[],
  newId: () => string,
  maxProfiles: number,
): Result<ImportPlan> {
  const entries = entriesOf(text);
  if (!entries.ok) return entries;
  const byName = new Map(existing.map((p) => [profileNameKey(p.name), p.name]));
  const byServerUser = new Map(existing.map((p) => [key(p), p.name]));
  const ids = new Set(existing.map((p) => p.id));
  const report: ImportReport = { added: 0, duplicates: 0, invalid: 0, entries: [] };
  const toAdd: Profile[] = [];
  entries.value.forEach((entry, i) => {
    const ignoredFields = secretKeys(entry);
    const clean =
      ignoredFields.length && entry && typeof entry === 'object'
        ? Object.fromEntries(Object.entries(entry).filter(([k]) => !ignoredFields.includes(k)))
        : entry;
    const base = { index: i + 1, name: rawName(entry) ?? null, ignoredFields };
    const parsed = parseProfileInput(clean, 'keys');
    if (!parsed.ok) {
      report.invalid++;
      report.entries.push({ ...base, outcome: 'invalid', reason: parsed.error.message });
      return;
    }
    const p = parsed.value;
    const sameName = byName.get(profileNameKey(p.name));
    const sameServer = byServerUser.get(key(p));
    if (sameName !== undefined || sameServer !== undefined) {
      report.duplicates++;
      const reason =
        sameName !== undefined
          ? `A profile named "${sameName}" already exists.`
          : `Profile "${sameServer}" already uses ${p.serverUrl} as ${p.username}.`;
      report.entries.push({ ...base, outcome: 'duplicate', reason });
      return;
    }
    if (existing.length + toAdd.length >= maxProfiles) {
      report.invalid++;
      report.entries.push({
        ...base,
        outcome: 'invalid',
        reason: `At most ${maxProfiles} profiles are allowed.`,
      });
      return;
    }
    const id = p.id !== undefined && !ids.has(p.id) ? p.id : newId();
    const profile: Profile = { ...p, id };
    const colorGiven = typeof clean === 'object' && clean !== null && 'color' in clean;
    if (!colorGiven) profile.color = nextProfileColor([...existing, ...toAdd].map((q) => q.color));
    ids.add(id);
    byName.set(profileNameKey(p.name), p.name);
    byServerUser.set(key(p), p.name);
    toAdd.push(profile);
    report.added++;
    report.entries.push({ ...base, outcome: 'added', profileId: id });
  });
  return ok({ report, toAdd });
}
