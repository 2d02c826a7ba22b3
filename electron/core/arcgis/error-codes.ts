/**
 * What an ArcGIS error body or an HTTP status means for an administrator: the server's own message(s) of an
 * error body, its ArcGIS code (the rule of arcgis-rest-js `checkForErrors`), and the `AppError` a code maps
 * to in each kind of call (info, admin, rest, token). Used by `errors.ts`, which reads the whole answer.
 */
import type { AppError } from '../types';
import type { Json } from './normalize';
import { isJsonObject, toNumber } from './normalize';

/** What kind of endpoint was called; it decides how HTML, 404 and 4xx read. */
export type CallContext = 'info' | 'admin' | 'rest' | 'token';

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
export function errorCodeOf(body: Json): { code: number | null } | null {
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
export function bareErrorCodeOf(body: Json): number | null {
  const code = toNumber(body.code);
  return code !== null && code >= 400 && typeof body.message === 'string' ? code : null;
}

export function hostOf(url: string): string {
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
