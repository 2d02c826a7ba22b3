/**
 * The one job filter of the project: which jobs a set of criteria lets through. The `gpjobs` command line
 * (its client-side check of every listed job) and the desktop app's job table (through electron/shared)
 * both use it, so a filter means the same everywhere. Names are compared the way ArcGIS Server compares
 * them: user, machine and service names case-insensitively, statuses exactly. Pure (no Node, no DOM).
 */
import { splitServiceType, typedServiceId } from './service-types';
import type { Job, ServiceType } from './types';

/**
 * A service as a filter names it: `name` in any folder (`folder: null`) or in one folder ('' = root). A name
 * without a type suffix means that name of every type (see ./service-types.ts); `Name.MapServer` one type.
 * The name `*` with a folder means every service of that folder (`Tools/*`).
 */
export interface ServiceRef {
  folder: string | null;
  name: string;
}

/** What a filter can ask; an absent or empty field lets every job through on that field. */
export interface JobCriteria {
  statuses?: readonly string[];
  /** Server profile ids. */
  profileIds?: readonly string[];
  services?: readonly ServiceRef[];
  /** Service types (GP, map, image services); see ./service-types.ts. */
  serviceTypes?: readonly ServiceType[];
  /** User names (case-insensitive); a job without a user never matches a user filter. */
  users?: readonly string[];
  /** Machine names (case-insensitive). */
  machines?: readonly string[];
  /** Only jobs submitted before this moment (epoch ms, exclusive). */
  submittedBefore?: number | null;
  /** Only jobs submitted at or after this moment (inclusive). */
  submittedFrom?: number | null;
  /** Only jobs submitted at or before this moment (inclusive). */
  submittedUntil?: number | null;
  /** Only jobs that ended before this moment (epoch ms, exclusive); a job without an end time never matches. */
  endedBefore?: number | null;
  /** A case-insensitive piece of the job id, service, user or machine. */
  text?: string;
}

/** The fields of a job a filter reads (a core Job, or the view the renderer holds). */
export type FilterableJob = Pick<
  Job,
  'service' | 'jobId' | 'status' | 'submittedTime' | 'username' | 'machinename'
> &
  Partial<Pick<Job, 'profileId' | 'endTime'>>;

/** Folder and name of a service id (`Folder/Name`, or `Name` in the root folder; a type suffix stays on the name). */
export function splitServiceId(id: string): { folder: string; name: string } {
  const at = id.lastIndexOf('/');
  return at < 0 ? { folder: '', name: id } : { folder: id.slice(0, at), name: id.slice(at + 1) };
}

/** Whether a service is one of `wanted` (empty: all), names and folders compared case-insensitively. */
export function serviceMatches(
  service: { folder: string; name: string; type?: ServiceType },
  wanted: readonly ServiceRef[],
): boolean {
  const check = serviceCheck(wanted, (value) => value.toLowerCase());
  return !check || check(typedServiceId(serviceId(service), service.type ?? 'GPServer'));
}

/** Lower-cases through a memo: a listing repeats a handful of service, user and machine names. */
function lowerMemo(): (value: string) => string {
  const memo = new Map<string, string>();
  return (value) => {
    let lower = memo.get(value);
    if (lower === undefined) {
      lower = value.toLowerCase();
      if (memo.size < 10_000) memo.set(value, lower);
    }
    return lower;
  };
}

function lowerSet(values: readonly string[] | undefined): Set<string> | null {
  return values?.length ? new Set(values.map((v) => v.toLowerCase())) : null;
}

/** A filter's free text as it is matched: trimmed and lower-cased ('' when there is none). */
export function freeTextOf(text: string | undefined): string {
  return text?.trim().toLowerCase() ?? '';
}

/** Where a free text (see freeTextOf) is looked for: a job's id, and its service, user or machine name. */
export interface FreeTextChecks {
  /** Whether the text occurs in a job id, in any case. */
  inId(id: string): boolean;
  /** Whether the text occurs in a service, user or machine name, in any case. */
  inName(name: string): boolean;
}

/**
 * The free text's check per field, for a text without a line break (one with a line break is matched
 * against the fields joined by line breaks, see textCheck). The job table decides each distinct name once
 * and each id through these, so its search and this filter's cannot drift apart. `lower` lower-cases a
 * name (a memo, where names repeat).
 */
