/**
 * The Server Administrator API (see ./README.md): site root, info, token service, service discovery
 * (root and folder listings, service JSON), the jobs routes (delegated) and the server directories.
 */
import type { SimContext } from './context';
import { isReply, requireAdmin, requireAdminToken } from './guard';
import type { Incoming, Reply } from './reply';
import { adminDisabledPage, adminError, answer, success } from './reply';
import { routeJobs } from './routes-jobs';
import { generateToken } from './routes-tokens';
import type { ServiceState } from './store';

/** Version the simulated site reports. */
export const VERSION = { number: 11.1, full: '11.1.0', build: '41295' };

/** The admin "no such resource" error. */
export function notFound(req: Incoming, what: string): Reply {
  return adminError(req, 404, [`Could not find resource or operation '${what}' on the system.`]);
}

/** Routes `/arcgis/admin/...`; `rest` are the segments after `admin`. */
export function routeAdmin(req: Incoming, ctx: SimContext, rest: string[]): Reply {
  if (ctx.adminDisabled) return adminDisabledPage();
  const head = rest[0];
  const tail = rest.slice(1);
  if (head === undefined || head === '') {
    const auth = requireAdmin(req, ctx, 'admin');
    if (isReply(auth)) return auth;
    return answer(
      req,
      {
        resources: [
          'machines',
          'clusters',
          'system',
          'services',
          'security',
          'data',
          'uploads',
          'logs',
          'mode',
          'usagereports',
          'info',
        ],
        currentVersion: VERSION.number,
        fullVersion: VERSION.full,
        acceptLanguage: null,
        isServerLicensed: true,
      },
      'ArcGIS Server Administrator Directory',
    );
  }
  if (head === 'generateToken' && tail.length === 0) return generateToken(req, ctx, 'admin');
  if (head === 'info' && tail.length === 0) return info(req, ctx);
  if (head === 'services') return routeServices(req, ctx, tail);
  if (head === 'system' && tail[0] === 'directories') return routeDirectories(req, ctx, tail.slice(1));
  return notFound(req, rest.join('/'));
}

function info(req: Incoming, ctx: SimContext): Reply {
  const base = {
    currentversion: String(VERSION.number),
    currentbuild: VERSION.build,
    fullVersion: VERSION.full,
    timezone: { windowsZoneID: 'UTC', olsonZoneID: 'UTC' },
  };
  const wantsUser = 'token' in req.params || req.headers['x-esri-authorization'] !== undefined;
  if (!wantsUser) return answer(req, base, 'Server Info');
  const auth = requireAdminToken(req, ctx);
  if (isReply(auth)) return auth;
  return answer(
    req,
    { ...base, loggedInUser: auth.username, loggedInUserPrivilege: auth.admin ? 'ADMINISTER' : 'ACCESS' },
    'Server Info',
  );
}

function listItem(s: ServiceState): Record<string, unknown> {
  return { folderName: s.def.folder || '/', serviceName: s.def.name, type: s.def.type, description: '' };
}

function routeServices(req: Incoming, ctx: SimContext, rest: string[]): Reply {
  const auth = requireAdmin(req, ctx, () => ['services', ...rest].join('/'));
  if (isReply(auth)) return auth;
  const [first, second] = [rest[0], rest[1]];
  const more = rest.slice(2);
  if (first === undefined || first === '') {
    return answer(
      req,
      {
        folderName: '/',
        description: 'Root folder',
        webEncrypted: false,
        isDefault: true,
        folders: ctx.folders,
        foldersDetail: ctx.folders.map((folderName) => ({
          folderName,
          description: '',
          webEncrypted: false,
          isDefault: false,
        })),
        services: ctx.store.services.filter((s) => s.def.folder === '').map(listItem),
      },
      'Root folder',
    );
  }
  if (first.includes('.')) return serviceRoute(req, ctx, '', first, rest.slice(1));
  const folder = ctx.folders.find((f) => f.toLowerCase() === first.toLowerCase());
  if (!folder) return notFound(req, first);
  if (second === undefined || second === '') {
    return answer(
      req,
      {
        folderName: folder,
        description: '',
        webEncrypted: false,
        isDefault: false,
        services: ctx.store.services.filter((s) => s.def.folder === folder).map(listItem),
      },
      folder,
    );
  }
  return serviceRoute(req, ctx, folder, second, more);
}

