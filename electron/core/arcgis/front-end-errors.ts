/**
 * Answers that came from something in front of ArcGIS Server, or from no ArcGIS Server at all: redirects
 * (never followed), web pages where JSON was expected, an HTTP 404 without an ArcGIS body, and a 401 asking
 * for web-tier sign-in. Each becomes an `AppError` that says which URL to put in the profile instead.
 */
import type { AppError } from '../types';
import type { CallContext } from './error-codes';
import { hostOf } from './error-codes';
import type { RawResponse } from './errors';

/** The advice for an HTML answer from the admin API (Web Adaptor with admin access disabled, login page). */
export const ADMIN_UNREACHABLE_ADVICE =
  'The admin API is not reachable at this URL; admin access through the Web Adaptor is often disabled. ' +
  "Use the server's machine URL, e.g. https://machine:6443/arcgis, as the admin URL of this profile.";

export function looksLikeHtml(raw: RawResponse): boolean {
  return /html/i.test(raw.contentType) || raw.text.trimStart().startsWith('<');
}

export function snippet(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

export function redirectError(raw: RawResponse, ctx: CallContext, url: string): AppError {
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

export function htmlError(raw: RawResponse, ctx: CallContext, url: string): AppError {
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
export function frontEnd404(
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

/**
 * An HTTP 401 with `WWW-Authenticate` and without an ArcGIS error body: web-tier authentication (the Web Adaptor in IIS with Integrated
 * Windows Authentication, or a proxy asking for HTTP Basic or a client certificate) answered before ArcGIS
 * Server saw the request; Esri's Python client looks for it in `WWW-Authenticate` (`Connection._auth_check`).
 * The client signs in with ArcGIS tokens only, so neither the password nor the account's privileges are
 * in question: the machine URL, which has no Web Adaptor in front, takes tokens (API notes §6.11).
 */
export function webTierError(raw: RawResponse, url: string): AppError {
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
