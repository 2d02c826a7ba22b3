/**
 * Changing how long a server keeps finished jobs (its jobs directory's cleanup mode and maximum file
 * age), the way a delete is changed: a plan first (from what the server reports now to what it will be,
 * and that the server restarts every service using the directory), then the change, which is appended
 * to `audit/server-changes.jsonl` beside the run log. IT can forbid it in the managed settings file
 * (`"serverRetentionChanges": "forbidden"`). `clean` asks the server to sweep expired jobs now.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_FILE_AGE_MINUTES, type RetentionFrom } from '../../shared/views';
import type { DirectoryEdit, JobsDirectory } from '../arcgis';
import { currentOsUser } from '../audit/records';
import { AUDIT_DIR_NAME } from '../audit/run-index';
import { readLocalTextFile } from '../local-file';
import type { AppError, ProfileEntry, Result } from '../types';
import { err, ok } from '../types';
import { describeDuration } from './duration';

/** The log of server setting changes, inside the audit directory. */
export const SERVER_CHANGES_FILE = 'server-changes.jsonl';

/** A retention change as planned: the server, its jobs directory now, and the change. */
export interface RetentionPlan {
  profile: Pick<ProfileEntry, 'id' | 'name' | 'serverUrl' | 'production'>;
  directory: JobsDirectory;
  change: DirectoryEdit;
  /** What will happen, in words, including the service restart. */
  summary: string;
}

/** Retention in words: `cleanup off` or `finished jobs kept 6 h`. */
export function describeRetention(mode: string, minutes: number | null): string {
  if (mode === 'NONE' || !minutes) return 'cleanup off (jobs are never removed by the server)';
  return `finished jobs kept ${describeDuration(minutes * 60_000)}`;
}

/** What to change a jobs directory's retention to: clean-up off, or finished jobs kept this many minutes. */
export interface RetentionWish {
  cleanup: 'on' | 'off';
  /** With clean-up on: the maximum file age; absent keeps the directory's own (6 h when it has none). */
  maxFileAgeMinutes?: number | undefined;
}

/** The edit of `directory` a wish asks for (the CLI's flags and the server form alike). */
export function retentionEdit(directory: JobsDirectory, wish: RetentionWish): DirectoryEdit {
  return wish.cleanup === 'off'
    ? { cleanupMode: 'NONE', maxFileAgeMinutes: directory.maxFileAgeMinutes ?? 0 }
    : {
        cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED',
        maxFileAgeMinutes: wish.maxFileAgeMinutes ?? directory.maxFileAgeMinutes ?? DEFAULT_FILE_AGE_MINUTES,
      };
}

/** The plan of changing `directory` on `profile` as `wish` asks (see retentionEdit). */
export function planRetentionChange(
  profile: RetentionPlan['profile'],
  directory: JobsDirectory,
  wish: RetentionWish,
): RetentionPlan {
  const change = retentionEdit(directory, wish);
  const from = describeRetention(directory.cleanupMode, directory.maxFileAgeMinutes);
  const to = describeRetention(change.cleanupMode, change.maxFileAgeMinutes);
  return {
    profile,
    directory,
    change,
    summary:
      `${profile.name}: jobs directory ${directory.name}, ${from} → ${to}. ArcGIS Server restarts every ` +
      'service that uses this directory (every GP service) when it is edited: do it off-peak.',
  };
}

/** A jobs directory's retention as a plan's summary says it (see RetentionFrom): pass a plan's `directory`. */
export function retentionFrom(dir: JobsDirectory): RetentionFrom {
  const { name, cleanupMode, maxFileAgeMinutes } = dir;
  return { directory: name, cleanupMode, maxFileAgeMinutes };
}

/**
 * Why `plan` (made at the apply) must not be applied when its preview showed `previewed`: the server's
 * jobs directory changed since, so the summary confirmed is not what would be applied. Null when unchanged.
 */
export function changedSincePreview(plan: RetentionPlan, previewed: RetentionFrom): AppError | null {
  const now = retentionFrom(plan.directory);
  if (
    now.directory === previewed.directory &&
    now.cleanupMode === previewed.cleanupMode &&
    now.maxFileAgeMinutes === previewed.maxFileAgeMinutes
  )
    return null;
  const said = (r: RetentionFrom) =>
    `jobs directory ${r.directory}, ${describeRetention(r.cleanupMode, r.maxFileAgeMinutes)}`;
  // The words treat some different values alike (every age reads "cleanup off" with mode NONE, and every
  // mode other than NONE reads the same with the same age): then the raw values tell the two apart.
  const age = (m: number | null) => (m === null ? 'no max file age' : `max file age ${m} min`);
  const raw = (r: RetentionFrom) => ` [mode ${r.cleanupMode}, ${age(r.maxFileAgeMinutes)}]`;
  const alike = said(previewed) === said(now);
  const shown = (r: RetentionFrom) => said(r) + (alike ? raw(r) : '');
  return {
    kind: 'invalid-input',
    message:
      `${plan.profile.name}: the job retention changed on the server since the preview: it showed ` +
      `${shown(previewed)}; the server now reports ${shown(now)}. Review the change again. Nothing was changed.`,
  };
}

/** Why IT forbids retention changes (the managed settings file), or null when they are allowed. */
export async function retentionChangesForbidden(managedSettings: string | null): Promise<AppError | null> {
  if (!managedSettings) return null;
  const read = await readLocalTextFile(managedSettings, 1024 * 1024);
  if (read.kind === 'missing') return null;
  const forbidden = (message: string): AppError => ({ kind: 'config', message });
  if (read.kind !== 'text')
    return forbidden(
      `The managed settings ${managedSettings} cannot be read, so server changes are not allowed.`,
    );
  try {
    const value = (JSON.parse(read.text) as { serverRetentionChanges?: unknown }).serverRetentionChanges;
    if (value === undefined || value === 'allowed') return null;
  } catch {
    return forbidden(
      `The managed settings ${managedSettings} are not valid JSON, so server changes are not allowed.`,
    );
  }
  return forbidden(
    `Your IT department does not allow changing how long servers keep jobs (serverRetentionChanges in ` +
      `${managedSettings}). Nothing was changed.`,
  );
}

/** Appends one change (or its failure) to the server changes log. */
export async function recordRetentionChange(
  configDir: string,
  plan: RetentionPlan,
  result: Result<unknown>,
  now: number,
): Promise<Result<string>> {
  const file = path.join(configDir, AUDIT_DIR_NAME, SERVER_CHANGES_FILE);
  const line = {
    type: 'server-retention',
    time: new Date(now).toISOString(),
    osUser: currentOsUser(),
    profileId: plan.profile.id,
    server: plan.profile.name,
    serverUrl: plan.profile.serverUrl,
    directory: plan.directory.name,
    from: { cleanupMode: plan.directory.cleanupMode, maxFileAge: plan.directory.maxFileAgeMinutes },
    to: { cleanupMode: plan.change.cleanupMode, maxFileAge: plan.change.maxFileAgeMinutes },
    outcome: result.ok ? 'changed' : 'failed',
    ...(result.ok ? {} : { message: result.error.message }),
  };
  try {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await fs.appendFile(file, `${JSON.stringify(line)}\n`, { encoding: 'utf8', mode: 0o600 });
    return ok(file);
  } catch (e) {
    return err({
      kind: 'config',
      message: `Could not record the change in ${file}: ${(e as Error).message}`,
    });
  }
}
