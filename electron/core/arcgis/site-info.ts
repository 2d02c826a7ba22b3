/**
 * `rest/info`: the unauthenticated description of a site: version, whether it is federated with a portal,
 * and where its tokens come from (see ./README.md).
 */
import type { Result } from '../types';
import { err, ok } from '../types';
import { isJsonObject, toNumber } from './normalize';
import type { CallOptions, Requester } from './requester';

/** What `rest/info` says about a site. */
export interface SiteInfo {
  /** `fullVersion`, else `currentVersion` as text (e.g. "11.1.0"). */
  version: string;
  /** `owningSystemUrl`: the portal of a federated server, else null. */
  owningSystemUrl: string | null;
  /** `authInfo.tokenServicesUrl`, else null. */
  tokenServicesUrl: string | null;
}

/** Reads `<server>/rest/info`; `not-arcgis` when the answer is not an ArcGIS Server description. */
export async function fetchSiteInfo(
  requester: Requester,
  serverRoot: string,
  opts?: CallOptions,
): Promise<Result<SiteInfo>> {
  const url = `${serverRoot}/rest/info`;
  const r = await requester.post(url, {}, 'info', opts);
  if (!r.ok) return r;
  const body = r.value;
  const current = toNumber(body.currentVersion);
  if (current === null && typeof body.fullVersion !== 'string') {
    return err({
      kind: 'not-arcgis',
      message: `${url} answered, but not like ArcGIS Server (no currentVersion). Is the server URL the site root, e.g. https://host/arcgis?`,
    });
  }
  const auth = isJsonObject(body.authInfo) ? body.authInfo : {};
  return ok({
    version: typeof body.fullVersion === 'string' ? body.fullVersion : String(current),
    owningSystemUrl:
      typeof body.owningSystemUrl === 'string' && body.owningSystemUrl ? body.owningSystemUrl : null,
    tokenServicesUrl:
      typeof auth.tokenServicesUrl === 'string' && auth.tokenServicesUrl ? auth.tokenServicesUrl : null,
  });
}
