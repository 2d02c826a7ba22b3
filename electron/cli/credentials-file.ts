/**
 * The credentials file for unattended runs against many servers, checked the way `~/.pgpass` is: one
 * line per server account, `<server URL> <user name> <password>` (the password is the rest of the line;
 * `#` starts a comment line), and used only when nobody but its owner can read it. A line is matched to a
 * profile by its normalised server URL and exact user name, so each password reaches its own server only.
 * Default path `<config dir>/credentials`; `GPJOBS_CREDENTIALS_FILE` names another.
 */
import path from 'node:path';
import { resolveConfigDir, readLocalTextFile, normalizeServerUrl, err, ok } from '../core';
import type { AppError, Profile, Result } from '../core';
import type { CliIo } from './io';

/** The environment variable naming the credentials file. */
export const CREDENTIALS_FILE_ENV = 'GPJOBS_CREDENTIALS_FILE';
/** The credentials file's name in the config directory. */
export const CREDENTIALS_FILE_NAME = 'credentials';
const MAX_BYTES = 1024 * 1024;

/** The passwords of a credentials file, keyed by normalised server URL and user name. */
export interface CredentialsFile {
  path: string;
  find(profile: Pick<Profile, 'serverUrl' | 'username'>): string | null;
}

/** Where the credentials file is looked for. */
export function credentialsFilePath(io: Pick<CliIo, 'env'>): string {
  const given = io.env[CREDENTIALS_FILE_ENV]?.trim();
  return given ? path.resolve(given) : path.join(resolveConfigDir(io.env), CREDENTIALS_FILE_NAME);
}

const key = (serverUrl: string, username: string) => `${serverUrl}\n${username}`;

function problem(file: string, message: string): AppError {
  return { kind: 'config', message: `The credentials file ${file} was not used: ${message}` };
}

/** Parses the file's lines; a malformed line is an error naming its number (never its content). */
export function parseCredentials(text: string, file: string): Result<Map<string, string>> {
  const entries = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (/^\s*(#|$)/.test(line)) continue;
    const m = /^\s*(\S+)\s+(\S+)\s(.+)$/.exec(line);
    const url = m ? normalizeServerUrl(m[1]!) : null;
    if (!m || !url?.ok) {
      return err(
        problem(file, `line ${i + 1} is not "<server URL> <user name> <password>" (the line is not shown).`),
      );
    }
    entries.set(key(url.value.serverUrl, m[2]!), m[3]!);
  }
  return ok(entries);
}

/**
 * Reads the credentials file; `null` when there is none. Refused, as `~/.pgpass` is, when group or other
 * users may read or write it, or another user owns it (POSIX; on Windows the file's ACL is the guard).
 */
export async function readCredentialsFile(io: Pick<CliIo, 'env'>): Promise<Result<CredentialsFile | null>> {
  const file = credentialsFilePath(io);
  const read = await readLocalTextFile(file, MAX_BYTES);
  if (read.kind === 'missing') return ok(null);
  if (read.kind === 'unreadable') return err(problem(file, `${read.message}.`));
  if (read.kind === 'too-large') return err(problem(file, 'it is larger than 1 MiB.'));
  if (process.platform !== 'win32') {
    const mode = read.stat.mode & 0o777;
    if (mode & 0o077) {
      return err(
        problem(
          file,
          `other users may read or change it (mode ${mode.toString(8).padStart(3, '0')}). Run: chmod 600 ${file}`,
        ),
      );
    }
    if (typeof process.getuid === 'function' && read.stat.uid !== process.getuid()) {
      return err(problem(file, 'it belongs to another user.'));
    }
  }
  const entries = parseCredentials(read.text, file);
  if (!entries.ok) return entries;
  return ok({ path: file, find: (p) => entries.value.get(key(p.serverUrl, p.username)) ?? null });
}
