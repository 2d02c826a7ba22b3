import { describe, expect, it } from 'vitest';
import type { CallContext, RawResponse } from '../../../../electron/core/arcgis/errors';
import {
  ADMIN_UNREACHABLE_ADVICE,
  interpretResponse,
  isTokenRejection,
} from '../../../../electron/core/arcgis/errors';
import type { ErrorKind } from '../../../../electron/core/types';

const URL_ = 'https://gis.example.com/arcgis/admin/services/Tools/Buffer.GPServer/jobs/query';

function raw(
  status: number,
  text: string,
  contentType = 'application/json',
  location: string | null = null,
): RawResponse {
  return { status, statusText: status === 200 ? 'OK' : 'Status', contentType, location, text };
}

interface Row {
  name: string;
  res: RawResponse;
  ctx?: CallContext;
  kind: ErrorKind;
  code?: number;
  serverMessage?: string;
  transient?: boolean;
  message?: RegExp;
}

const rows: Row[] = [
  {
    name: 'REST/portal 498 in a 200 body',
    res: raw(200, '{"error":{"code":498,"message":"Invalid token.","details":[]}}'),
    kind: 'auth',
    code: 498,
    serverMessage: 'Invalid token.',
  },
  {
    name: 'REST 499 token required in a 200 body',
    res: raw(200, '{"error":{"code":499,"message":"Token Required","details":[]}}'),
    kind: 'auth',
    code: 499,
    serverMessage: 'Token Required',
  },
  {
    name: 'admin 498 in a 200 body',
    res: raw(200, '{"status":"error","messages":["Invalid token."],"code":498}'),
    kind: 'auth',
    code: 498,
  },
  {
    name: 'admin referer mismatch (498 ClientID)',
    res: raw(200, '{"status":"error","messages":["Invalid token, ClientID does not match."],"code":498}'),
    kind: 'auth',
    code: 498,
    serverMessage: 'Invalid token, ClientID does not match.',
  },
  {
    name: 'admin 499 in a 200 body',
    res: raw(200, '{"status":"error","messages":["Unauthorized access. Token not found."],"code":499}'),
    kind: 'auth',
    code: 499,
  },
  {
    name: 'real HTTP 498 with a JSON body',
    res: raw(498, '{"error":{"code":498,"message":"Invalid token."}}'),
    kind: 'auth',
    code: 498,
  },
  { name: 'real HTTP 498 without a body', res: raw(498, '', 'text/plain'), kind: 'auth', code: 498 },
  {
    name: 'real HTTP 499 with an HTML body',
    res: raw(499, '<html>Token required</html>', 'text/html'),
    kind: 'auth',
    code: 499,
  },
  {
    name: 'admin "unable to delete" keeps code 400, not transient',
    res: raw(200, '{"status":"error","messages":["Unable to delete job :[jabc]"],"code":400}'),
    kind: 'server',
    code: 400,
    transient: false,
    serverMessage: 'Unable to delete job :[jabc]',
  },
  {
    name: 'admin "unable to cancel" keeps code 500',
    res: raw(200, '{"status":"error","messages":["Unable to cancel job :[jabc]"],"code":500}'),
    kind: 'server',
    code: 500,
    transient: false,
  },
  {
    name: 'status failed without a code',
    res: raw(200, '{"status":"failed","messages":["Purge failed."]}'),
    kind: 'server',
    serverMessage: 'Purge failed.',
  },
  {
    name: 'admin 404 body',
    res: raw(200, '{"status":"error","messages":["Job \'x\' not found."],"code":404}'),
    kind: 'not-found',
    code: 404,
  },
  {
    name: 'REST 400 "Invalid URL" (wrong job id) reads as not found',
    res: raw(200, '{"error":{"code":400,"message":"Invalid URL","details":[]}}'),
    kind: 'not-found',
    code: 400,
  },
  {
    name: 'admin 403 body',
    res: raw(200, '{"status":"error","messages":["User does not have the privilege."],"code":403}'),
    kind: 'permission',
    code: 403,
  },
  {
    name: 'admin 401 body',
    res: raw(200, '{"status":"error","messages":["Unauthorized."],"code":401}'),
    kind: 'permission',
    code: 401,
  },
  {
    name: 'a top-level code of 400 or more without a status (arcgis-rest-js checkForErrors, first rule)',
    res: raw(200, '{"code":500,"message":"Error getting subscription info","status":"failure"}'),
    kind: 'server',
    code: 500,
    serverMessage: 'Error getting subscription info',
  },
  {
    name: "a proxy's JSON 404 with a top-level code: a front end answered, the job is not taken as gone",
    res: raw(404, '{"code":404,"message":"Not Found"}'),
    kind: 'admin-unreachable',
    code: 404,
    message: /answered HTTP 404 with JSON that is not an ArcGIS answer.*nothing is known about/,
  },
  {
    name: 'a 2xx body of only a code 404 and a message: an error, but not proof that anything is gone',
    res: raw(200, '{"code":404,"message":"Not Found"}'),
    kind: 'admin-unreachable',
    code: 404,
    message: /"code":404 in a body that is not an ArcGIS Server error.*nothing is known about/,
  },
  {
    name: "a failed task whose statusMessage is JSON text: its message is the server's",
    res: raw(
      200,
      '{"status":"failed","statusMessage":"{\\"code\\":400,\\"message\\":\\"Index was outside the bounds.\\"}"}',
    ),
    kind: 'server',
    serverMessage: 'Index was outside the bounds.',
  },
  {
    name: 'a failed task whose statusMessage is plain text',
    res: raw(200, '{"status":"failed","statusMessage":"failed"}'),
    kind: 'server',
    serverMessage: 'failed',
  },
  {
    name: 'HTTP 401 with an ArcGIS body: the body decides',
    res: raw(401, '{"status":"error","messages":["Unauthorized."],"code":401}'),
    kind: 'permission',
    code: 401,
  },
  {
    name: 'web-tier sign-in: HTTP 401 with a page and WWW-Authenticate (IIS, Windows authentication)',
    res: { ...raw(401, '<h2>401 - Unauthorized</h2>', 'text/html'), authenticate: 'Negotiate, NTLM' },
    kind: 'admin-unreachable',
    code: 401,
    message: /web-tier sign-in \(HTTP 401, WWW-Authenticate: Negotiate, NTLM\).*ArcGIS tokens only.*:6443/,
  },
  {
    name: 'web-tier sign-in at generateToken: not a wrong password',
    res: { ...raw(401, ''), authenticate: 'Basic realm="gis"' },
    ctx: 'token',
    kind: 'admin-unreachable',
    code: 401,
    message:
      /^gis\.example\.com asked for web-tier sign-in \(HTTP 401, WWW-Authenticate: Basic realm="gis"\)/,
  },
  {
    name: 'web-tier sign-in at rest/info: the site is there, behind its own sign-in',
    res: { ...raw(401, '', 'text/plain'), authenticate: 'Negotiate' },
    ctx: 'info',
    kind: 'admin-unreachable',
    code: 401,
    message: /asked for web-tier sign-in \(HTTP 401, WWW-Authenticate: Negotiate\): /,
  },
  {
    name: 'HTTP 401 without WWW-Authenticate: no evidence of web-tier sign-in, the status speaks',
    res: raw(401, '', 'text/plain'),
    ctx: 'info',
    kind: 'permission',
    code: 401,
    message: /^(?!.*web-tier)/,
  },
  {
    name: 'wrong password at generateToken',
    res: raw(
      200,
      '{"status":"error","messages":["Unable to generate token.","Invalid username or password."],"code":400}',
    ),
    ctx: 'token',
    kind: 'auth',
    code: 400,
    message: /check the user name and password/,
  },
  {
    name: 'portal wrong password',
    res: raw(
      200,
      '{"error":{"code":400,"message":"Unable to generate token.","details":["Invalid username or password."]}}',
    ),
    ctx: 'token',
    kind: 'auth',
    serverMessage: 'Unable to generate token. Invalid username or password.',
  },
  {
    name: 'token refused for lack of privilege',
    res: raw(
      200,
      '{"status":"error","messages":["User does not have administrative privileges."],"code":403}',
    ),
    ctx: 'token',
    kind: 'permission',
  },
  {
    name: 'HTTP 404 JSON at the token service',
    res: raw(404, '{"error":{"code":404,"message":"Not Found"}}'),
    ctx: 'token',
    kind: 'not-found',
  },
  {
    name: 'HTTP 500 with a JSON error body',
    res: raw(500, '{"error":{"code":500,"message":"Internal error"}}'),
    kind: 'server',
    code: 500,
    transient: false,
  },
  {
    name: 'HTTP 500 plain text',
    res: raw(500, 'boom', 'text/plain'),
    kind: 'server',
    code: 500,
    transient: false,
  },
  {
    name: 'HTTP 502 HTML from a proxy',
    res: raw(502, '<html>Bad gateway</html>', 'text/html'),
    kind: 'server',
    code: 502,
    transient: true,
  },
  { name: 'HTTP 503', res: raw(503, '', 'text/plain'), kind: 'server', code: 503, transient: true },
  {
    name: 'HTTP 504',
    res: raw(504, '<html>Gateway Timeout</html>', 'text/html'),
    kind: 'server',
    code: 504,
    transient: true,
  },
  {
    name: 'HTTP 404 HTML from a front end never means gone (admin)',
    res: raw(404, '<html>Not found</html>', 'text/html'),
    kind: 'admin-unreachable',
    code: 404,
    message: /front end.*not ArcGIS Server/,
  },
  {
    name: 'HTTP 404 HTML from a front end never means gone (rest)',
    res: raw(404, '<html>Not found</html>', 'text/html'),
    ctx: 'rest',
    kind: 'server',
    code: 404,
  },
  {
    name: 'HTTP 404 with JSON that is not an ArcGIS error never means gone',
    res: raw(404, '{"message":"no route"}'),
    kind: 'admin-unreachable',
    code: 404,
  },
  {
    name: 'HTTP 404 with an ArcGIS error body means not found',
    res: raw(404, '{"status":"error","messages":["Job does not exist."],"code":404}'),
    kind: 'not-found',
    code: 404,
  },
  {
    name: 'HTTP 404 on rest/info means not ArcGIS',
    res: raw(404, '<html>Not found</html>', 'text/html'),
    ctx: 'info',
    kind: 'not-arcgis',
  },
  {
    name: 'HTML login page (200) from the admin API',
    res: raw(200, '<!DOCTYPE html><html><form action="login">', 'text/html; charset=utf-8'),
    kind: 'admin-unreachable',
    message: /admin API is not reachable at this URL.*6443/,
  },
  {
    name: 'HTML without a content type',
    res: raw(200, '  <html><body>Web Adaptor</body></html>', ''),
    kind: 'admin-unreachable',
  },
  {
    name: 'HTML 403 from a Web Adaptor',
    res: raw(403, '<html>Forbidden</html>', 'text/html'),
    kind: 'admin-unreachable',
  },
  {
    name: 'HTML at rest/info',
    res: raw(200, '<html>Welcome</html>', 'text/html'),
    ctx: 'info',
    kind: 'not-arcgis',
  },
  {
    name: 'truncated JSON',
    res: raw(200, '{"jobs":[{"jobId":"j1"', 'application/json'),
    kind: 'server',
    transient: true,
    message: /not valid JSON/,
  },
  {
    name: 'JSON that is not an object',
    res: raw(200, '[1,2,3]'),
    kind: 'server',
    message: /not an ArcGIS object/,
  },
  {
    name: 'redirect to a login page',
    res: raw(302, '', 'text/html', 'https://idp.example.com/login?returnUrl=x'),
    kind: 'admin-unreachable',
    message: /sign-in page/,
  },
  {
    name: 'redirect elsewhere (admin)',
    res: raw(301, '', 'text/html', 'https://other.example.com/arcgis/admin'),
    kind: 'admin-unreachable',
    message: /not followed/,
  },
  {
    name: 'redirect elsewhere (rest/info)',
    res: raw(301, '', 'text/html', 'https://gis.example.com/server/rest/info'),
    ctx: 'info',
    kind: 'bad-url',
  },
  { name: 'opaque redirect (status 0)', res: raw(0, '', ''), kind: 'admin-unreachable' },
];

