/**
 * The job table's filters: status, server, service, user, machine, age (by submitted or ended time),
 * "running longer than" and free text, as one plain value. The list-valued fields are declared once in
 * LIST_FIELDS; the filter bar, the chips and the matching all follow that list.
 * A FilterState is JSON, so it persists in localStorage and survives reloads; parsing is tolerant
 * because whatever is stored may come from an older version of the app.
 */
import {
  SERVICE_TYPES,
  jobMatcher,
  serviceTypeOf,
  splitServiceId,
  type ServiceType,
} from '../../../../electron/shared/job-filter';
import { t } from '../strings';
import { ACTIVE_STATUSES, type Job } from './job-types';
import { loadJson, saveJson, type SettingsStorage } from '../stored-json';

/** Every active filter; empty lists and an empty text mean "no filter on that field". */
export interface FilterState {
  statuses: string[];
  /** Server profile ids. */
  profileIds: string[];
  /** Service ids (`Folder/Name`, with a type suffix for map and image services), on whichever server. */
  services: string[];
  /** Service types (`GPServer`, `MapServer`, `ImageServer`). */
  serviceTypes: string[];
  users: string[];
  machines: string[];
  /** Only jobs submitted (or ended, see ageField) more than this long ago; null for any age. */
  olderThanMs: number | null;
  /** Which time the age counts from. */
  ageField: AgeField;
  /** Only jobs still in flight (submitted, waiting, executing, ...) submitted more than this long ago. */
  runningLongerThanMs: number | null;
  /** Case-insensitive substring of job id, service, user or machine. */
  text: string;
}

/** The list-valued fields of a filter. */
export type FilterListField = 'statuses' | 'profileIds' | 'services' | 'serviceTypes' | 'users' | 'machines';

/** Which time an age filter counts from. */
export type AgeField = 'submitted' | 'ended';

/** A list-valued filter: its field, its label, and the job value it matches. */
export interface ListField {
  field: FilterListField;
  label: string;
  of: (job: Job) => string | null;
}

/** Every list-valued filter, in the order the bar and the chips show them. */
export const LIST_FIELDS: readonly ListField[] = [
  { field: 'statuses', label: t.jobs.column.status, of: (j) => j.status },
  { field: 'profileIds', label: t.jobs.column.server, of: (j) => j.profileId },
  { field: 'services', label: t.jobs.column.service, of: (j) => j.service },
  { field: 'serviceTypes', label: t.jobs.column.type, of: (j) => serviceTypeOf(j.service) },
  { field: 'users', label: t.jobs.column.user, of: (j) => j.username },
  { field: 'machines', label: t.jobs.column.machine, of: (j) => j.machinename },
];

/** One hour in ms. */
export const HOUR_MS = 3_600_000;

/** One day in ms, for age filters. */
export const DAY_MS = 86_400_000;

const MAX_VALUES = 500;
const MAX_TEXT = 200;

/** A filter that lets every job through. */
export function emptyFilter(): FilterState {
  return {
    statuses: [],
    profileIds: [],
    services: [],
    serviceTypes: [],
    users: [],
    machines: [],
    olderThanMs: null,
    ageField: 'submitted',
    runningLongerThanMs: null,
    text: '',
  };
}

/** Whether no filter is active. */
export function isFilterEmpty(f: FilterState): boolean {
  return (
    LIST_FIELDS.every((l) => !f[l.field].length) &&
    f.olderThanMs === null &&
    f.runningLongerThanMs === null &&
    !f.text.trim()
  );
}

/** Whether the filter depends on the reference time (an age or running filter). */
export function usesClock(f: FilterState): boolean {
  return f.olderThanMs !== null || f.runningLongerThanMs !== null;
}

const ACTIVE = new Set<string>(ACTIVE_STATUSES);

/**
 * A filter's time conditions at `now`: the bound each job time must be under (null: no condition). A job
 * without that time (null) never passes a condition on it.
 */
export interface TimeBounds {
  /** The age filter by submitted time: submitted before this. */
  submittedBefore: number | null;
  /** The age filter by end time: ended before this. */
  endedBefore: number | null;
  /** "Running longer than": still in flight (an active status) and submitted before this. */
  runningSince: number | null;
}

/** The time conditions of `f` at `now` (see TimeBounds). */
export function timeBounds(f: FilterState, now: number): TimeBounds {
  const before = f.olderThanMs === null ? null : now - f.olderThanMs;
  const byEnd = f.ageField === 'ended';
  return {
    submittedBefore: byEnd ? null : before,
    endedBefore: byEnd ? before : null,
    runningSince: f.runningLongerThanMs === null ? null : now - f.runningLongerThanMs,
  };
}

/**
 * A predicate for the filter, with its sets built once: call it per row. The fields the command line
 * filters by too go through the project's one job filter (so users, like services, match whatever their
 * case), the age since a job ended included; only "running longer than" is the table's own, checked on top.
 */
export function compileFilter(f: FilterState, now: number): (job: Job) => boolean {
  const { submittedBefore, endedBefore, runningSince } = timeBounds(f, now);
  const matches = jobMatcher({
    statuses: f.statuses,
    profileIds: f.profileIds,
    services: f.services.map(splitServiceId),
    serviceTypes: f.serviceTypes.filter(isServiceType),
    users: f.users,
    machines: f.machines,
    submittedBefore,
    endedBefore,
    text: f.text,
  });
  if (runningSince === null) return matches;
  return (job) =>
    matches(job) && ACTIVE.has(job.status) && job.submittedTime !== null && job.submittedTime < runningSince;
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
  return {
    statuses: stringList(v.statuses),
    profileIds: stringList(v.profileIds),
    services: stringList(v.services),
    serviceTypes: stringList(v.serviceTypes).filter(isServiceType),
    users: stringList(v.users),
    machines: stringList(v.machines),
    olderThanMs: positive(v.olderThanMs),
    ageField: v.ageField === 'ended' ? 'ended' : 'submitted',
    runningLongerThanMs: positive(v.runningLongerThanMs),
    text: typeof v.text === 'string' ? v.text.slice(0, MAX_TEXT) : '',
  };
}

function isServiceType(value: string): value is ServiceType {
  return (SERVICE_TYPES as readonly string[]).includes(value);
}

function positive(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** The subset of Storage the filter and the column layout need (see stored-json.ts). */
export type FilterStorage = SettingsStorage;

/** The stored filter under `key`, or an empty one when nothing (or nothing readable) is stored. */
export function loadFilter(storage: FilterStorage, key: string): FilterState {
  return loadJson(storage, key, parseFilter, emptyFilter);
}

/** Stores the filter under `key`; a full or unavailable storage only costs persistence. */
export function saveFilter(storage: FilterStorage, key: string, f: FilterState): void {
  saveJson(storage, key, f);
}
