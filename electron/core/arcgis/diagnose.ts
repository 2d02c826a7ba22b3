/**
 * A diagnostics report of one site: it signs in and records the shape of each answer the product relies
 * on (rest/info, admin/info, the services listing, one GP service JSON, one `jobs/query` page, one job and
 * one error answer): HTTP status, content type, keys and value types, timings and the versions. Values are
 * never recorded, and a final pass removes any token, user, host, job id or message that could still be in
 * it. An administrator attaches it to a bug report; the simulator can load its shapes to reproduce a site.
 */
import type { AppError, Result } from '../types';
import type { RawResponse } from './errors';
import { interpretResponse } from './errors';
import type { Shape } from './diagnostics-shape';
import { isFieldName, sensitiveStrings, shapeOf } from './diagnostics-shape';
import type { Json, QueryPageShape } from './normalize';
import { isJsonObject, rawJobId, readQueryPage } from './normalize';
import type { SiteRoots } from './paths';
import { adminFolderUrl, adminJobUrl, adminJobsUrl, adminServiceUrl, isValidSegment } from './paths';

/** What the report needs from a client: its roots, a token, and raw POSTs (timed). */
export interface DiagnosticsPort {
  roots: SiteRoots;
  authMode: string;
  username: string;
  token(): Promise<Result<string>>;
  send(url: string, params: Record<string, string | number>): Promise<Result<RawResponse>>;
  now(): number;
}

/** One recorded answer. */
export interface ProbeRecord {
  name: string;
  status: number | null;
  contentType: string | null;
  body: 'json' | 'html' | 'text' | 'empty' | null;
  ms: number;
  shape: Shape | null;
  error: { kind: AppError['kind']; code?: number } | null;
}

/** A diagnostics report (format `gpjobs-diagnostics/1`). */
export interface DiagnosticsReport {
  format: 'gpjobs-diagnostics/1';
  createdAt: string;
  site: {
    currentVersion: number | string | null;
    fullVersion: string | null;
    adminVersion: string | null;
    federated: boolean | null;
    authMode: string;
    contextPath: 'arcgis' | 'server' | 'none' | 'custom';
    separateAdminUrl: boolean;
  };
  signIn: { ok: boolean; error: ProbeRecord['error'] };
  /** How the `jobs/query` page laid out its jobs, and the keys its job values carried. */
  jobsQuery: { layout: QueryPageShape | null; valueKeys: string[] } | null;
  probes: ProbeRecord[];
}

const VERSION_KEYS = new Set(['currentVersion', 'fullVersion', 'currentversion', 'currentbuild']);
const BOGUS_JOB = 'jdiagnostics00000000000000000000';

function contextPathOf(root: string): DiagnosticsReport['site']['contextPath'] {
  const path = new URL(root).pathname.replace(/\/+$/, '');
  if (path === '') return 'none';
  return path === '/arcgis' ? 'arcgis' : path === '/server' ? 'server' : 'custom';
}

function errorOf(e: AppError): NonNullable<ProbeRecord['error']> {
  return e.code === undefined ? { kind: e.kind } : { kind: e.kind, code: e.code };
}

/** Runs the probes and returns the redacted report. */
export async function diagnoseSite(port: DiagnosticsPort): Promise<DiagnosticsReport> {
  const identities = new Set<string>([port.username, ...hostsOf(port.roots)].filter((s) => s.length > 0));
  const secrets = { identities, texts: new Set<string>() };
  const bodies: Record<string, Json> = {};
  const probes: ProbeRecord[] = [];
  const probe = async (name: string, url: string, params: Record<string, string | number> = {}) => {
    const started = port.now();
    const raw = await port.send(url, params);
    const ms = Math.round(port.now() - started);
    if (!raw.ok) {
      probes.push({
        name,
        status: null,
        contentType: null,
        body: null,
        ms,
        shape: null,
        error: errorOf(raw.error),
      });
      return null;
    }
    const r = raw.value;
    const parsed = parseJson(r.text);
    const interpreted = interpretResponse(r, name === 'rest/info' ? 'info' : 'admin', url);
    probes.push({
      name,
      status: r.status,
      contentType: r.contentType.split(';')[0]!.trim() || null,
      body: !r.text.trim() ? 'empty' : parsed !== null ? 'json' : /^\s*</.test(r.text) ? 'html' : 'text',
      ms,
      shape: parsed === null ? null : shapeOf(parsed),
      error: interpreted.ok ? null : errorOf(interpreted.error),
    });
    if (isJsonObject(parsed)) {
      bodies[name] = parsed;
      sensitiveStrings(parsed, secrets, VERSION_KEYS);
    }
    return isJsonObject(parsed) && interpreted.ok ? parsed : null;
  };

  const { server, admin } = port.roots;
  const info = await probe('rest/info', `${server}/rest/info`);
  const token = await port.token();
  const signIn = { ok: token.ok, error: token.ok ? null : errorOf(token.error) };
  if (token.ok) identities.add(token.value);
  const auth: Record<string, string> = token.ok ? { token: token.value } : {};
  const adminInfo = await probe('admin/info', `${admin}/admin/info`, auth);
  const root = await probe('admin/services', adminFolderUrl(admin, ''), auth);
  const gp = await firstGpService(root, admin, auth, probe);
  let jobsQuery: DiagnosticsReport['jobsQuery'] = null;
  if (gp) {
    await probe('GP service JSON', adminServiceUrl(admin, gp), auth);
    const page = await probe('jobs/query', adminJobsUrl(admin, gp, 'query'), {
      ...auth,
      startTime: 0,
      number: 2,
    });
    jobsQuery = page ? layoutOf(page, identities) : null;
    const first = page && 'page' in readQueryPage(page) ? firstJobId(page) : null;
    if (first) await probe('job', adminJobUrl(admin, gp, first), auth);
    await probe('error answer (unknown job)', adminJobUrl(admin, gp, BOGUS_JOB), auth);
  }
  const report: DiagnosticsReport = {
    format: 'gpjobs-diagnostics/1',
    createdAt: new Date(port.now()).toISOString(),
    site: {
      currentVersion: versionOf(info?.currentVersion),
      fullVersion: typeof info?.fullVersion === 'string' ? info.fullVersion : null,
      adminVersion: typeof adminInfo?.currentversion === 'string' ? adminInfo.currentversion : null,
      federated: info ? typeof info.owningSystemUrl === 'string' : null,
      authMode: port.authMode,
      contextPath: contextPathOf(server),
      separateAdminUrl: server !== admin,
    },
    signIn,
    jobsQuery,
    probes,
  };
  return redact(report, secrets);
}

