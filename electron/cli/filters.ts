/**
 * The job filters of `gpjobs jobs ...`: parsing what an administrator types (`failed`, `7d`, `2024-05-01`,
 * `Tools/Buffer`) into the server query, plus a client-side check of every listed job. The check repeats
 * the server's filters on purpose: a delete must never touch a job outside them, even if a server ignores
 * a query parameter.
 */
import { InvalidArgumentError } from 'commander';
import {
  SERVICE_TYPES,
  jobMatcher,
  parseDurationText,
  parseServiceTypeWord,
  parseStatusWord,
  serviceMatches,
} from '../core';
import type { ServiceRef, ServiceType, Job, JobQuery, JobStatus } from '../core';

export { splitServiceId } from '../core';
export { serviceMatches };

/** Status words accepted, for help text. */
export const STATUS_HELP =
  'failed, succeeded, timed-out, cancelled, executing, submitted, waiting, new, cancelling, deleting, ' +
  'deleted (display or esriJob* names, any case), or active / finished';

/** `failed`, `FAILED`, `"Timed out"`, `esriJobTimedOut`, `active`... → the statuses they mean. */
export function parseStatus(value: string): JobStatus[] {
  const statuses = parseStatusWord(value);
  if (statuses) return statuses;
  throw new InvalidArgumentError(`Unknown job status "${value}". Use ${STATUS_HELP}.`);
}

/** `7d`, `12h`, `30m`, `1d12h`, `2w` → milliseconds; each unit once, above zero, at most 100 years. */
export function parseDuration(value: string): number {
  const parsed = parseDurationText(value);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error.message);
  return parsed.value;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
/**
 * Epoch milliseconds with fewer digits (before March 1973) are more likely a year or epoch seconds typed
 * by mistake; only `0`, the very beginning, is taken as it is.
 */
const MIN_EPOCH_DIGITS = 12;

/** Whether the parts of an ISO date-time name a real moment (no February 30th, no hour 25). */
function realDate(m: RegExpMatchArray): boolean {
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

/**
 * An ISO 8601 date or date-time (a date alone is UTC midnight; a time without an offset is local), or
 * epoch milliseconds → epoch milliseconds. Impossible dates are refused, never rolled over.
 */
export function parseTime(value: string): number {
  const text = value.trim();
  const hint = 'use an ISO date (2024-05-01, 2024-05-01T08:00Z) or epoch milliseconds (13 digits).';
  if (/^\d+$/.test(text)) {
    if (text !== '0' && (text.length < MIN_EPOCH_DIGITS || text.length > 15)) {
      throw new InvalidArgumentError(`"${value}" is not a time in epoch milliseconds: ${hint}`);
    }
    return Number(text);
  }
  const m = ISO.exec(text);
  if (!m) throw new InvalidArgumentError(`"${value}" is not a time: ${hint}`);
  if (!realDate(m)) throw new InvalidArgumentError(`"${value}" is not a real date or time: ${hint}`);
  const ms = Date.parse(text.replace(' ', 'T'));
  if (!Number.isFinite(ms) || ms < 0) throw new InvalidArgumentError(`"${value}" is not a time: ${hint}`);
  return ms;
}

/** Type words accepted by `--type`, for help text and errors. */
export const TYPE_HELP = 'gp, map, image (comma-separated; default: all)';

/** `gp`, `map`, `image` (or `GPServer`, `MapServer`, `ImageServer`), any case → the service type. */
export function parseServiceType(value: string): ServiceType {
  const type = parseServiceTypeWord(value);
  if (type) return type;
  throw new InvalidArgumentError(`Unknown service type "${value.trim()}". Use ${TYPE_HELP}.`);
}

/** A service named on the command line: `NAME` (any folder) or `FOLDER/NAME`. */
export type ServiceName = ServiceRef;

/**
 * `Tools/Buffer`, `Buffer`, `Tools/Buffer.GPServer` → folder and name; a name matches it of every type,
 * `Basemaps/Streets.MapServer` that type only.
 */
export function parseService(value: string): ServiceName {
  const text = value.trim().replace(/\.GPServer$/i, '');
  const parts = text.split('/');
  if (parts.length > 2 || parts.some((p) => p.trim() === '')) {
    throw new InvalidArgumentError(
      `"${value}" is not a service: use NAME or FOLDER/NAME, e.g. Tools/Buffer (--type narrows by type).`,
    );
  }
  return parts.length === 2 ? { folder: parts[0]!, name: parts[1]! } : { folder: null, name: parts[0]! };
}

/** The filters as given on the command line (commander's parsed options). */
export interface FilterOptions {
  status?: JobStatus[];
  service?: ServiceName[];
  /** `--type`: service types (absent: all). */
  type?: ServiceType[];
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
  /** Whether a discovered service is worth listing (its name and type match the filters). */
  wantsService: (service: { folder: string; name: string; type: ServiceType }) => boolean;
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
  const types = new Set<ServiceType>(options.type?.length ? options.type : SERVICE_TYPES);
  const wantsService = (s: { folder: string; name: string; type: ServiceType }) =>
    types.has(s.type) && serviceMatches(s, services);
  // The project's one job filter (the app's table uses it too): names compared case-insensitively.
  const matches = jobMatcher({
    statuses,
    services,
    serviceTypes: [...new Set(options.type ?? [])],
    users: options.user === undefined ? [] : [options.user],
    machines: options.machine === undefined ? [] : [options.machine],
    submittedBefore: cutoff,
    submittedFrom: startTime ?? null,
    submittedUntil: options.until ?? null,
  });
  return { query, services, wantsService, matches, cutoff };
}

/**
 * Commander's collector for repeatable options that also take comma lists (`--status failed,timed-out`):
 * parses each item and appends it.
 */
export function collect<T>(
  parse: (value: string) => T | T[],
): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => {
    const items = value.split(',').filter((item) => item.trim() !== '');
    if (items.length === 0) throw new InvalidArgumentError('Give a value (several: separated by commas).');
    return [...(previous ?? []), ...items.flatMap((item) => ([] as T[]).concat(parse(item)))];
  };
}
