/**
 * What the profiles and the policies stores do with a user file they cannot use whole: sort its entries
 * into those that parse (the first of each name or id) and why the others were rejected, then move the file
 * aside (its bytes kept), write the valid entries back as the new file, and say where the old one went. So
 * one bad entry never hides the others, and nothing the user wrote is lost.
 */
import type { AppError, Result } from '../types';
import { err, ok } from '../types';
import { moveAside } from './atomic-file';

/** The entries that parse, each key once, and a sentence per rejected entry. */
export interface SortedEntries<T> {
  valid: T[];
  rejected: string[];
}

/**
 * Sorts a user file's raw entries: `parse` each, keep the first of entries that are `same`. A rejected
 * entry is named by its position, `kind` ("Profile") and name when it has one: `Profile 4 ("Copy") repeats
 * an id.` (`repeats` is that sentence's end).
 */
export function sortEntries<T>(
  entries: readonly unknown[],
  kind: string,
  parse: (entry: unknown) => Result<T>,
  same: (a: T, b: T) => boolean,
  repeats: string,
): SortedEntries<T> {
  const valid: T[] = [];
  const rejected: string[] = [];
  entries.forEach((entry, i) => {
    const parsed = parse(entry);
    const name = rawName(entry);
    const label = `${kind} ${i + 1}${name ? ` (${JSON.stringify(name)})` : ''}`;
    if (!parsed.ok) rejected.push(`${label} is invalid: ${parsed.error.message}`);
    else if (valid.some((v) => same(v, parsed.value))) rejected.push(`${label} ${repeats}`);
    else valid.push(parsed.value);
  });
  return { valid, rejected };
}

/** Longest name a message quotes from a raw entry: every store and import cuts names the same way. */
const NAME_CUT = 100;

/** The trimmed `name` of a raw entry, cut to 100 characters, for messages; undefined without one. */
export function rawName(entry: unknown): string | undefined {
  const name = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).name : undefined;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, NAME_CUT) : undefined;
}

/** A damaged user file to keep aside. */
export interface DamagedFile {
  file: string;
  /** What it is, as the messages say it: "profiles file". */
  what: string;
  /** Why it could not be used as it was. */
  reason: string;
  now: Date;
  /** Writes the entries still valid as the new file; null when none are. */
  writeValid: (() => Promise<Result<void>>) | null;
  /** What became of the entries: the notice's last sentence. */
  kept: string;
}

/** Moves a damaged file aside and writes its valid entries back; the notice to show, or why it failed. */
export async function keepAside(d: DamagedFile): Promise<Result<AppError>> {
  let aside: string;
  try {
    aside = await moveAside(d.file, d.now);
  } catch (e) {
    return err({
      kind: 'config',
      message: `Your ${d.what} ${d.file} is damaged and could not be moved aside (${(e as Error).message}). ${d.reason}`,
    });
  }
  if (d.writeValid) {
    const written = await d.writeValid();
    if (!written.ok) return written;
  }
  return ok({
    kind: 'config',
    message: `Your ${d.what} ${d.file} could not be used as it was and was kept as ${aside}. ${d.reason} ${d.kept}`,
  });
}
