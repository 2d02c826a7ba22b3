/**
 * Top-level dispatch of ArcGIS requests: `/arcgis/admin`, `/arcgis/rest`, `/arcgis/tokens` and, when
 * federated, the portal's `/portal/sharing/rest`; anything else gets the servlet container's 404 page.
 */
import type { SimContext } from './context';
import type { Incoming, Reply } from './reply';
import { answer, html, notFoundPage } from './reply';
import { routeAdmin } from './routes-admin';
import { routeRest } from './routes-rest';
import { generateToken } from './routes-tokens';

/** Answers one ArcGIS or portal request. */
export function route(req: Incoming, ctx: SimContext): Reply {
  const [site, area, ...rest] = req.segments;
  if (site === 'arcgis') {
    if (area === undefined)
      return html('ArcGIS Server', '<h1>ArcGIS Server</h1><a href="rest/services">Services Directory</a>');
    if (area === 'admin') return routeAdmin(req, ctx, rest);
    if (area === 'rest') return routeRest(req, ctx, rest);
    if (area === 'tokens' && (rest.length === 0 || (rest.length === 1 && rest[0] === 'generateToken'))) {
      return generateToken(req, ctx, 'server');
    }
  }
  if (site === 'portal' && ctx.federated && area === 'sharing' && rest[0] === 'rest') {
    if (rest.length === 1) return answer(req, { currentVersion: '11.1' }, 'Portal');
    if (rest.length === 2 && rest[1] === 'generateToken') return generateToken(req, ctx, 'portal');
  }
  return notFoundPage();
}