function parseJson(text: string): unknown {
  try {
    return text.trim() ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

type Probe = (name: string, url: string, params?: Record<string, string | number>) => Promise<Json | null>;

/** The first GPServer of the root listing, else of the first folders (at most 10 read). */
async function firstGpService(root: Json | null, admin: string, auth: Record<string, string>, probe: Probe) {
  const find = (listing: Json | null, folder: string) => {
    const services = Array.isArray(listing?.services) ? listing.services.filter(isJsonObject) : [];
    const s = services.find((x) => x.type === 'GPServer' && typeof x.serviceName === 'string');
    return s && isValidSegment(s.serviceName as string)
      ? { folder, name: s.serviceName as string, type: 'GPServer' as const }
      : null;
  };
  const inRoot = find(root, '');
  if (inRoot || !root) return inRoot;
  const folders = (Array.isArray(root.folders) ? root.folders : []).filter(
    (f): f is string => typeof f === 'string' && isValidSegment(f),
  );
  for (const folder of folders.slice(0, 10)) {
    const found = find(await probe('admin/services folder', adminFolderUrl(admin, folder), auth), folder);
    if (found) return found;
  }
  return null;
}

function firstJobId(page: Json): string | null {
  const read = readQueryPage(page);
  const raw = 'page' in read ? read.page.jobs[0] : undefined;
  return raw ? rawJobId(raw) : null;
}

function layoutOf(page: Json, secrets: Set<string>): NonNullable<DiagnosticsReport['jobsQuery']> {
  const read = readQueryPage(page);
  if (!('page' in read)) return { layout: null, valueKeys: [] };
  if (isJsonObject(page.results)) for (const key of Object.keys(page.results)) secrets.add(key);
  const keys = new Set<string>();
  for (const raw of read.page.jobs) for (const k of Object.keys(raw)) if (isFieldName(k)) keys.add(k);
  // Keyed values gained the key as `jobId` when reading; report what the server sent.
  if (read.shape === 'keyed-results' && isJsonObject(page.results)) {
    keys.clear();
    for (const v of Object.values(page.results))
      if (isJsonObject(v)) Object.keys(v).forEach((k) => keys.add(k));
  }
  return { layout: read.shape, valueKeys: [...keys].filter(isFieldName).sort() };
}

function versionOf(v: unknown): number | string | null {
  return typeof v === 'number' || typeof v === 'string' ? v : null;
}

function hostsOf(roots: SiteRoots): string[] {
  return [roots.server, roots.admin].flatMap((u) => {
    const url = new URL(u);
    return [url.host, url.hostname];
  });
}

/** Words the report itself is made of (types, layouts): never taken for a secret. */
const STRUCTURE = new Set([
  'string',
  'number',
  'boolean',
  'null',
  'object',
  'true',
  'false',
  'json',
  'html',
  'text',
]);

/** A replacer of every given string (longest first) by `<redacted>`. */
function scrubber(secrets: Iterable<string>): (text: string) => string {
  const sorted = [...secrets]
    .filter((s) => s.length >= 2 && !STRUCTURE.has(s.toLowerCase()))
    .sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((t, s) => (t.includes(s) ? t.split(s).join('<redacted>') : t), text);
}

/**
 * The last pass over what came from the server: identities are removed from the keys of every shape and
 * from the job value keys, identities and answer texts from the content types. Everything else in the
 * report (probe names, types, layouts, versions, error kinds) is the product's own words.
 */
function redact(
  report: DiagnosticsReport,
  secrets: { identities: ReadonlySet<string>; texts: ReadonlySet<string> },
): DiagnosticsReport {
  const key = scrubber(secrets.identities);
  const value = scrubber([...secrets.identities, ...secrets.texts]);
  const keys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(keys);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [key(k), keys(x)]));
  };
  return {
    ...report,
    jobsQuery: report.jobsQuery && { ...report.jobsQuery, valueKeys: report.jobsQuery.valueKeys.map(key) },
    probes: report.probes.map((p) => ({
      ...p,
      contentType: p.contentType === null ? null : value(p.contentType),
      shape: keys(p.shape) as Shape | null,
    })),
  };
}