export function freeTextChecks(
  text: string,
  lower: (v: string) => string = (v) => v.toLowerCase(),
): FreeTextChecks {
  // Ids differ per job: a case-insensitive search finds the text without lower-casing each one.
  const inId = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return { inId: (id) => inId.test(id), inName: (name) => lower(name).includes(text) };
}

/**
 * Whether the lower-cased `text` occurs in a job's id, service, user or machine. Field by field, the
 * repeated ones lower-cased through the memo: no string is built per job (a million jobs' search texts
 * would cost about 100 MB, held in a WeakMap the collector must trace).
 */
function textCheck(text: string, lower: (v: string) => string): (job: FilterableJob) => boolean {
  // Text with a line break could span fields of the old joined search text; keep that meaning.
  if (text.includes('\n')) {
    return (job) =>
      `${job.jobId}\n${job.service}\n${job.username ?? ''}\n${job.machinename ?? ''}`
        .toLowerCase()
        .includes(text);
  }
  const { inId, inName } = freeTextChecks(text, lower);
  return (job) =>
    inId(job.jobId) ||
    inName(job.service) ||
    (job.username !== null && inName(job.username)) ||
    (job.machinename !== null && inName(job.machinename));
}

/**
 * The service check, with the wanted ids in sets built once (`folder/name` for one folder, `name` for any).
 * A job's service matches by its whole id (with type) or by its `Folder/Name` alone.
 */
function serviceCheck(wanted: readonly ServiceRef[] | undefined, lower: (v: string) => string) {
  if (!wanted?.length) return null;
  const inFolder = (w: ServiceRef) => w.folder !== null && w.name === '*';
  const exact = new Set(
    wanted.filter((w) => w.folder !== null && !inFolder(w)).map((w) => lower(serviceId(w))),
  );
  const anyFolder = new Set(wanted.filter((w) => w.folder === null).map((w) => lower(w.name)));
  const folders = new Set(wanted.filter(inFolder).map((w) => lower(w.folder!)));
  const named = (id: string) =>
    exact.has(id) || (anyFolder.size > 0 && anyFolder.has(id.slice(id.lastIndexOf('/') + 1)));
  return (service: string): boolean => {
    const id = lower(service);
    if (named(id)) return true;
    const { path } = splitServiceType(id);
    if (folders.size > 0 && folders.has(path.slice(0, Math.max(0, path.lastIndexOf('/'))))) return true;
    return path !== id && named(path);
  };
}

function serviceId(ref: ServiceRef): string {
  return ref.folder ? `${ref.folder}/${ref.name}` : ref.name;
}

/** A predicate for the criteria, its sets built once: call it per job (it runs over 100,000-row tables). */
export function jobMatcher(criteria: JobCriteria): (job: FilterableJob) => boolean {
  const lower = lowerMemo();
  const statuses = criteria.statuses?.length ? new Set(criteria.statuses) : null;
  const profiles = criteria.profileIds?.length ? new Set(criteria.profileIds) : null;
  const services = serviceCheck(criteria.services, lower);
  const types = criteria.serviceTypes?.length ? new Set<string>(criteria.serviceTypes) : null;
  const users = lowerSet(criteria.users);
  const machines = lowerSet(criteria.machines);
  const before = criteria.submittedBefore ?? null;
  const from = criteria.submittedFrom ?? null;
  const until = criteria.submittedUntil ?? null;
  const timed = before !== null || from !== null || until !== null;
  const endedBefore = criteria.endedBefore ?? null;
  const text = freeTextOf(criteria.text);
  const matchesText = text ? textCheck(text, lower) : null;
  return (job) => {
    if (statuses && !statuses.has(job.status)) return false;
    if (profiles && (job.profileId === undefined || !profiles.has(job.profileId))) return false;
    if (services && !services(job.service)) return false;
    if (types && !types.has(splitServiceType(job.service).type)) return false;
    if (users && (job.username === null || !users.has(lower(job.username)))) return false;
    if (machines && (job.machinename === null || !machines.has(lower(job.machinename)))) return false;
    if (timed) {
      const t = job.submittedTime;
      if (t === null) return false;
      if ((before !== null && t >= before) || (from !== null && t < from) || (until !== null && t > until))
        return false;
    }
    if (endedBefore !== null && (job.endTime == null || job.endTime >= endedBefore)) return false;
    return !matchesText || matchesText(job);
  };
}
