/**
 * Reads a profiles file (user, managed or imported) into raw entries, telling apart the cases a caller
 * handles differently: missing, unreadable, damaged (moved aside for the user file), or from a newer version.
 */
import { readLocalTextFile } from '../local-file';
import type { AppError } from '../types';
import { describeZodError, migrateProfilesData, newerFileVersion, profilesFileSchema } from './schema';

/** Upper bound on a profiles file read into memory. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** What reading a profiles file found. */
export type FileRead =
  | { kind: 'missing' }
  | { kind: 'entries'; entries: unknown[] }
  | { kind: 'unreadable'; message: string }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'newer'; error: AppError };

/** Parses the text of a profiles file: JSON, a known version (migrated), a `profiles` array. */
export function parseProfilesText(text: string): FileRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { kind: 'corrupt', reason: `The file is not valid JSON (${(e as Error).message}).` };
  }
  const migrated = migrateProfilesData(data);
  if (!migrated.ok) {
    if (newerFileVersion(data) !== null) return { kind: 'newer', error: migrated.error };
    return { kind: 'corrupt', reason: migrated.error.message };
  }
  const file = profilesFileSchema.safeParse(migrated.value);
  if (!file.success)
    return { kind: 'corrupt', reason: `The file does not match the format: ${describeZodError(file.error)}` };
  return { kind: 'entries', entries: file.data.profiles };
}

/** Reads and parses a profiles file; never throws for I/O or content problems, never blocks on a FIFO. */
export async function readProfilesFile(file: string): Promise<FileRead> {
  const read = await readLocalTextFile(file, MAX_FILE_BYTES);
  switch (read.kind) {
    case 'missing':
      return read;
    case 'unreadable':
      return read;
    case 'too-large':
      return { kind: 'corrupt', reason: `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB.` };
    case 'text':
      return parseProfilesText(read.text);
  }
}
