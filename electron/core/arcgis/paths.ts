/**
 * URL building for the ArcGIS Admin and REST APIs. Every name that comes from a user or a server is
 * validated and each path segment is `encodeURIComponent`-ed, so a job id such as `../../x` can never
 * become a path (see ./README.md).
 */
import { splitServiceType, typedServiceId } from '../service-types';
import type { Profile, Result, ServiceType } from '../types';
import { err, ok } from '../types';

export { insecureCredentialsError, isSafeForCredentials } from '../credentials/plain-http';

/** The two roots a profile talks to: the site (REST, tokens) and the admin site (may be a machine URL). */
export interface SiteRoots {
  /** e.g. `https://host/arcgis` */
  server: string;
  /** e.g. `https://machine:6443/arcgis`; the server root when the profile has no separate admin URL. */
  admin: string;
}

/** A service split into its folder ('' for root), name and type (see ../service-types.ts). */
export interface ServiceRef {
  folder: string;
  name: string;
  type: ServiceType;
}

const SEGMENT = /^[\p{L}\p{N}_-]{1,120}$/u;
/** Job ids: any characters a server uses (`j…`, `…_et` for tiles), but no control characters. */
const JOB_ID = /^[^\p{Cc}]{1,128}$/u;

function invalid(message: string): Result<never> {
  return err({ kind: 'invalid-input', message });
}

/** Parses and checks a site root URL (http or https, no credentials, query or fragment). */
export function parseRoot(value: string, label: string): Result<string> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return err({ kind: 'bad-url', message: `The ${label} "${value}" is not a valid URL.` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err({ kind: 'bad-url', message: `The ${label} "${value}" must start with https://.` });
  }
  if (url.username || url.password || url.search || url.hash) {
    return err({
      kind: 'bad-url',
      message: `The ${label} "${value}" must not contain a user name, password, query or fragment.`,
    });
  }
  return ok(url.origin + url.pathname.replace(/\/+$/, ''));
}

/** The server and admin roots of a profile, validated. */
export function siteRoots(profile: Pick<Profile, 'serverUrl' | 'adminUrl'>): Result<SiteRoots> {
  const server = parseRoot(profile.serverUrl, 'server URL');
  if (!server.ok) return server;
  if (!profile.adminUrl) return ok({ server: server.value, admin: server.value });
  const admin = parseRoot(profile.adminUrl, 'admin URL');
  if (!admin.ok) return admin;
  return ok({ server: server.value, admin: admin.value });
}

/** Validates a folder or service name segment as ArcGIS names them (letters, digits, `_`, `-`). */
export function isValidSegment(segment: string): boolean {
  return SEGMENT.test(segment);
}

/**
 * Parses a service id: `Folder/Name` or `Name` (a GP service), optionally with a type suffix
 * (`.GPServer`, `.MapServer`, `.ImageServer`).
 */
export function parseServiceId(id: string): Result<ServiceRef> {
  const { path, type } = splitServiceType(id);
  const parts = path.split('/');
  if (parts.length > 2 || !parts.every(isValidSegment)) {
    return invalid(`"${id}" is not a valid service name (expected Folder/Name or Name).`);
  }
  return parts.length === 2
    ? ok({ folder: parts[0]!, name: parts[1]!, type })
    : ok({ folder: '', name: parts[0]!, type });
}

/** The service id of a reference: `Folder/Name` (or `Name`) for GP, with `.MapServer`/`.ImageServer` else. */
export function serviceId(ref: ServiceRef): string {
  return typedServiceId(ref.folder ? `${ref.folder}/${ref.name}` : ref.name, ref.type);
}

/**
 * Validates a job id: 1-128 characters without control characters, and never `.` or `..` (which a URL
 * would resolve as a path step even when encoded). Every other character is allowed, as servers name
 * jobs as they like (export-tiles jobs end in `_et`); each URL builder encodes the id as one segment, and
 * no file name is ever made from it.
 */
export function validateJobId(jobId: string): Result<string> {
  return isValidJobId(jobId) ? ok(jobId) : invalidJobId(jobId);
}

/** `validateJobId` as a test, without a result object (a bulk run checks one id per request). */
export function isValidJobId(jobId: string): boolean {
  return JOB_ID.test(jobId) && jobId !== '.' && jobId !== '..';
}

/** `validateJobId`'s error for an id it refuses. */
export function invalidJobId(jobId: string): Result<never> {
  return invalid(`"${jobId.slice(0, 80).replace(/\p{Cc}/gu, '?')}" is not a valid job id.`);
}

/** Validates a GP task name: tasks may contain spaces but never a path separator or a dot segment. */
export function validateTaskName(task: string): Result<string> {
  if (!task || task.length > 200 || /[/\\]/.test(task) || task === '.' || task === '..') {
    return invalid(`"${task.slice(0, 80)}" is not a valid task name.`);
  }
  return ok(task);
}

function folderPath(ref: ServiceRef): string {
  return ref.folder ? `${encodeURIComponent(ref.folder)}/` : '';
}

