/**
 * Turns what an ArcGIS server answered into a JSON body or an `AppError` an administrator can act on.
 * Follows the rule of Esri's own clients (arcgis-rest-js `checkForErrors`): `body.error`,
 * `body.status === 'error'` and `body.status === 'failed'` are errors whatever the HTTP status, and a 2xx
 * body of a top-level `code` >= 400 with a `message` is one too (never "not found"); non-2xx
 * answers are read as JSON first; HTML means the admin API is not reachable at this URL (a Web Adaptor
 * with admin access disabled, a sign-in page), an HTTP 404 without an ArcGIS body came from a front end, and
 * an HTTP 401 with `WWW-Authenticate` and no ArcGIS body is a front end's own (web-tier) sign-in.
 */
import type { AppError, Result } from '../types';
import { err, ok } from '../types';
import type { Json } from './normalize';
import { isJsonObject, toNumber } from './normalize';
import { withRetryAfter } from './retry-after';

/** What kind of endpoint was called; it decides how HTML, 404 and 4xx read. */
export type CallContext = 'info' | 'admin' | 'rest' | 'token';

/** A response as the transport read it: status, headers of interest and the (size-capped) text. */
export interface RawResponse {
  status: number;
  statusText: string;
  contentType: string;
  location: string | null;
  text: string;
  /** `WWW-Authenticate` of a 401 answer (null or absent otherwise): names a front end's own sign-in. */
  authenticate?: string | null;
  /** `Retry-After` of a 429 or 503 answer (null or absent otherwise): when the front end asks us back. */
  retryAfter?: string | null;
}

/** The advice for an HTML answer from the admin API (Web Adaptor with admin access disabled, login page). */
export const ADMIN_UNREACHABLE_ADVICE =
  'The admin API is not reachable at this URL; admin access through the Web Adaptor is often disabled. ' +
  "Use the server's machine URL, e.g. https://machine:6443/arcgis, as the admin URL of this profile.";

const NOT_FOUND_TEXT = /not found|does not exist|no such|could not find|invalid url|not exist/i;
const PERMISSION_TEXT =
  /privilege|permission|not authori[sz]ed|access denied|forbidden|not an admin|administrat/i;
/** 429: a front end's rate limit (RFC 6585), which turns the request away before ArcGIS Server sees it. */
const TRANSIENT_HTTP = new Set([429, 502, 503, 504]);

/** Whether an error is a rejected or missing token (498/499), the one case a fresh token may fix. */
export function isTokenRejection(e: AppError): boolean {
  return e.kind === 'auth' && (e.code === 498 || e.code === 499);
}

/** The server's own message(s) of an ArcGIS error body, joined. */
export function serverMessageOf(body: Json): string | undefined {
  const parts: string[] = [];
  const push = (v: unknown): void => {
    if (typeof v === 'string' && v.trim()) parts.push(v.trim());
  };
  if (isJsonObject(body.error)) {
    push(body.error.message);
    if (Array.isArray(body.error.details)) body.error.details.forEach(push);
  }
  if (Array.isArray(body.messages)) body.messages.forEach(push);
  push(body.message);
  push(statusMessageOf(body.statusMessage));
  return parts.length ? [...new Set(parts)].join(' ') : undefined;
}

/** A failed task's `statusMessage`: plain text, or JSON text with a `message` (arcgis-rest-js reads both). */
function statusMessageOf(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v.trim().startsWith('{')) return typeof v === 'string' ? v : undefined;
  try {
    const inner: unknown = JSON.parse(v);
    return isJsonObject(inner) && typeof inner.message === 'string' ? inner.message : v;
  } catch {
    return v;
  }
}

/**
 * The ArcGIS error code of a body, or null when the body is not an ArcGIS error: as arcgis-rest-js's
 * `checkForErrors`, an `error` object or a `failed` status (and the admin API's `error` status).
 */
function errorCodeOf(body: Json): { code: number | null } | null {
  if (isJsonObject(body.error)) return { code: toNumber(body.error.code) };
  if (body.status === 'error' || body.status === 'failed') return { code: toNumber(body.code) };
  return null;
}

/**
 * The code of a 2xx body with a top-level `code` of 400 or more and a string `message`: the first rule of
 * arcgis-rest-js's `checkForErrors`, written for billing.arcgis.com's `{"code":500,"message":…}`. Not
 * ArcGIS Server's error shape (API notes §1.5), so on a non-2xx answer the HTTP status speaks, and a job's
 * or a front end's own `code` field never makes an error alone.
 */
