/**
 * Reads a profiles file (user, managed or imported) into raw entries, telling apart the cases a caller
 * handles differently: missing, unreadable, damaged (moved aside for the user file), or from a newer version.
 */
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
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

/** Reads and parses a profiles file; never throws for I/O or content problems. */
export async function readProfilesFile(file: string): Promise<FileRead> {
  let text: string;
  try {
    // Opened without blocking and checked on the open handle: a FIFO or device put in place of the file
    // (by mistake or on purpose) must neither hang the app nor be read as profiles.
    const handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        return {
          kind: 'unreadable',
          message: `it is not a regular file (${fileType(stat)}); it was left untouched. Replace it with a profiles file or remove it`,
        };
      }
      if (stat.size > MAX_FILE_BYTES) {
        return { kind: 'corrupt', reason: `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB.` };
      }
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    if (error.code === 'ENOENT') return { kind: 'missing' };
    if (error.code === 'EISDIR') return { kind: 'unreadable', message: 'it is a directory, not a file' };
    return { kind: 'unreadable', message: error.message };
  }
  return parseProfilesText(text);
}

function fileType(stat: { isFIFO(): boolean; isDirectory(): boolean; isSocket(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}
