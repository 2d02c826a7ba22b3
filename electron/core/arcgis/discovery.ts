/**
 * GP service discovery: the admin root listing and every folder are read concurrently (the client's
 * limiter bounds it), then each GPServer's JSON for its execution type (see ./README.md).
 */
import type { GpService, Result } from '../types';
import { err, ok } from '../types';
import type { AdminCaller } from './caller';
import type { Json } from './normalize';
import { isJsonObject } from './normalize';
import type { ServiceRef } from './paths';
import { adminFolderUrl, adminServiceUrl, isValidSegment, serviceId } from './paths';
import type { CallOptions } from './requester';

/** The GPServer entries of one folder listing. */
export function gpServicesInListing(body: Json, folder: string): ServiceRef[] {
  const list = Array.isArray(body.services) ? body.services.filter(isJsonObject) : [];
  return list
    .filter(
      (s) => s.type === 'GPServer' && typeof s.serviceName === 'string' && isValidSegment(s.serviceName),
    )
    .map((s) => ({ folder, name: s.serviceName as string, type: 'GPServer' as const }));
}

/** Whether a service JSON says asynchronous (`Asynchronous` or `esriExecutionTypeAsynchronous`; absent: yes). */
export function isAsynchronous(body: Json): boolean {
  const props = isJsonObject(body.properties) ? body.properties : {};
  const type = props.executionType ?? body.executionType;
  return typeof type !== 'string' || !/^(esriExecutionType)?synchronous$/i.test(type);
}

/** Lists the GP services of a site, asynchronous or not, sorted by id. */
export async function discoverServices(c: AdminCaller, opts: CallOptions = {}): Promise<Result<GpService[]>> {
  const root = await c.call(adminFolderUrl(c.roots.admin, ''), {}, 'admin', opts);
  if (!root.ok) return root;
  const folders = (Array.isArray(root.value.folders) ? root.value.folders : []).filter(
    (f): f is string => typeof f === 'string' && isValidSegment(f),
  );
  const listings = await Promise.all(
    folders.map((f) => c.call(adminFolderUrl(c.roots.admin, f), {}, 'admin', opts)),
  );
  const refs = gpServicesInListing(root.value, '');
  for (const [i, listing] of listings.entries()) {
    if (!listing.ok) {
      if (listing.error.kind === 'not-found') continue; // folder removed meanwhile
      return listing;
    }
    refs.push(...gpServicesInListing(listing.value, folders[i]!));
  }
  const details = await Promise.all(
    refs.map((ref) => c.call(adminServiceUrl(c.roots.admin, ref), {}, 'admin', opts)),
  );
  const services: GpService[] = [];
  for (const [i, detail] of details.entries()) {
    const ref = refs[i]!;
    if (!detail.ok) {
      if (detail.error.kind === 'not-found') continue; // service deleted meanwhile
      return err(detail.error);
    }
    const id = serviceId(ref);
    services.push({
      profileId: c.profileId,
      folder: ref.folder,
      name: ref.name,
      type: ref.type,
      id,
      asynchronous: isAsynchronous(detail.value),
    });
  }
  services.sort((a, b) => a.id.localeCompare(b.id));
  return ok(services);
}
