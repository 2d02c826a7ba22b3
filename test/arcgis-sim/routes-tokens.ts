/**
 * Token services: `/arcgis/admin/generateToken` (admin error shape, `expires` as a string),
 * `/arcgis/tokens[/generateToken]` and the portal's `/portal/sharing/rest/generateToken` (REST error shape,
 * `expires` as a number, `ssl`), including the portal's exchange of a portal token for a server token.
 */
import type { TokenRec } from './auth';
import type { SimContext } from './context';
import type { Incoming, Reply } from './reply';
import { adminError, answer, format, html, restError } from './reply';

/** Which token service answers. */
export type TokenService = 'admin' | 'server' | 'portal';

const CLIENTS = new Set(['referer', 'ip', 'requestip']);

function fail(req: Incoming, kind: TokenService, details: string[]): Reply {
  if (kind === 'admin') return adminError(req, 400, ['Unable to generate token.', ...details]);
  return restError(req, 400, 'Unable to generate token.', details);
}

function tokenForm(kind: TokenService): Reply {
  return html(
    kind === 'portal' ? 'Generate Token - Portal' : 'ArcGIS Server - Generate Token',
    '<form method="post"><input name="username"><input name="password" type="password">' +
      '<select name="client"><option>referer</option><option>ip</option><option>requestip</option></select>' +
      '<input name="referer"><input name="expiration"><select name="f"><option>html</option><option>json</option>' +
      '</select><input type="submit" value="Generate Token"></form>',
  );
}

/** Handles a generateToken request on one of the three token services. */
export function generateToken(req: Incoming, ctx: SimContext, kind: TokenService): Reply {
  const hasCredentials = 'username' in req.params || 'password' in req.params;
  if (format(req) === 'html' && !hasCredentials) return tokenForm(kind);
  if (req.method !== 'POST' && hasCredentials) {
    return fail(req, kind, ['Token generation through an HTTP GET request is disabled. Use POST.']);
  }
  if ('username' in req.query || 'password' in req.query) {
    return fail(req, kind, ['POST request should not contain username and password in the query string.']);
  }
  if (kind === 'portal' && req.form.serverUrl && req.form.token) return exchange(req, ctx);
  const username = req.form.username ?? '';
  const password = req.form.password ?? '';
  const missing = [
    ...(username ? [] : ["'username' must be specified."]),
    ...(password ? [] : ["'password' must be specified."]),
  ];
  if (missing.length > 0) return fail(req, kind, missing);
  const client = (req.form.client || 'requestip').toLowerCase();
  if (!CLIENTS.has(client)) return fail(req, kind, [`Invalid client type '${client}'.`]);
  if (client === 'referer' && !req.form.referer) return fail(req, kind, ["'referer' must be specified."]);
  if (client === 'ip' && !req.form.ip) return fail(req, kind, ["'ip' must be specified."]);
  const account = ctx.auth.login(username, password);
  if (!account) return fail(req, kind, ['Invalid username or password.']);
  const bound = client === 'referer' ? req.form.referer! : client === 'ip' ? req.form.ip! : req.remoteAddress;
  const expiration = Number.parseInt(req.form.expiration ?? '', 10);
  const issued = ctx.auth.issue(account, {
    client: client as TokenRec['client'],
    bound,
    expirationMin: Number.isFinite(expiration) ? expiration : null,
    issuer: kind === 'portal' ? 'portal' : 'server',
  });
  if (ctx.tokenExpiryKey === 'expiration') {
    return answer(req, { token: issued.token, expiration: Math.floor(issued.expires / 1000) }, 'Token');
  }
  if (kind === 'admin') return answer(req, { token: issued.token, expires: String(issued.expires) }, 'Token');
  return answer(req, { token: issued.token, expires: issued.expires, ssl: ctx.https }, 'Token');
}

/** Portal: a portal token + serverUrl buys a server token for the same user. */
function exchange(req: Incoming, ctx: SimContext): Reply {
  const check = ctx.auth.check(req.form.token!, req);
  if (!check.ok) return restError(req, 498, 'Invalid token.');
  const account = ctx.auth.account(check.rec.username);
  if (!account) return restError(req, 498, 'Invalid token.');
  const issued = ctx.auth.issue(account, {
    client: check.rec.client,
    bound: check.rec.bound,
    expirationMin: null,
    issuer: 'server',
  });
  return answer(req, { token: issued.token, expires: issued.expires, ssl: ctx.https }, 'Token');
}