function serviceRoute(
  req: Incoming,
  ctx: SimContext,
  folder: string,
  nameType: string,
  rest: string[],
): Reply {
  const dot = nameType.lastIndexOf('.');
  const svc = ctx.store.find(folder, nameType.slice(0, dot), nameType.slice(dot + 1));
  if (!svc) return notFound(req, folder ? `${folder}/${nameType}` : nameType);
  const op = rest[0];
  const more = rest.slice(1);
  if (op === undefined || op === '') return answer(req, serviceJson(svc), svc.def.id);
  if (op === 'status' && more.length === 0)
    return answer(req, { configuredState: 'STARTED', realTimeState: 'STARTED' });
  // GP services have a jobs resource; map and image services list Export Tiles jobs when they allow them.
  if (op === 'jobs' && (svc.def.type === 'GPServer' || svc.def.exportTiles))
    return routeJobs(req, ctx, svc, more);
  return notFound(req, rest.join('/'));
}

function serviceJson(s: ServiceState): Record<string, unknown> {
  const common = {
    serviceName: s.def.name,
    type: s.def.type,
    description: '',
    capabilities: '',
    provider: 'ArcObjects11',
    clusterName: 'default',
    minInstancesPerNode: 1,
    maxInstancesPerNode: s.def.maxInstances,
    instancesPerContainer: 1,
    maxWaitTime: 60,
    maxStartupTime: 300,
    maxIdleTime: 1800,
    maxUsageTime: 600,
    loadBalancing: 'ROUND_ROBIN',
    isolationLevel: 'HIGH',
    configuredState: 'STARTED',
    recycleInterval: 24,
    recycleStartTime: '00:00',
    keepAliveInterval: 1800,
    private: false,
    isDefault: false,
    maxUploadFileSize: 0,
    allowedUploadFileTypes: '',
    extensions: [],
    frameworkProperties: {},
    datasets: [],
  };
  if (s.def.type === 'MapServer' || s.def.type === 'ImageServer') return { ...common, ...tileJson(s) };
  if (s.def.type !== 'GPServer') return { ...common, properties: { maxRecordCount: '2000' } };
  const dir = 'D:\\arcgisserver\\directories';
  return {
    ...common,
    properties: {
      executionType: s.def.asynchronous ? 'Asynchronous' : 'Synchronous',
      toolbox: `${dir}\\arcgissystem\\arcgisinput\\${s.def.id.replace('/', '\\')}.GPServer\\extracted\\p30\\${s.def.name}.tbx`,
      jobsDirectory: `${dir}\\arcgisjobs`,
      jobsVirtualDirectory: '/rest/directories/arcgisjobs',
      outputDir: `${dir}\\arcgisoutput`,
      virtualOutputDir: '/rest/directories/arcgisoutput',
      maximumRecords: '1000',
      showMessages: 'Info',
      resultMapServer: s.def.resultMapServer ? 'true' : 'false',
    },
  };
}

/**
 * The admin JSON parts of a map or image service that say whether it exports tiles: `capabilities` and the
 * `properties` strings `isCached`, `exportTilesAllowed`, `maxExportTilesCount` (see ./README.md).
 */
function tileJson(s: ServiceState): Record<string, unknown> {
  const cached = s.def.exportTiles !== undefined;
  return {
    capabilities: s.def.type === 'ImageServer' ? 'Image,Metadata,Catalog' : 'Map,Query,Data',
    properties: {
      maxRecordCount: '2000',
      isCached: String(cached),
      cacheOnDemand: 'false',
      clientCachingAllowed: 'true',
      exportTilesAllowed: String(s.def.exportTiles ?? false),
      maxExportTilesCount: '100000',
    },
  };
}

function routeDirectories(req: Incoming, ctx: SimContext, rest: string[]): Reply {
  const auth = requireAdmin(req, ctx, ['system', 'directories', ...rest].join('/'));
  if (isReply(auth)) return auth;
  const all = ctx.retention.directories();
  const [name, op] = rest;
  if (name === undefined || name === '') return answer(req, { directories: all }, 'Server Directories');
  const dir = all.find((d) => d.name === name);
  if (!dir) return notFound(req, name);
  if (op === undefined) return answer(req, dir, name);
  if (req.method !== 'POST')
    return adminError(req, 405, [`The '${op}' operation must be invoked with POST.`]);
  if (op === 'clean') {
    if (name === 'arcgisjobs') ctx.retention.sweep();
    return success(req);
  }
  if (op === 'edit' && name === 'arcgisjobs') {
    const mode = req.form.cleanupMode ?? ctx.retention.cleanupMode;
    const age = Number(req.form.maxFileAge ?? ctx.retention.maxFileAgeMinutes);
    if (
      (mode !== 'NONE' && mode !== 'TIME_ELAPSED_SINCE_LAST_MODIFIED') ||
      !Number.isFinite(age) ||
      age < 0
    ) {
      return adminError(req, 400, ['Invalid cleanupMode or maxFileAge.']);
    }
    ctx.retention.edit(mode, age);
    return success(req);
  }
  return notFound(req, rest.join('/'));
}
