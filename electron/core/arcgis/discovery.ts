/**
 * Discovery of the services that make jobs (see ./README.md, "Services with jobs"): the admin root listing
 * and every folder are read concurrently (the client's limiter bounds it), then the JSON of each GP, map
 * and image service decides, never a probe of its `jobs` resource: GP services that run asynchronously,
 * map and image services that allow exporting tiles, and the result map services of asynchronous GP
 * services. What a JSON said is kept in the client's `ServiceMemo`, so repeated listings cost no request
 * per service that makes no jobs.
 */
import type { GpService, Result, ServiceType } from '../types';
import { err, ok } from '../types';
import type { AdminCaller } from './caller';
import type { Json } from './normalize';
import { isJsonObject } from './normalize';
import type { ServiceRef } from './paths';
import { adminFolderUrl, adminServiceUrl, isValidSegment, serviceId } from './paths';
import type { CallOptions } from './requester';
import type { ServiceFacts, ServiceMemo } from './service-memo';

/** Which service types a discovery covers, and the client's memory of the site. */
export interface DiscoveryScope {
  types: ReadonlySet<ServiceType>;
  memo: ServiceMemo;
}

const JOB_TYPES: ReadonlySet<string> = new Set<ServiceType>(['GPServer', 'MapServer', 'ImageServer']);

/** The entries of one folder listing whose type can make jobs (GP, map and image services). */
export function jobServicesInListing(body: Json, folder: string): ServiceRef[] {
  const list = Array.isArray(body.services) ? body.services.filter(isJsonObject) : [];
  return list
    .filter(
      (s) =>
        typeof s.type === 'string' &&
        JOB_TYPES.has(s.type) &&
        typeof s.serviceName === 'string' &&
        isValidSegment(s.serviceName),
    )
    .map((s) => ({ folder, name: s.serviceName as string, type: s.type as ServiceType }));
}

/** A service JSON's `properties` (admin JSON), or the body itself (the REST view keeps them at the top). */
function prop(body: Json, key: string): unknown {
  const props = isJsonObject(body.properties) ? body.properties : {};
  return props[key] ?? body[key];
}

/** `true` or `"true"` (admin JSON writes booleans as strings), any case. */
function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** Whether a service JSON says asynchronous (`Asynchronous` or `esriExecutionTypeAsynchronous`; absent: yes). */
export function isAsynchronous(body: Json): boolean {
  const type = prop(body, 'executionType');
  return typeof type !== 'string' || !/^(esriExecutionType)?synchronous$/i.test(type);
}

/**
 * Whether a map or image service allows exporting tiles, the only way it makes jobs: `exportTilesAllowed`
 * (`"true"` in admin JSON, `true` in the REST view). Absent means no.
 */
export function allowsExportTiles(body: Json): boolean {
  return isTrue(prop(body, 'exportTilesAllowed'));
}

/** Whether a GP service has a result map service (`resultMapServer`, or a REST `resultMapServerName`). */
export function hasResultMapServer(body: Json): boolean {
  const name = body.resultMapServerName;
  return isTrue(prop(body, 'resultMapServer')) || (typeof name === 'string' && name.trim() !== '');
}

/** What a service JSON says about its jobs. */
export function factsFromJson(type: ServiceType, body: Json): ServiceFacts {
  if (type === 'GPServer') {
    const asynchronous = isAsynchronous(body);
    return { type, makesJobs: asynchronous, resultMapServer: asynchronous && hasResultMapServer(body) };
  }
  return { type, makesJobs: allowsExportTiles(body), resultMapServer: false };
}

async function listedRefs(c: AdminCaller, opts: CallOptions): Promise<Result<ServiceRef[]>> {
  const root = await c.call(adminFolderUrl(c.roots.admin, ''), {}, 'admin', opts);
  if (!root.ok) return root;
  const folders = (Array.isArray(root.value.folders) ? root.value.folders : []).filter(
    (f): f is string => typeof f === 'string' && isValidSegment(f),
  );
  const listings = await Promise.all(
    folders.map((f) => c.call(adminFolderUrl(c.roots.admin, f), {}, 'admin', opts)),
  );
  const refs = jobServicesInListing(root.value, '');
  for (const [i, listing] of listings.entries()) {
    if (!listing.ok) {
      if (listing.error.kind === 'not-found') continue; // folder removed meanwhile
      return listing;
    }
    refs.push(...jobServicesInListing(listing.value, folders[i]!));
  }
  return ok(refs);
}

/** The facts of each ref (remembered, else read from its JSON); null for a service deleted meanwhile. */
async function factsOf(
  c: AdminCaller,
  refs: readonly ServiceRef[],
  memo: ServiceMemo,
  opts: CallOptions,
): Promise<Result<(ServiceFacts | null)[]>> {
  const read = await Promise.all(
    refs.map(async (ref): Promise<Result<ServiceFacts | null>> => {
      const id = serviceId(ref);
      const known = memo.factsOf(id);
      if (known) return ok(known);
      const detail = await c.call(adminServiceUrl(c.roots.admin, ref), {}, 'admin', opts);
      if (!detail.ok) {
        memo.forget(id);
        return detail.error.kind === 'not-found' ? ok(null) : err(detail.error);
      }
      const facts = factsFromJson(ref.type, detail.value);
      memo.rememberFacts(id, facts);
      return ok(facts);
    }),
  );
  const out: (ServiceFacts | null)[] = [];
  for (const r of read) {
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

/**
 * Lists the GP, map and image services of a site of the scope's types, sorted by id; `asynchronous` says
 * whether each makes jobs. A result map service (not itself listed by the server) is added for each
 * asynchronous GP service that has one, unless its `jobs` resource turned out not to exist. Its requests wait
 * for a slot of the server's limiter ahead of others (a listing's job pages).
 */
export async function discoverServices(
  c: AdminCaller,
  scope: DiscoveryScope,
  callOpts: CallOptions = {},
): Promise<Result<GpService[]>> {
  // Ahead of queued job pages: a listing holds the pages of services it has yet to confirm until this ends.
  const opts: CallOptions = { ...callOpts, first: true };
  const listed = await listedRefs(c, opts);
  if (!listed.ok) return listed;
  // GP services' JSON is also read for map services alone: it names their result map services.
  const wanted = (t: ServiceType) => scope.types.has(t) || (t === 'GPServer' && scope.types.has('MapServer'));
  const refs = listed.value.filter((r) => wanted(r.type));
  const facts = await factsOf(c, refs, scope.memo, opts);
  if (!facts.ok) return facts;
  const ids = new Set(refs.map(serviceId));
  const services: GpService[] = [];
  const add = (ref: ServiceRef, makesJobs: boolean) => {
    const id = serviceId(ref);
    services.push({
      profileId: c.profileId,
      folder: ref.folder,
      name: ref.name,
      type: ref.type,
      id,
      asynchronous: makesJobs && !scope.memo.withoutJobs(id),
    });
  };
  for (const [i, ref] of refs.entries()) {
    const f = facts.value[i];
    if (!f) continue; // service deleted meanwhile
    if (scope.types.has(ref.type)) add(ref, f.makesJobs);
    const resultMap: ServiceRef = { ...ref, type: 'MapServer' };
    const resultId = serviceId(resultMap);
    if (f.resultMapServer && scope.types.has('MapServer') && !ids.has(resultId)) {
      if (!scope.memo.withoutJobs(resultId)) add(resultMap, true);
    }
  }
  services.sort((a, b) => a.id.localeCompare(b.id));
  return ok(services);
}