function bareErrorCodeOf(body: Json): number | null {
  const code = toNumber(body.code);
  return code !== null && code >= 400 && typeof body.message === 'string' ? code : null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Maps an ArcGIS or HTTP error code to an `AppError`. */
export function errorFromCode(
  code: number | null,
  serverMessage: string | undefined,
  ctx: CallContext,
  url: string,
): AppError {
  const said = serverMessage ? `: ${serverMessage}` : '.';
  const base = { ...(code !== null ? { code } : {}), ...(serverMessage ? { serverMessage } : {}) };
  const host = hostOf(url);
  if (code === 498 || code === 499) {
    const what = code === 498 ? 'rejected the token (invalid or expired)' : 'asked for a token';
    return { kind: 'auth', message: `${host} ${what}${said}`, ...base };
  }
  if (ctx === 'token') {
    if (serverMessage && PERMISSION_TEXT.test(serverMessage) && !/password/i.test(serverMessage)) {
      return { kind: 'permission', message: `${host} refused a token for this account${said}`, ...base };
    }
    if (code === 404) return { kind: 'not-found', message: `No token service at ${url}${said}`, ...base };
    if (code !== null && code >= 500) return errorFromCode(code, serverMessage, 'admin', url);
    return {
      kind: 'auth',
      message: `Sign-in to ${host} failed; check the user name and password${said}`,
      ...base,
    };
  }
  if (code === 401 || code === 403) {
    return {
      kind: 'permission',
      message: `The account is not allowed to do this on ${host}; use an administrator account${said}`,
      ...base,
    };
  }
  if (code === 404 || (code === 400 && serverMessage && NOT_FOUND_TEXT.test(serverMessage))) {
    if (ctx === 'info') {
      return {
        kind: 'not-arcgis',
        message: `${url} is not an ArcGIS Server site (no rest/info)${said}`,
        ...base,
      };
    }
    return { kind: 'not-found', message: `Not found on ${host}${said}`, ...base };
  }
  const transient = code !== null && TRANSIENT_HTTP.has(code);
  return {
    kind: 'server',
    message: `${host} reported an error${code !== null ? ` (code ${code})` : ''}${said}`,
    ...base,
    transient,
  };
}

function looksLikeHtml(raw: RawResponse): boolean {
  return /html/i.test(raw.contentType) || raw.text.trimStart().startsWith('<');
}

function snippet(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

function redirectError(raw: RawResponse, ctx: CallContext, url: string): AppError {
  const to = raw.location ?? '(no location)';
  const login = /login|logon|signin|sign-in|oauth|idp|saml/i.test(to);
  if (login) {
    return {
      kind: 'admin-unreachable',
      code: raw.status,
      message: `${hostOf(url)} redirected to a sign-in page (${to}) instead of answering. ${ADMIN_UNREACHABLE_ADVICE}`,
    };
  }
  return {
    kind: ctx === 'info' ? 'bad-url' : 'admin-unreachable',
    code: raw.status,
    message:
      `${url} redirected to ${to}. Redirects are not followed, so a token never travels to another address; ` +
      'put the final address in the profile instead.',
  };
}

function htmlError(raw: RawResponse, ctx: CallContext, url: string): AppError {
  if (ctx === 'info') {
    return {
      kind: 'not-arcgis',
      code: raw.status,
      message: `${url} answered with a web page, not ArcGIS Server JSON. Is the server URL the site root, e.g. https://host/arcgis?`,
    };
  }
  return {
    kind: 'admin-unreachable',
    code: raw.status,
    message: `${hostOf(url)} answered with a web page, not JSON. ${ADMIN_UNREACHABLE_ADVICE}`,
  };
}

/**
 * An HTTP 404 without an ArcGIS error body: a proxy, load balancer or Web Adaptor answered, not ArcGIS
 * Server, so it says nothing about the resource (a job is never taken as gone on such an answer).
 */
function frontEnd404(
  raw: RawResponse,
  ctx: CallContext,
  url: string,
  what = `HTTP 404 with ${looksLikeHtml(raw) ? 'a web page' : 'JSON that is not an ArcGIS answer'}`,
): AppError {
  return {
    kind: ctx === 'admin' ? 'admin-unreachable' : 'server',
    code: 404,
    transient: false,
    message:
      `${hostOf(url)} answered ${what}: a front end (proxy, Web Adaptor) answered, not ` +
      `ArcGIS Server, so nothing is known about ${url.replace(/^https?:\/\/[^/]+/, '')}.`,
  };
}

/** A 2xx body with only a `code` and a `message`: an error, but never proof that a resource is gone. */
function bareCodeError(raw: RawResponse, body: Json, code: number, ctx: CallContext, url: string): AppError {
  const e = errorFromCode(code, serverMessageOf(body), ctx, url);
  if (e.kind !== 'not-found' || ctx === 'token') return e;
  return {
    ...frontEnd404(raw, ctx, url, `"code":${code} in a body that is not an ArcGIS Server error`),
    code,
  };
}

/**
 * An HTTP 401 with `WWW-Authenticate` and without an ArcGIS error body: web-tier authentication (the Web Adaptor in IIS with Integrated
 * Windows Authentication, or a proxy asking for HTTP Basic or a client certificate) answered before ArcGIS
 * Server saw the request; Esri's Python client looks for it in `WWW-Authenticate` (`Connection._auth_check`).
 * The client signs in with ArcGIS tokens only, so neither the password nor the account's privileges are
 * in question: the machine URL, which has no Web Adaptor in front, takes tokens (API notes §6.11).
 */
function webTierError(raw: RawResponse, url: string): AppError {
  const schemes = raw.authenticate?.trim() ?? '';
  return {
    kind: 'admin-unreachable',
    code: 401,
    message:
      `${hostOf(url)} asked for web-tier sign-in (HTTP 401, WWW-Authenticate: ${snippet(schemes)}): ` +
      'a Web Adaptor or proxy in front of ArcGIS Server signs users in itself (Windows, client certificate or ' +
      'HTTP Basic), and GP Job Admin signs in with ArcGIS tokens only. ' +
      "Use the server's machine URL, e.g. https://machine:6443/arcgis, as the admin URL of this profile.",
  };
}

/** The JSON object on success, else the `AppError`, with a 429's or 503's wait (retry-after.ts). */
export function interpretResponse(
  raw: RawResponse,
  ctx: CallContext,
  url: string,
  now = Date.now,
): Result<Json> {
  return withRetryAfter(interpretBody(raw, ctx, url), raw, now());
}

function interpretBody(raw: RawResponse, ctx: CallContext, url: string): Result<Json> {
  const { status } = raw;
  if (status >= 300 && status < 400) return err(redirectError(raw, ctx, url));
  if (status === 0) return err(redirectError({ ...raw, location: null }, ctx, url));
  const success = status >= 200 && status < 300;
  let body: unknown;
  let parsed = false;
  if (!looksLikeHtml(raw)) {
    try {
      body = JSON.parse(raw.text);
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  if (parsed && isJsonObject(body)) {
    const arcgisError = errorCodeOf(body);
    if (arcgisError) {
      const code = arcgisError.code ?? (success ? null : status);
      return err(errorFromCode(code, serverMessageOf(body), ctx, url));
    }
    const bare = success ? bareErrorCodeOf(body) : null;
    if (bare !== null) return err(bareCodeError(raw, body, bare, ctx, url));
    if (success) return ok(body);
    if (status === 401 && raw.authenticate?.trim()) return err(webTierError(raw, url));
    if (status === 404 && ctx !== 'info') return err(frontEnd404(raw, ctx, url));
    return err(errorFromCode(status, serverMessageOf(body) ?? raw.statusText, ctx, url));
  }
  if (status === 404 && ctx !== 'info' && ctx !== 'token') return err(frontEnd404(raw, ctx, url));
  if (status === 401 && raw.authenticate?.trim()) return err(webTierError(raw, url));
  if (!success) {
    if (looksLikeHtml(raw) && status < 500 && ![404, 498, 499].includes(status))
      return err(htmlError(raw, ctx, url));
    return err(errorFromCode(status, raw.statusText || undefined, ctx, url));
  }
  if (looksLikeHtml(raw)) return err(htmlError(raw, ctx, url));
  if (parsed) {
    return err({
      kind: ctx === 'info' ? 'not-arcgis' : 'server',
      message: `${hostOf(url)} answered with JSON that is not an ArcGIS object: ${snippet(raw.text)}`,
    });
  }
  return err({
    kind: 'server',
    transient: true,
    message: `${hostOf(url)} sent an answer that is not valid JSON (cut off or corrupted): ${snippet(raw.text) || '(empty)'}`,
  });
}
