/**
 * The jobs directory's own clean-up (API notes §9): read the server directories
 * (`admin/system/directories`), pick the JOBS one (normally `arcgisjobs`), change its cleanup mode or
 * maximum file age (`<dir>/edit`, which restarts every service using the directory), and sweep it now
 * (`<dir>/clean`). Tolerant reader: the list may be an array or keyed by name, numbers may be strings,
 * and a directory type may be missing (the name then decides).
 */
import type { Result } from '../types';
import { err, ok } from '../types';
import type { AdminCaller } from './caller';
import type { Json } from './normalize';
import { toNumber } from './normalize';
import { isValidSegment } from './paths';
import type { CallOptions } from './requester';

/** How the server cleans a directory: never, or files older than `maxFileAge` since last modified. */
export type CleanupMode = 'NONE' | 'TIME_ELAPSED_SINCE_LAST_MODIFIED';

/** The jobs directory's settings, as the server reported them. */
export interface JobsDirectory {
  name: string;
  physicalPath: string | null;
  description: string | null;
  /** The server's own word; `NONE` and `TIME_ELAPSED_SINCE_LAST_MODIFIED` are the documented ones. */
  cleanupMode: string;
  /** Minutes a finished job's files are kept (null when the server did not say). */
  maxFileAgeMinutes: number | null;
  /** Whether the server removes old jobs by itself (a time-based mode with an age above zero). */
  cleans: boolean;
}

/** A change to the jobs directory's clean-up. */
export interface DirectoryEdit {
  cleanupMode: CleanupMode;
  maxFileAgeMinutes: number;
}

/** The longest maximum file age this client sends: ten years, in minutes. */
export const MAX_FILE_AGE_MINUTES = 10 * 365 * 24 * 60;

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

function entries(body: Json): Json[] {
  const list = body.directories;
  const values = Array.isArray(list) ? list : list && typeof list === 'object' ? Object.entries(list) : [];
  return values.flatMap((v): Json[] => {
    if (Array.isArray(v)) {
      const [key, value] = v as [string, unknown];
      return value && typeof value === 'object' ? [{ name: key, ...(value as Json) }] : [];
    }
    return v && typeof v === 'object' ? [v as Json] : [];
  });
}

/** The JOBS directory of a `directories` answer, or null when it lists none. */
export function jobsDirectoryFrom(body: Json): JobsDirectory | null {
  const all = entries(body);
  const type = (d: Json) => String(d.directoryType ?? d.type ?? '').toUpperCase();
  const dir =
    all.find((d) => type(d) === 'JOBS') ??
    all.find((d) => type(d) === '' && String(d.name).toLowerCase() === 'arcgisjobs');
  if (!dir || !text(dir.name)) return null;
  const mode = text(dir.cleanupMode)?.toUpperCase() ?? 'NONE';
  const age = toNumber(dir.maxFileAge);
  const maxFileAgeMinutes = age !== null && age >= 0 ? age : null;
  return {
    name: String(dir.name),
    physicalPath: text(dir.physicalPath),
    description: text(dir.description),
    cleanupMode: mode,
    maxFileAgeMinutes,
    cleans: mode !== 'NONE' && maxFileAgeMinutes !== null && maxFileAgeMinutes > 0,
  };
}

function directoriesUrl(c: AdminCaller): string {
  return `${c.roots.admin}/admin/system/directories`;
}

/** Reads the server directories and returns the jobs directory (`not-found` when there is none). */
export async function readJobsDirectory(
  c: AdminCaller,
  opts: CallOptions = {},
): Promise<Result<JobsDirectory>> {
  const r = await c.call(directoriesUrl(c), {}, 'admin', opts);
  if (!r.ok) return r;
  const dir = jobsDirectoryFrom(r.value);
  return dir
    ? ok(dir)
    : err({ kind: 'not-found', message: 'The server lists no jobs directory (type JOBS).' });
}

async function operation(
  c: AdminCaller,
  dir: string,
  op: 'edit' | 'clean',
  params: Record<string, string>,
  opts: CallOptions,
): Promise<Result<void>> {
  if (!isValidSegment(dir))
    return err({ kind: 'invalid-input', message: `"${dir}" is not a directory name.` });
  const url = `${directoriesUrl(c)}/${encodeURIComponent(dir)}/${op}`;
  const r = await c.call(url, params, 'admin', { ...opts, once: true });
  const confirmed = r.ok && r.value.status === 'success';
  const unconfirmed = {
    kind: 'server' as const,
    message: `The server did not confirm the ${op} of directory ${dir}.`,
  };
  return confirmed ? ok(undefined) : r.ok ? err(unconfirmed) : r;
}

/**
 * Changes the jobs directory's clean-up; the server restarts every service using the directory. The
 * other documented fields are sent back as read, since `edit` replaces the directory's settings.
 */
export function editJobsDirectory(
  c: AdminCaller,
  dir: JobsDirectory,
  change: DirectoryEdit,
  opts?: CallOptions,
): Promise<Result<void>> {
  const age = change.maxFileAgeMinutes;
  if (!Number.isInteger(age) || age < 0 || age > MAX_FILE_AGE_MINUTES)
    return Promise.resolve(
      err({
        kind: 'invalid-input',
        message: `The maximum file age must be 0 to ${MAX_FILE_AGE_MINUTES} minutes.`,
      }),
    );
  return operation(
    c,
    dir.name,
    'edit',
    {
      name: dir.name,
      ...(dir.physicalPath !== null ? { physicalPath: dir.physicalPath } : {}),
      directoryType: 'JOBS',
      cleanupMode: change.cleanupMode,
      maxFileAge: String(age),
      ...(dir.description !== null ? { description: dir.description } : {}),
    },
    opts ?? {},
  );
}

/** Asks the server to remove the jobs directory's expired content now (`clean`). */
export function cleanJobsDirectory(
  c: AdminCaller,
  dir: string,
  opts: CallOptions = {},
): Promise<Result<void>> {
  return operation(c, dir, 'clean', {}, opts);
}
