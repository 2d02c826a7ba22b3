/**
 * Turns whatever an administrator pastes (a REST services link, an admin page, a Manager page, with query,
 * hash, odd case and stray whitespace) into the site root the client works from.
 *
 * Rules, in order:
 * - Surrounding whitespace, quotes and angle brackets are dropped; whitespace inside is refused.
 * - No scheme means `https://`. Only `http:` and `https:` are accepted; user names and passwords in the
 *   address are refused (they would end up in a file).
 * - Scheme and host are lower-cased by the URL parser; the path keeps its case (Java Web Adaptors are
 *   case-sensitive). Query and hash are dropped (a pasted `?token=` is never kept).
 * - The path is cut at the first `rest`, `admin`, `tokens`, `manager`, `services` or `help` segment,
 *   matched case-insensitively. Nothing to cut and no path on the direct ports 6443/6080 means `/arcgis`;
 *   nothing at all on any other port is refused (the Web Adaptor name is missing).
 * - Admin URL: an address pasted at `/admin` on a direct server port (6443 or 6080) is the machine's own
 *   admin endpoint, the usual way round a Web Adaptor that blocks `/admin`. Then `adminUrl` is that site
 *   root too (it may equal `serverUrl`: the machine serves REST as well). Anything else gives `adminUrl: null`,
 *   meaning "admin calls go to `serverUrl`".
 */
import type { AppError, Result } from '../types';
import { err, ok } from '../types';

/** A normalised server address: the site root and, when the input named one, the admin site root. */
export interface ServerUrls {
  serverUrl: string;
  adminUrl: string | null;
}

/** Path segments that start the part of a server URL below the site root. */
const SERVER_MARKERS = new Set(['rest', 'admin', 'tokens', 'manager', 'services', 'help']);
/** Path segments that start the part of a portal URL below the portal root. */
const PORTAL_MARKERS = new Set(['sharing', 'home', 'portaladmin', 'apps']);
/** ArcGIS Server's own ports (HTTPS, HTTP): addresses that bypass the Web Adaptor. */
const DIRECT_SERVER_PORTS = new Set(['6443', '6080']);
/** Portal for ArcGIS's own ports. */
const DIRECT_PORTAL_PORTS = new Set(['7443', '7080']);
const MAX_URL_LENGTH = 2048;

function badUrl(message: string): Result<never> {
  const error: AppError = { kind: 'bad-url', message };
  return err(error);
}

/** Quotes the input for a message: without query or hash (a pasted `?token=` stays out of messages), shortened. */
function quote(input: string): string {
  const shown = input.replace(/[?#].*$/s, '');
  return JSON.stringify(shown.length > 120 ? `${shown.slice(0, 117)}...` : shown);
}

interface ParsedSite {
  url: URL;
  /** Decoded-as-given path segments, without empty ones. */
  segments: string[];
}

function parseWebAddress(raw: string, example: string): Result<ParsedSite> {
  const input = raw.trim().replace(/^["'<]+|["'>]+$/g, '');
  if (!input) return badUrl(`Enter the address, for example ${example}.`);
  if (input.length > MAX_URL_LENGTH)
    return badUrl(`That address is too long (over ${MAX_URL_LENGTH} characters).`);
  if (/\s/.test(input)) return badUrl(`That is not a web address: ${quote(input)}. Use one like ${example}.`);
  const schemeMatch = /^([a-z][a-z0-9+.-]*):/i.exec(input);
  const hasAuthority = /^[a-z][a-z0-9+.-]*:\/\//i.test(input);
  let candidate = input;
  if (!hasAuthority) {
    // `host:6443/arcgis` parses as scheme "host"; only refuse schemes that are clearly schemes.
    const scheme = schemeMatch?.[1]?.toLowerCase();
    const isPort = /^\d/.test(input.slice((scheme ?? '').length + 1));
    if (scheme === 'http' || scheme === 'https') {
      candidate = input; // `https:/host` still parses as https://host
    } else if (scheme && !isPort) {
      return badUrl(`Use an https:// (or http://) address: "${scheme}:" addresses are not supported.`);
    } else {
      candidate = `https://${input}`;
    }
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return badUrl(`That is not a web address: ${quote(input)}. Use one like ${example}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return badUrl(`Use an https:// (or http://) address: "${url.protocol}" addresses are not supported.`);
  }
  if (url.username || url.password) {
    // Do not echo the input: it holds a password.
    return badUrl('Leave the user name and password out of the address: enter them in the profile instead.');
  }
  if (!url.hostname || url.hostname.startsWith('.') || url.hostname.includes('..')) {
    return badUrl(`That is not a web address: ${quote(input)}. Use one like ${example}.`);
  }
  const segments = url.pathname.split('/').filter((s) => s !== '' && s !== '.');
  return ok({ url, segments });
}

function siteRoot(url: URL, segments: string[]): string {
  const path = segments.length ? `/${segments.join('/')}` : '';
  return `${url.protocol}//${url.host}${path}`;
}

function markerIndex(segments: string[], markers: Set<string>): number {
  return segments.findIndex((s) => markers.has(s.toLowerCase()));
}

/** Normalises a pasted ArcGIS Server address to its site root, e.g. `https://gis.example.com/arcgis`. */
export function normalizeServerUrl(input: string): Result<ServerUrls> {
  const parsed = parseWebAddress(input, 'https://gis.example.com/arcgis');
  if (!parsed.ok) return parsed;
  const { url, segments } = parsed.value;
  const portalAt = markerIndex(segments, PORTAL_MARKERS);
  const at = markerIndex(segments, SERVER_MARKERS);
  if (portalAt >= 0 && (at < 0 || portalAt < at)) {
    return badUrl(
      'That is a Portal address (…/sharing or …/home). Enter the ArcGIS Server address here, ' +
        'e.g. https://gis.example.com/server, and the portal under "Portal URL".',
    );
  }
  const direct = DIRECT_SERVER_PORTS.has(url.port);
  let rootSegments = at >= 0 ? segments.slice(0, at) : segments;
  if (at < 0 && rootSegments.length === 0) {
    if (!direct) {
      return badUrl(
        `Add the site name to the address, e.g. https://${url.host}/arcgis (or /server, the Web Adaptor's name).`,
      );
    }
    rootSegments = ['arcgis'];
  }
  const root = siteRoot(url, rootSegments);
  const pastedAdmin = at >= 0 && segments[at]?.toLowerCase() === 'admin';
  return ok({ serverUrl: root, adminUrl: pastedAdmin && direct ? root : null });
}

/** Normalises a pasted Portal for ArcGIS address to its root, e.g. `https://gis.example.com/portal`. */
export function normalizePortalUrl(input: string): Result<string> {
  const parsed = parseWebAddress(input, 'https://gis.example.com/portal');
  if (!parsed.ok) return parsed;
  const { url, segments } = parsed.value;
  const at = markerIndex(segments, PORTAL_MARKERS);
  if (at < 0 && markerIndex(segments, new Set(['rest', 'admin', 'manager'])) >= 0) {
    return badUrl(
      'That is an ArcGIS Server address (…/rest or …/admin), not a portal. Enter the portal, ' +
        'e.g. https://gis.example.com/portal.',
    );
  }
  let rootSegments = at >= 0 ? segments.slice(0, at) : segments;
  // The portal's own ports serve it under /arcgis; on 443 a portal may live at the host root (ArcGIS Online).
  if (rootSegments.length === 0 && at < 0 && DIRECT_PORTAL_PORTS.has(url.port)) rootSegments = ['arcgis'];
  return ok(siteRoot(url, rootSegments));
}