/** `<admin>/admin/services[/<folder>]`: a services folder listing. */
export function adminFolderUrl(adminRoot: string, folder: string): string {
  return `${adminRoot}/admin/services${folder ? `/${encodeURIComponent(folder)}` : ''}`;
}

/** `<admin>/admin/services/[<folder>/]<name>.<type>` */
export function adminServiceUrl(adminRoot: string, ref: ServiceRef): string {
  return `${adminRoot}/admin/services/${folderPath(ref)}${encodeURIComponent(ref.name)}.${ref.type}`;
}

/** `<svc>/jobs/<op>` for the service-level job operations (`query`, `statistics`). */
export function adminJobsUrl(adminRoot: string, ref: ServiceRef, op: 'query' | 'statistics'): string {
  return `${adminServiceUrl(adminRoot, ref)}/jobs/${op}`;
}

/** `<svc>/jobs/`: what every URL of one job of the service starts with (see `jobUrlIn`). */
export function adminJobsRoot(adminRoot: string, ref: ServiceRef): string {
  return `${adminServiceUrl(adminRoot, ref)}/jobs/`;
}

/** `<jobsRoot><jobId>[/cancel|/delete]` for a root from `adminJobsRoot`; the job id must have been validated. */
export function jobUrlIn(jobsRoot: string, jobId: string, op?: 'cancel' | 'delete'): string {
  const base = jobsRoot + encodeURIComponent(jobId);
  return op ? `${base}/${op}` : base;
}

/** `<svc>/jobs/<jobId>[/cancel|/delete]`; the job id must have been validated. */
export function adminJobUrl(
  adminRoot: string,
  ref: ServiceRef,
  jobId: string,
  op?: 'cancel' | 'delete',
): string {
  return jobUrlIn(adminJobsRoot(adminRoot, ref), jobId, op);
}

/** `<server>/rest/services/[<folder>/]<name>/<type>` */
export function restServiceUrl(serverRoot: string, ref: ServiceRef): string {
  return `${serverRoot}/rest/services/${folderPath(ref)}${encodeURIComponent(ref.name)}/${ref.type}`;
}

/** `<server>/rest/services/.../GPServer/<task>/jobs/<jobId>`: the REST job page with messages. */
export function restJobUrl(serverRoot: string, ref: ServiceRef, task: string, jobId: string): string {
  return `${restServiceUrl(serverRoot, ref)}/${encodeURIComponent(task)}/jobs/${encodeURIComponent(jobId)}`;
}

/**
 * `<server>/rest/services/.../<type>/jobs/<jobId>`: the REST job page of a map or image service (Export
 * Tiles jobs; Esri, "Map Service job", "Image Service job"), which has no task in its path.
 */
export function restServiceJobUrl(serverRoot: string, ref: ServiceRef, jobId: string): string {
  return `${restServiceUrl(serverRoot, ref)}/jobs/${encodeURIComponent(jobId)}`;
}

/** The task name in a job URL `.../GPServer/<task>/jobs/<id>`, or null when the URL names none. */
export function taskFromJobUrl(url: string | null): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /\/GPServer\/([^/]+)\/jobs\/[^/]+\/?$/i.exec(path);
  if (!m) return null;
  try {
    const task = decodeURIComponent(m[1]!);
    return validateTaskName(task).ok ? task : null;
  } catch {
    return null;
  }
}

/** A URL as a transport sends it: the origin, the host name, https or not, and the path with its query. */
export interface UrlTarget {
  origin: string;
  hostname: string;
  https: boolean;
  path: string;
}

/** Origins already parsed, by their exact text (`https://host:6443`), with their host name and scheme. */
const knownOrigins = new Map<string, { hostname: string; https: boolean }>();
/** A path `new URL` leaves as it is: no query, fragment, space, backslash or non-ASCII character. */
const PLAIN_PATH = /^\/[\w\-.~!$&'()*+,;=:@%/]*$/;
/** A `.` or `..` segment, also percent-encoded, which `new URL` would resolve. */
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?=\/|$)/i;

/**
 * Splits a URL into what a transport needs, exactly as `new URL` reads it (origin, host name, pathname and
 * query), without parsing it when its origin was seen before and its path is one `new URL` keeps as it is:
 * URLs of one server share their origin, and a bulk run sends thousands. Throws on an invalid URL, as
 * `new URL` does.
 */
export function splitUrl(url: string): UrlTarget {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  if (slash > 0) {
    const known = knownOrigins.get(url.slice(0, slash));
    const path = url.slice(slash);
    if (known && PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path)) {
      return { origin: url.slice(0, slash), hostname: known.hostname, https: known.https, path };
    }
  }
  const u = new URL(url);
  // Remembered only when the text before the path is the origin itself (no user info, default port, case).
  if (slash > 0 && url.slice(0, slash) === u.origin && knownOrigins.size < 256) {
    knownOrigins.set(u.origin, { hostname: u.hostname, https: u.protocol === 'https:' });
  }
  return {
    origin: u.origin,
    hostname: u.hostname,
    https: u.protocol === 'https:',
    path: `${u.pathname}${u.search}`,
  };
}
