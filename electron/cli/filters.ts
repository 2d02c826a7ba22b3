/**
 * The job filters of `gpjobs jobs ...`: parsing what an administrator types (`failed`, `7d`, `2024-05-01`,
 * `Tools/Buffer`) into the server query, plus a client-side check of every listed job. The check repeats
 * the server's filters on purpose: a delete must never touch a job outside them, even if a server ignores
 * a query parameter.
 */
import { InvalidArgumentError } from 'commander';
import { ACTIVE_STATUSES, JOB_STATUSES } from '../core/types';
import { jobMatcher } from '../core/job-filter';
import type { ServiceRef } from '../core/job-filter';
import type { Job, JobQuery, JobStatus } from '../core/types';

export { serviceMatches, splitServiceId } from '../core/job-filter';

const SHORT_STATUS = new Map<string, JobStatus>(
  JOB_STATUSES.map((s) => [s.slice('esriJob'.length).toLowerCase(), s] as const),
);
const ALIASES: Record<string, readonly JobStatus[]> = {
  canceled: ['esriJobCancelled'],
  canceling: ['esriJobCancelling'],
  running: ['esriJobExecuting'],
  active: ACTIVE_STATUSES,
  finished: ['esriJobSucceeded', 'esriJobFailed', 'esriJobTimedOut', 'esriJobCancelled'],
};

/** Status words accepted besides the esriJob* names, for help text. */
export const STATUS_HELP =
  'failed, succeeded, timed-out, cancelled, executing, submitted, waiting, new, cancelling, ' +
  'deleting, deleted, the esriJob* names, or active / finished';

/** `failed`, `FAILED`, `esriJobFailed`, `timed-out`, `active`... → the statuses they mean. */
export function parseStatus(value: string): JobStatus[] {
  const key = value
    .trim()
    .toLowerCase()
    .replace(/^esrijob/, '')
    .replace(/[-_\s]/g, '');
  const one = SHORT_STATUS.get(key);
  if (one) return [one];
  const alias = ALIASES[key];
  if (alias) return [...alias];
  throw new InvalidArgumentError(`Unknown job status "${value}". Use ${STATUS_HELP}.`);
}

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** `7d`, `12h`, `30m`, `1d12h`, `2w` → milliseconds. */
export function parseDuration(value: string): number {
  const text = value.trim().toLowerCase();
  if (!/^(\d+[wdhms])+$/.test(text)) {
    throw new InvalidArgumentError(
      `"${value}" is not a duration: use a number and a unit, e.g. 7d, 12h, 30m.`,
    );
  }
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([wdhms])/g)) ms += Number(n) * UNIT_MS[unit!]!;
  if (ms <= 0) throw new InvalidArgumentError(`"${value}" is zero: use a duration above zero.`);
  return ms;
}

/** An ISO 8601 date or date-time, or epoch milliseconds → epoch milliseconds. */
export function parseTime(value: string): number {
  const text = value.trim();
  if (/^\d{1,15}$/.test(text)) return Number(text);
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new InvalidArgumentError(
      `"${value}" is not a time: use an ISO date (2024-05-01, 2024-05-01T08:00Z) or epoch milliseconds.`,
    );
  }
  return ms;
}

/** A service named on the command line: `NAME` (any folder) or `FOLDER/NAME`. */
export type ServiceName = ServiceRef;

/** `Tools/Buffer`, `Buffer`, `Tools/Buffer.GPServer` → folder and name. */
export function parseService(value: string): ServiceName {
  const text = value.trim().replace(/\.GPServer$/i, '');
  const parts = text.split('/');
  if (parts.length > 2 || parts.some((p) => p.trim() === '')) {
    throw new InvalidArgumentError(
      `"${value}" is not a service: use NAME or FOLDER/NAME, e.g. Tools/Buffer.`,
    );
  }
  return parts.length === 2 ? { folder: parts[0]!, name: parts[1]! } : { folder: null, name: parts[0]! };
}

/** The filters as given on the command line (commander's parsed options). */
export interface FilterOptions {
  status?: JobStatus[];
  service?: ServiceName[];
  user?: string;
  machine?: string;
  olderThan?: number;
  since?: number;
  until?: number;
}

/** The server query plus the client-side check, for one moment `now`. */
export interface JobFilter {
  query: JobQuery;
  services: readonly ServiceName[];
  /** Whether a listed job really matches every filter. */
  matches: (job: Job) => boolean;
  /** Jobs submitted before this (from `--older-than`), if given. */
  cutoff: number | null;
}

/** Builds the query and check, or says why nothing could ever match (`--since` after the end). */
export function buildFilter(options: FilterOptions, now: number): JobFilter | { error: string } {
  const statuses = [...new Set(options.status ?? [])];
  const cutoff = options.olderThan !== undefined ? now - options.olderThan : null;
  const ends = [options.until, cutoff].filter((t): t is number => t !== null && t !== undefined);
  const endTime = ends.length ? Math.min(...ends) : undefined;
  const startTime = options.since;
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
    return { error: 'No job can match: --since is later than --until / --older-than.' };
  }
  const query: JobQuery = {
    ...(statuses.length ? { statuses } : {}),
    ...(startTime !== undefined ? { startTime } : {}),
    ...(endTime !== undefined ? { endTime } : {}),
    ...(options.user ? { username: options.user } : {}),
    ...(options.machine ? { machineName: options.machine } : {}),
  };
  const services = options.service ?? [];
  // The project's one job filter (the app's table uses it too): names compared case-insensitively.
  const matches = jobMatcher({
    statuses,
    services,
    users: options.user === undefined ? [] : [options.user],
    machines: options.machine === undefined ? [] : [options.machine],
    submittedBefore: cutoff,
    submittedFrom: startTime ?? null,
    submittedUntil: options.until ?? null,
  });
  return { query, services, matches, cutoff };
}

/** Commander's collector for repeatable options: parses each value and appends it. */
export function collect<T>(
  parse: (value: string) => T | T[],
): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => [...(previous ?? []), ...([] as T[]).concat(parse(value))];
}
