/**
 * Where a command finds each server's password. The keychain entry (shared with the desktop app) comes
 * first. When a server has no entry, or there is no keychain at all, and `GPJOBS_PASSWORD` is set, that
 * password is used for this run only: kept in memory, never saved. Without either, the server fails with
 * a plain reason (exit 3) and the command goes on with the other servers.
 */
import type { JobAdminService } from '../core/service/job-admin-service';
import type { AppError, ProfileEntry } from '../core/types';
import { PASSWORD_ENV } from './context';
import type { CliIo } from './io';

/** The password policy as help texts state it. */
export const PASSWORD_POLICY = [
  'Passwords come from the keychain entries "gpjobs servers add" saves (the desktop app uses the same).',
  `If a server has no keychain entry, or there is no keychain on this machine, ${PASSWORD_ENV} is used`,
  'for this run only (kept in memory, never saved).',
].join('\n');

/** The password from the environment, if set and non-empty. */
export function envPassword(io: CliIo): string | null {
  const value = io.env[PASSWORD_ENV];
  return value ? value : null;
}

/**
 * Makes sure each profile has a password for this run; returns why, per profile id, for those that
 * cannot have one (no keychain entry and no GPJOBS_PASSWORD, or no keychain and no GPJOBS_PASSWORD).
 */
export async function preparePasswords(
  service: JobAdminService,
  profiles: readonly ProfileEntry[],
  io: CliIo,
): Promise<Map<string, AppError>> {
  const problems = new Map<string, AppError>();
  const fromEnv = envPassword(io);
  for (const profile of profiles) {
    const status = await service.vault.status(profile.id);
    if (status.stored !== 'none') continue;
    if (fromEnv !== null) {
      const kept = await service.setPassword(profile.id, fromEnv, true);
      if (!kept.ok) problems.set(profile.id, kept.error);
      continue;
    }
    if (status.keychainError) {
      const hint = ` With gpjobs, set ${PASSWORD_ENV} to use a password for this run only.`;
      problems.set(profile.id, { ...status.keychainError, message: status.keychainError.message + hint });
      continue;
    }
    problems.set(profile.id, {
      kind: 'auth',
      message:
        `No password is saved for this server: run "gpjobs servers edit ${quoteArg(profile.name)} --password-stdin", ` +
        `or set ${PASSWORD_ENV}.`,
    });
  }
  return problems;
}

/** A name as it would be typed in a shell (quoted when it has spaces or quotes). */
export function quoteArg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
