/**
 * Where a command finds each server's password. The keychain entry (shared with the desktop app) comes
 * first. When a server has none (or there is no keychain, or it is locked), its line in the credentials
 * file is used (see credentials-file.ts), and then `GPJOBS_PASSWORD`, but that one only when the command
 * works on exactly one server: a single environment password can never reach a second server. Such a
 * password is used for this run only: kept in memory, never saved. Without any, the server fails with a
 * plain reason (exit 3) and the command goes on with the other servers.
 */
import type { JobAdminService, AppError, ProfileEntry } from '../core';
import { PASSWORD_ENV } from './context';
import { CREDENTIALS_FILE_ENV, credentialsFilePath, readCredentialsFile } from './credentials-file';
import type { CliIo } from './io';

/** The password policy as help texts state it. */
export const PASSWORD_POLICY = [
  'Passwords come from the keychain entries "gpjobs servers add" saves (the desktop app uses the same).',
  'A server without one (or without a usable keychain) takes its line "<server URL> <user> <password>"',
  `from the credentials file (<config dir>/credentials or ${CREDENTIALS_FILE_ENV}; chmod 600, like ~/.pgpass).`,
  `Failing that, ${PASSWORD_ENV} is used, but only when the command works on exactly one server.`,
  'Both are used for this run only (kept in memory, never saved).',
].join('\n');

/** The password from the environment, if set and non-empty. */
export function envPassword(io: CliIo): string | null {
  const value = io.env[PASSWORD_ENV];
  return value ? value : null;
}

/**
 * Makes sure each profile has a password for this run; returns why, per profile id, for those that
 * cannot have one. See the module comment for the order of the sources.
 */
export async function preparePasswords(
  service: JobAdminService,
  profiles: readonly ProfileEntry[],
  io: CliIo,
): Promise<Map<string, AppError>> {
  const problems = new Map<string, AppError>();
  const fromEnv = envPassword(io);
  const needing: Array<{ profile: ProfileEntry; keychainError?: AppError }> = [];
  for (const profile of profiles) {
    const status = await service.vault.status(profile.id);
    if (status.stored === 'none') needing.push({ profile, keychainError: status.keychainError });
  }
  if (needing.length === 0) return problems;
  const file = await readCredentialsFile(io);
  for (const { profile, keychainError } of needing) {
    const fromFile = file.ok ? (file.value?.find(profile) ?? null) : null;
    const single = profiles.length === 1 ? fromEnv : null;
    const password = fromFile ?? single;
    if (password !== null) {
      const kept = await service.setPassword(profile.id, password, true);
      if (!kept.ok) problems.set(profile.id, kept.error);
      continue;
    }
    if (!file.ok) {
      problems.set(profile.id, file.error);
    } else if (fromEnv !== null) {
      problems.set(profile.id, {
        kind: 'config',
        message:
          `${PASSWORD_ENV} is used only when a command works on one server, and this one works on ${profiles.length}: ` +
          `name the server (--server), or give each server its line in the credentials file ${credentialsFilePath(io)}.`,
      });
    } else if (keychainError) {
      const hint =
        ` With gpjobs, set ${PASSWORD_ENV} to use a password for this run only.` +
        ` For several servers, use the credentials file ${credentialsFilePath(io)}.`;
      problems.set(profile.id, { ...keychainError, message: keychainError.message + hint });
    } else {
      problems.set(profile.id, {
        kind: 'auth',
        noPassword: true,
        message:
          `No password is saved for this server: run "gpjobs servers edit ${quoteArg(profile.name)} --password-stdin", ` +
          `or set ${PASSWORD_ENV}. For several servers, use the credentials file ${credentialsFilePath(io)}.`,
      });
    }
  }
  return problems;
}

/** A name as it would be typed in a shell (quoted when it has spaces or quotes). */
export function quoteArg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
