/**
 * URL building for the ArcGIS Admin and REST APIs. Every name that comes from a user or a server is
 * validated and each path segment is `encodeURIComponent`-ed, so a job id such as `../../x` can never
 * become a path (see ./README.md).
 */
import type { Profile, Result } from '../types';
import { err, ok } from '../types';

export { insecureCredentialsError, isSafeForCredentials } from '../credentials/plain-http';

/** The two roots a profile talks to: the site (REST, tokens) and the admin site (may be a machine URL). */
export interface SiteRoots {
  /** e.g. `https://host/arcgis` */
  server: string;
  /** e.g. `https://machine:6443/arcgis`; the server root when the profile has no separate admin URL. */
  admin: string;
}

/** A GP service split into its folder ('' for root) and name. */
export interface ServiceRef {
  folder: string;
  name: string;
}

const SEGMENT = /^[\p{L}\p{N}_-]{1,120}$/u;
const JOB_ID = /^[A-Za-z0-9_-]{1,128}$/;

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

/** Parses a service id `Folder/Name` or `Name` (an optional `.GPServer` suffix is dropped). */
export function parseServiceId(id: string): Result<ServiceRef> {
  const bare = id.replace(/\.GPServer$/, '');
  const parts = bare.split('/');
  if (parts.length > 2 || !parts.every(isValidSegment)) {
    return invalid(`"${id}" is not a valid service name (expected Folder/Name or Name).`);
  }
  return parts.length === 2
    ? ok({ folder: parts[0]!, name: parts[1]! })
    : ok({ folder: '', name: parts[0]! });
}

/** The service id (`Folder/Name` or `Name`) of a service reference. */
export function serviceId(ref: ServiceRef): string {
  return ref.folder ? `${ref.folder}/${ref.name}` : ref.name;
}

/** Validates a GP job id (letters, digits, `_`, `-`). */
export function validateJobId(jobId: string): Result<string> {
  return JOB_ID.test(jobId) ? ok(jobId) : invalid(`"${jobId.slice(0, 80)}" is not a valid job id.`);
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

/** `<admin>/admin/services/[<folder>/]<name>.GPServer` */
export function adminServiceUrl(adminRoot: string, ref: ServiceRef): string {
  return `${adminRoot}/admin/services/${folderPath(ref)}${encodeURIComponent(ref.name)}.GPServer`;
}

/** `<svc>/jobs/<op>` for the service-level job operations (`query`, `statistics`). */
export function adminJobsUrl(adminRoot: string, ref: ServiceRef, op: 'query' | 'statistics'): string {
  return `${adminServiceUrl(adminRoot, ref)}/jobs/${op}`;
}

/** `<svc>/jobs/<jobId>[/cancel|/delete]`; the job id must have been validated. */
export function adminJobUrl(
  adminRoot: string,
  ref: ServiceRef,
  jobId: string,
  op?: 'cancel' | 'delete',
): string {
  const base = `${adminServiceUrl(adminRoot, ref)}/jobs/${encodeURIComponent(jobId)}`;
  return op ? `${base}/${op}` : base;
}

/** `<server>/rest/services/[<folder>/]<name>/GPServer` */
export function restServiceUrl(serverRoot: string, ref: ServiceRef): string {
  return `${serverRoot}/rest/services/${folderPath(ref)}${encodeURIComponent(ref.name)}/GPServer`;
}

/** `<server>/rest/services/.../GPServer/<task>/jobs/<jobId>`: the REST job page with messages. */
export function restJobUrl(serverRoot: string, ref: ServiceRef, task: string, jobId: string): string {
  return `${restServiceUrl(serverRoot, ref)}/${encodeURIComponent(task)}/jobs/${encodeURIComponent(jobId)}`;
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
