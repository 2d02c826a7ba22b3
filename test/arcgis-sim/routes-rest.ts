/**
 * The REST (services directory) side (see ./README.md): `rest/info` (federated or not), the services
 * directory, GP service and task info, `submitJob`, the job page with messages, and REST cancel.
 */
import type { SimContext } from './context';
import { isReply, optionalRestToken } from './guard';
import { jobParamRefs, jobParamValue } from './job-params';
import { jobMessages } from './messages';
import type { Incoming, Reply } from './reply';
import { answer, restError } from './reply';
import { servicePath } from './catalog';
import { VERSION } from './routes-admin';
import type { JobRec, ServiceState } from './store';

const TYPES = new Set(['GPServer', 'MapServer', 'GeometryServer', 'FeatureServer', 'ImageServer']);

function invalidUrl(req: Incoming): Reply {
  return restError(req, 400, 'Invalid URL', ['Invalid URL']);
}

/** Routes `/arcgis/rest/...`; `rest` are the segments after `rest`. */
export function routeRest(req: Incoming, ctx: SimContext, rest: string[]): Reply {
  const [head, ...tail] = rest;
  if (head === 'info' && tail.length === 0) return restInfo(req, ctx);
  if (head !== 'services') return invalidUrl(req);
  const auth = optionalRestToken(req, ctx);
  if (isReply(auth)) return auth;
  const typeAt = tail.findIndex((seg) => TYPES.has(seg));
  if (typeAt < 0) return directory(req, ctx, tail);
  const path = tail.slice(0, typeAt);
  const name = path[path.length - 1] ?? '';
  const folder = path.slice(0, -1).join('/');
  const type = tail[typeAt]!;
  const svc = ctx.store.find(folder, name, type);
  if (!svc || path.length > 2) {
    return restError(req, 404, `Service ${[...path, type].join('/')} not found`, []);
  }
  const after = tail.slice(typeAt + 1);
  if (after[0] === undefined || after[0] === '') return answer(req, serviceInfo(svc), svc.def.id);
  // A map or image service's job pages have no task: `…/MapServer/jobs/<id>`.
  if (type !== 'GPServer' && after[0] === 'jobs' && svc.def.exportTiles) after.unshift('');
  const [task, op, jobId, jobOp, param] = after;
  if (task === undefined) return invalidUrl(req);
  if (type === 'GPServer' ? !svc.def.tasks.includes(task) : task !== '') return invalidUrl(req);
  if (op === undefined) return answer(req, taskInfo(svc, task), task);
  if (op === 'submitJob' && jobId === undefined) {
    if (!svc.def.asynchronous) return invalidUrl(req);
    const job = ctx.lifecycle.submit(svc, { task, username: auth?.username ?? null });
    return answer(req, { jobId: job.jobId, jobStatus: job.status }, 'Job');
  }
  if (op !== 'jobs' || !jobId) return invalidUrl(req);
  const job = svc.jobs.get(jobId);
  if (!job) return invalidUrl(req);
  if (jobOp === undefined) return answer(req, jobPage(req, job), `Job ${jobId}`);
  if (jobOp === 'cancel' && param === undefined) {
    if (!ctx.lifecycle.restCancel(job))
      return restError(req, 400, 'Invalid or missing input parameters.', []);
    return answer(req, { jobId: job.jobId, jobStatus: job.status }, 'Job');
  }
  const value = jobOp && param ? jobParamValue(job, jobOp, param) : null;
  if (value) return answer(req, value);
  return invalidUrl(req);
}

function restInfo(req: Incoming, ctx: SimContext): Reply {
  const authInfo = {
    isTokenBasedSecurity: true,
    tokenServicesUrl: ctx.federated
      ? `${ctx.portalUrl}/sharing/rest/generateToken`
      : `${ctx.siteUrl}/tokens/`,
    shortLivedTokenValidity: Math.max(1, Math.round(ctx.tokenLifetimeMs / 60_000)),
  };
  return answer(
    req,
    {
      currentVersion: VERSION.number,
      fullVersion: VERSION.full,
      ...(ctx.federated ? { owningSystemUrl: ctx.portalUrl } : {}),
      soapUrl: `${ctx.siteUrl}/services`,
      secureSoapUrl: ctx.https ? `${ctx.siteUrl}/services` : null,
      authInfo,
    },
    'Server Info',
  );
}

function directory(req: Incoming, ctx: SimContext, tail: string[]): Reply {
  if (tail.length > 1) return invalidUrl(req);
  const folder = tail[0] ?? '';
  if (folder && !ctx.folders.some((f) => f.toLowerCase() === folder.toLowerCase())) return invalidUrl(req);
  const services = ctx.store.services
    .filter((s) => s.def.folder.toLowerCase() === folder.toLowerCase())
    .map((s) => ({ name: servicePath(s.def.folder, s.def.name), type: s.def.type }));
  return answer(
    req,
    { currentVersion: VERSION.number, folders: folder ? [] : ctx.folders, services },
    'Folder: /' + folder,
  );
}

function serviceInfo(svc: ServiceState): Record<string, unknown> {
  if (svc.def.exportTiles !== undefined) {
    // The REST view of a cached map or image service: booleans and numbers where admin JSON has strings.
    return {
      currentVersion: VERSION.number,
      serviceDescription: '',
      capabilities: svc.def.type === 'ImageServer' ? 'Image,Metadata,Catalog' : 'Map,Query,Data',
      singleFusedMapCache: true,
      exportTilesAllowed: svc.def.exportTiles,
      maxExportTilesCount: 100000,
    };
  }
  if (svc.def.type !== 'GPServer') return { currentVersion: VERSION.number, serviceDescription: '' };
  return {
    currentVersion: VERSION.number,
    serviceDescription: '',
    tasks: svc.def.tasks,
    executionType: svc.def.asynchronous ? 'esriExecutionTypeAsynchronous' : 'esriExecutionTypeSynchronous',
    resultMapServerName: '',
    maximumRecords: 1000,
    capabilities: '',
  };
}

function taskInfo(svc: ServiceState, task: string): Record<string, unknown> {
  return {
    name: task,
    displayName: task,
    category: '',
    helpUrl: '',
    executionType: svc.def.asynchronous ? 'esriExecutionTypeAsynchronous' : 'esriExecutionTypeSynchronous',
    parameters: [],
  };
}

function jobPage(req: Incoming, job: JobRec): Record<string, unknown> {
  const withMessages = (req.params.returnMessages ?? 'true').toLowerCase() !== 'false';
  const page: Record<string, unknown> = {
    jobId: job.jobId,
    jobStatus: job.status,
    messages: withMessages ? jobMessages(job) : [],
  };
  if (job.status === 'esriJobExecuting') page.progress = { type: 'default', message: 'Executing...' };
  return { ...page, ...jobParamRefs(job) };
}
