/**
 * The job table's filters: status, server, service, user, age and free text, as one plain value.
 * A FilterState is JSON, so it persists in localStorage and survives reloads; parsing is tolerant
 * because whatever is stored may come from an older version of the app.
 */
import { jobMatcher, splitServiceId } from '../../../../electron/shared/job-filter';
import type { Job } from './job-types';

/** Every active filter; empty lists and an empty text mean "no filter on that field". */
export interface FilterState {
  statuses: string[];
  /** Server profile ids. */
  profileIds: string[];
  /** Service ids (`Folder/Name`), on whichever server. */
  services: string[];
  users: string[];
  /** Only jobs submitted more than this long ago (e.g. 7 days); null for any age. */
  olderThanMs: number | null;
  /** Case-insensitive substring of job id, service, user or machine. */
  text: string;
}

/** The list-valued fields of a filter. */
export type FilterListField = 'statuses' | 'profileIds' | 'services' | 'users';

/** One day in ms, for age filters. */
export const DAY_MS = 86_400_000;

const MAX_VALUES = 500;
const MAX_TEXT = 200;

/** A filter that lets every job through. */
export function emptyFilter(): FilterState {
  return { statuses: [], profileIds: [], services: [], users: [], olderThanMs: null, text: '' };
}

/** Whether no filter is active. */
export function isFilterEmpty(f: FilterState): boolean {
  return (
    !f.statuses.length &&
    !f.profileIds.length &&
    !f.services.length &&
    !f.users.length &&
    f.olderThanMs === null &&
    !f.text.trim()
  );
}

/**
 * A predicate for the filter, with its sets built once: call it per row. It is the project's one job
 * filter (the command line's too), so users, like services, match whatever their case.
 */
export function compileFilter(f: FilterState, now: number): (job: Job) => boolean {
  return jobMatcher({
    statuses: f.statuses,
    profileIds: f.profileIds,
    services: f.services.map(splitServiceId),
    users: f.users,
    submittedBefore: f.olderThanMs === null ? null : now - f.olderThanMs,
    text: f.text,
  });
}

/** The jobs the filter lets through, in their input order (the same array when no filter is active). */
export function filterJobs(jobs: readonly Job[], f: FilterState, now: number): readonly Job[] {
  if (isFilterEmpty(f)) return jobs;
  return jobs.filter(compileFilter(f, now));
}

/** The filter with one value added to or removed from a list field. */
export function toggleFilterValue(f: FilterState, field: FilterListField, value: string): FilterState {
  const list = f[field];
  return { ...f, [field]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value] };
}

/** The filter narrowed to one server (and optionally one status or service), as a chart click asks. */
export function focusFilter(
  f: FilterState,
  target: { profileId: string; status?: string; service?: string },
): FilterState {
  return {
    ...f,
    profileIds: [target.profileId],
    statuses: target.status === undefined ? f.statuses : [target.status],
    services: target.service === undefined ? f.services : [target.service],
  };
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const strings = value.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 500);
  return [...new Set(strings)].slice(0, MAX_VALUES);
}

/** A FilterState from anything (stored JSON, a query): unknown or malformed fields fall back to "no filter". */
export function parseFilter(value: unknown): FilterState {
  if (typeof value !== 'object' || value === null) return emptyFilter();
  const v = value as Record<string, unknown>;
  const age = v.olderThanMs;
  return {
    statuses: stringList(v.statuses),
    profileIds: stringList(v.profileIds),
    services: stringList(v.services),
    users: stringList(v.users),
    olderThanMs: typeof age === 'number' && Number.isFinite(age) && age > 0 ? age : null,
    text: typeof v.text === 'string' ? v.text.slice(0, MAX_TEXT) : '',
  };
}

/** The subset of Storage the filter needs (localStorage in the app, a Map-backed fake in tests). */
export interface FilterStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The stored filter under `key`, or an empty one when nothing (or nothing readable) is stored. */
export function loadFilter(storage: FilterStorage, key: string): FilterState {
  try {
    const raw = storage.getItem(key);
    return raw === null ? emptyFilter() : parseFilter(JSON.parse(raw));
  } catch {
    return emptyFilter();
  }
}

/** Stores the filter under `key`; a full or unavailable storage only costs persistence. */
export function saveFilter(storage: FilterStorage, key: string, f: FilterState): void {
  try {
    storage.setItem(key, JSON.stringify(f));
  } catch {
    // Quota exceeded or storage disabled: the filter still applies for this session.
  }
}
