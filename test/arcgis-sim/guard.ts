/**
 * Token checks for admin and REST routes, answering with each API's own error shape:
 * 499 when no token came (or a POST carried it only in its URL), 498 when invalid, expired or bound to
 * another client, and 403 when the user has no administrative privilege.
 */
import type { TokenRec } from './auth';
import { findToken } from './auth';
import type { SimContext } from './context';
import type { Incoming, Reply } from './reply';
import { adminError, format, loginPage, restError } from './reply';

/** The message real admin APIs give when no token came. */
export const TOKEN_REQUIRED =
  "Unauthorized access. Token not found. You can generate a token using the 'generateToken' operation.";

/**
 * A valid token of an administrator, or the admin-shaped error to answer. `resource` (named in the 403)
 * may be a function, so a route builds that text only when it is needed.
 */
export function requireAdmin(
  req: Incoming,
  ctx: SimContext,
  resource: string | (() => string),
): TokenRec | Reply {
  const rec = requireAdminToken(req, ctx);
  if (isReply(rec)) return rec;
  if (!rec.admin) {
    const name = typeof resource === 'string' ? resource : resource();
    return adminError(req, 403, [`User '${rec.username}' does not have permissions to access '${name}'.`]);
  }
  return rec;
}

/** A valid token of any user (admin shape errors), e.g. for admin/info. */
export function requireAdminToken(req: Incoming, ctx: SimContext): TokenRec | Reply {
  const found = findToken(req);
  if (found.token === null) {
    if (format(req) === 'html' && !found.urlOnlyOnPost) return loginPage();
    return adminError(req, 499, [TOKEN_REQUIRED]);
  }
  const check = ctx.auth.check(found.token, req);
  if (!check.ok) {
    if (format(req) === 'html') return loginPage();
    return adminError(req, check.code, [check.message]);
  }
  return check.rec;
}

/**
 * REST services are public here unless `restRequiresPortalToken` (secured services of a federated site:
 * a portal token or nothing); a token that comes must still be valid. Null = anonymous.
 */
export function optionalRestToken(req: Incoming, ctx: SimContext): TokenRec | null | Reply {
  const found = findToken(req);
  const token = found.token ?? (req.query.token || null);
  if (token === null) return ctx.restRequiresPortalToken ? restError(req, 499, 'Token Required') : null;
  const check = ctx.auth.check(token, req);
  if (!check.ok)
    return restError(req, check.code, check.message === 'Invalid token.' ? 'Invalid token.' : check.message);
  // A federated site's secured services accept only portal-issued tokens, not the site's own.
  if (ctx.restRequiresPortalToken && check.rec.issuer !== 'portal')
    return restError(req, 498, 'Invalid token.');
  return check.rec;
}

/** Whether a guard result is a reply to send rather than a token. */
export function isReply(value: TokenRec | Reply | null): value is Reply {
  return value !== null && 'status' in value && 'body' in value;
}
