/**
 * The request as routes see it and the answers they give: JSON (f=json / f=pjson), HTML (f missing or
 * html, like the real server), and the two ArcGIS error shapes (admin and REST), by default in an HTTP 200.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** A parsed request. `form` is the urlencoded body; `params` merges query and form (form wins). */
export interface Incoming {
  method: string;
  path: string;
  segments: string[];
  query: Record<string, string>;
  form: Record<string, string>;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  remoteAddress: string;
}

/** An answer to write. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json;charset=UTF-8';
const HTML_TYPE = 'text/html;charset=UTF-8';

/** 'json' | 'pjson' | 'html' from the `f` parameter (html when missing, like ArcGIS). */
export function format(req: Incoming): 'json' | 'pjson' | 'html' {
  const f = (req.params.f ?? '').toLowerCase();
  return f === 'json' || f === 'pjson' ? f : 'html';
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A raw HTML page. */
export function html(title: string, body: string, status = 200): Reply {
  const page = `<!DOCTYPE html>\n<html><head><title>${escape(title)}</title></head><body>${body}</body></html>\n`;
  return { status, headers: { 'content-type': HTML_TYPE }, body: page };
}

/** A JSON body with an explicit HTTP status. */
export function rawJson(value: unknown, status = 200, pretty = false): Reply {
  return {
    status,
    headers: { 'content-type': JSON_TYPE },
    body: JSON.stringify(value, null, pretty ? 2 : undefined),
  };
}

/** Answers `value` as JSON, or as an HTML page showing it when `f` asks for html. */
export function answer(req: Incoming, value: unknown, title = 'ArcGIS Server'): Reply {
  const f = format(req);
  if (f === 'html')
    return html(title, `<h2>${escape(title)}</h2><pre>${escape(JSON.stringify(value, null, 2))}</pre>`);
  return rawJson(value, 200, f === 'pjson');
}

const SUCCESS_JSON = '{"status":"success"}';
const JSON_HEADERS = { 'content-type': JSON_TYPE };

/**
 * `{"status":"success"}`, the answer of every admin operation that worked (delete, cancel, edit, …): the
 * JSON body is a constant, not stringified per request, as a delete's answer is the simulator's most common.
 */
export function success(req: Incoming): Reply {
  if (format(req) === 'json') return { status: 200, headers: JSON_HEADERS, body: SUCCESS_JSON };
  return answer(req, { status: 'success' });
}

/** Admin API error: `{"status":"error","messages":[...],"code":N}` in an HTTP 200. */
export function adminError(req: Incoming, code: number, messages: string[], httpStatus = 200): Reply {
  const body = { status: 'error', messages, code };
  if (format(req) === 'html')
    return html('Error', `<h2>Error: ${code}</h2><p>${escape(messages.join(' '))}</p>`, httpStatus);
  return rawJson(body, httpStatus, format(req) === 'pjson');
}

/** REST / portal error: `{"error":{"code":N,"message":"...","details":[...]}}` in an HTTP 200. */
export function restError(
  req: Incoming,
  code: number,
  message: string,
  details: string[] = [],
  httpStatus = 200,
): Reply {
  const body = { error: { code, message, details } };
  if (format(req) === 'html')
    return html('Error', `<h2>Error: ${code}</h2><p>${escape(message)}</p>`, httpStatus);
  return rawJson(body, httpStatus, format(req) === 'pjson');
}

/** The admin login page a browser would be sent to. */
export function loginPage(): Reply {
  return html(
    'ArcGIS Server Administrator Directory - Login',
    '<form method="post" action="/arcgis/admin/login"><input name="username"><input name="password" type="password">' +
      '<input type="submit" value="Login"></form>',
  );
}

/** What a Web Adaptor with administrative access disabled answers for /admin. */
export function adminDisabledPage(): Reply {
  return html(
    'Administrative access disabled',
    '<h1>Forbidden</h1><p>Administrative access to ArcGIS Server through the Web Adaptor is disabled.</p>',
    403,
  );
}

/**
 * What a Web Adaptor in IIS with web-tier authentication (Integrated Windows Authentication) answers a
 * request without Windows credentials: HTTP 401, `WWW-Authenticate: Negotiate, NTLM` (IIS sends the two
 * schemes as two headers; one list is the same), IIS's own page. ArcGIS Server never sees the request.
 */
export function webTierSignIn(): Reply {
  const reply = html(
    '401 - Unauthorized: Access is denied due to invalid credentials.',
    '<h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2>' +
      '<h3>You do not have permission to view this directory or page using the credentials that you supplied.</h3>',
    401,
  );
  return { ...reply, headers: { ...reply.headers, 'www-authenticate': 'Negotiate, NTLM' } };
}

/** A front-end proxy's error page (502/503/504). */
export function proxyErrorPage(status: number): Reply {
  const text: Record<number, string> = {
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return html(
    `${status} ${text[status] ?? 'Error'}`,
    `<h1>${status} ${text[status] ?? 'Error'}</h1><hr><p>nginx</p>`,
    status,
  );
}

/** `reply` with a `Retry-After` header of `value` (delta-seconds or an HTTP date), when given. */
export function withRetryAfter(reply: Reply, value: string | undefined): Reply {
  return value === undefined ? reply : { ...reply, headers: { ...reply.headers, 'retry-after': value } };
}

/** The servlet container's 404 page for paths outside ArcGIS. */
export function notFoundPage(): Reply {
  return html('HTTP Status 404 – Not Found', '<h1>HTTP Status 404 – Not Found</h1>', 404);
}
