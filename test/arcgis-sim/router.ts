/**
 * Top-level dispatch of ArcGIS requests: `<context>/admin`, `<context>/rest`, `<context>/tokens` (the
 * context path is `/arcgis` unless configured, e.g. `/server` or a custom Web Adaptor name) and, when
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
  const depth = ctx.contextPath.length;
  let inSite = true;
  for (let i = 0; i < depth; i++) if (req.segments[i] !== ctx.contextPath[i]) inSite = false;
  const area = req.segments[depth];
  const rest = req.segments.slice(depth + 1);
  if (inSite) {
    if (area === undefined)
      return html('ArcGIS Server', '<h1>ArcGIS Server</h1><a href="rest/services">Services Directory</a>');
    if (area === 'admin') return routeAdmin(req, ctx, rest);
    if (area === 'rest') return routeRest(req, ctx, rest);
    if (area === 'tokens' && (rest.length === 0 || (rest.length === 1 && rest[0] === 'generateToken'))) {
      return generateToken(req, ctx, 'server');
    }
  }
  const [site, sharing, ...more] = req.segments;
  if (site === 'portal' && ctx.federated && sharing === 'sharing' && more[0] === 'rest') {
    if (more.length === 1) return answer(req, { currentVersion: '11.1' }, 'Portal');
    if (more.length === 2 && more[1] === 'generateToken') return generateToken(req, ctx, 'portal');
  }
  return notFoundPage();
}
