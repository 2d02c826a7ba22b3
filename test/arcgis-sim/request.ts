/**
 * How the simulator's listener reads a request: its body as text (bounded), and the target, query and form
 * as `Incoming`, as `new URL` and `URLSearchParams` would read them, by hand on the common plain paths.
 */
import type { IncomingMessage } from 'node:http';
import type { Incoming } from './reply';

const MAX_BODY = 8 * 1024 * 1024;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A request path that `new URL` would leave exactly as it came: only characters a path keeps as they are,
 * no `//` start (a host to URL), no dot segment, plain or percent-encoded (URL resolves those).
 */
const PLAIN_PATH = /^\/(?!\/)[\w\-.~!$&'()*+,;=:@%/]*$/;
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

/** Path and query of a request target, as `new URL` reads them (it runs only for unusual targets). */
function target(raw: string): { path: string; search: URLSearchParams | null } {
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  if (PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path) && !raw.includes('#')) {
    return { path, search: q < 0 ? null : new URLSearchParams(raw.slice(q + 1)) };
  }
  const url = new URL(raw, 'http://127.0.0.1');
  return { path: url.pathname, search: url.searchParams };
}

/**
 * A urlencoded body as an object, as `Object.fromEntries(new URLSearchParams(body))` reads it (the last of
 * a repeated name wins); bodies with nothing to decode (no `%`, no `+`) are split by hand, the
 * simulator's most common request being a form of two or three plain fields.
 */
function formOf(body: string): Record<string, string> {
  if (body.includes('%') || body.includes('+')) return Object.fromEntries(new URLSearchParams(body));
  const form: Record<string, string> = {};
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (name === '__proto__') return Object.fromEntries(new URLSearchParams(body));
    form[name] = eq < 0 ? '' : pair.slice(eq + 1);
  }
  return form;
}

/** The request as the routes read it: method, path and its decoded segments, query, form, headers. */
export function parse(req: IncomingMessage, body: string): Incoming {
  const { path, search } = target(req.url ?? '/');
  const query: Record<string, string> = search ? Object.fromEntries(search) : {};
  const type = req.headers['content-type'] ?? '';
  let form: Record<string, string> = {};
  if (type.includes('application/json') && body) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      form = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      form = {};
    }
  } else if (body && !type.includes('multipart/')) {
    form = formOf(body);
  }
  const segments = path.split('/').filter(Boolean);
  for (let i = 0; i < segments.length; i++) {
    if (segments[i]!.includes('%')) segments[i] = decode(segments[i]!);
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    segments,
    query,
    form,
    params: search ? { ...query, ...form } : { ...form },
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress ?? '',
  };
}

/**
 * Reads the request body as text and calls `done` with it, or `failed` once (too large, closed before its
 * end, a stream error). Callbacks, not a promise: this is every request's hot path.
 */
export function readBody(
  req: IncomingMessage,
  done: (body: string) => void,
  failed: (e: Error) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  const fail = (e: Error): void => {
    if (over) return;
    over = true;
    failed(e);
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY) {
      fail(new Error('body too large'));
      req.destroy();
    } else chunks.push(chunk);
  });
  req.once('end', () => {
    if (over) return;
    over = true;
    done(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
  });
  req.once('error', fail);
  req.once('close', () => {
    if (!req.complete) fail(new Error('request closed before its end'));
  });
}