describe('interpretResponse maps every documented shape to a kind', () => {
  for (const row of rows) {
    it(row.name, () => {
      const r = interpretResponse(row.res, row.ctx ?? 'admin', URL_);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.kind).toBe(row.kind);
      if (row.code !== undefined) expect(r.error.code).toBe(row.code);
      if (row.serverMessage !== undefined) expect(r.error.serverMessage).toBe(row.serverMessage);
      if (row.transient !== undefined) expect(Boolean(r.error.transient)).toBe(row.transient);
      if (row.message) expect(r.error.message).toMatch(row.message);
      expect(r.error.message.length).toBeGreaterThan(10);
    });
  }
});

describe('interpretResponse success', () => {
  it('returns the body of a 200 JSON object', () => {
    const r = interpretResponse(raw(200, '{"status":"success"}'), 'admin', URL_);
    expect(r).toEqual({ ok: true, value: { status: 'success' } });
  });

  it("keeps a job body whose own code field is 400 or more (no message: not checkForErrors' shape)", () => {
    const body = { jobId: 'j1', jobStatus: 'esriJobFailed', code: '500' };
    const r = interpretResponse(raw(200, JSON.stringify(body)), 'admin', URL_);
    expect(r).toEqual({ ok: true, value: body });
  });

  it('reads JSON even when the content type says text/plain', () => {
    const r = interpretResponse(raw(200, '{"total":0,"jobs":[]}', 'text/plain'), 'admin', URL_);
    expect(r.ok && r.value.total).toBe(0);
  });

  it('keeps the advice for HTML admin answers in one place', () => {
    expect(ADMIN_UNREACHABLE_ADVICE).toMatch(/Web Adaptor/);
  });
});

describe('isTokenRejection', () => {
  it('is true only for auth errors with code 498 or 499', () => {
    expect(isTokenRejection({ kind: 'auth', message: 'x', code: 498 })).toBe(true);
    expect(isTokenRejection({ kind: 'auth', message: 'x', code: 499 })).toBe(true);
    expect(isTokenRejection({ kind: 'auth', message: 'x', code: 400 })).toBe(false);
    expect(isTokenRejection({ kind: 'server', message: 'x', code: 498 })).toBe(false);
  });
});
