/**
 * The HTTP server of `gpjobs ui`: the built renderer and the app's API on 127.0.0.1 only. Requests reach
 * the very `dispatch` (payload validation) and handlers the desktop app's IPC uses; events go out as SSE.
 * Every request passes the access checks of access.ts first; the pages get the app's CSP, with
 * `connect-src 'self'` as the one difference (the page's requests go to this server instead of over IPC).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { err } from '../core';
import { dispatch } from '../main/dispatch';
import { rendererResponse, securityHeaders } from '../main/renderer-files';
import { CONTENT_SECURITY_POLICY } from '../main/security';
import type { Caller, ChannelHandlers, EventChannel, EventPayloads } from '../shared/contract';
import { EVENT_CHANNELS } from '../shared/contract';
import { WEB_EVENTS_PATH, WEB_INVOKE_PATH, WEB_KEY_PARAM, WEB_STREAM_HEADER } from '../shared/web-api';
import type { Refusal, RequestFacts, WebAccess } from './access';
import { LOOPBACK, checkHost, checkSession, createAccess, sameSecret, sessionCookie } from './access';
import { createEventHub, type EventHub } from './event-stream';

/** The largest request body accepted (a bulk request of the contract's maximum job count fits). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The app's Content-Security-Policy with `connect-src 'self'`: the page may talk to this server only. */
export const WEB_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .map((directive) => (directive.startsWith('connect-src ') ? "connect-src 'self'" : directive))
  .join('; ');

/**
 * index.html carries the desktop policy in a <meta> too (for loads without headers); policies combine, so
 * its `connect-src 'none'` would block this page's requests: served here with the web policy's directive.
 */
export function withWebPolicy(html: Buffer): Buffer {
  return Buffer.from(html.toString('utf8').replace(/connect-src 'none'/g, "connect-src 'self'"));
}

/** What the server serves: the core's handlers and events, and the built renderer. */
export interface WebServerOptions {
  handlers: ChannelHandlers;
  onEvent<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
  rendererDir: string;
  /** The port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

/** A running server. */
export interface WebServer {
  /** The address to open: the origin plus this launch's key. Print it; never log it elsewhere. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  port: number;
  /** Pushes an event to every open page (what the core's events go through). */
  publish<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void;
  /** Stops listening, ends the event streams and drops every connection. */
  close(): Promise<void>;
}

function headers(): Record<string, string> {
  return { ...securityHeaders(), 'Content-Security-Policy': WEB_CONTENT_SECURITY_POLICY };
}

function facts(request: http.IncomingMessage): RequestFacts {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return {
    host: request.headers.host,
    origin: one(request.headers.origin),
    fetchSite: one(request.headers['sec-fetch-site']),
    cookie: request.headers.cookie,
  };
}

function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  response.writeHead(status, {
    ...headers(),
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': body.length,
  });
  response.end(body);
}

function sendText(response: http.ServerResponse, status: number, text: string, extra = {}): void {
  response.writeHead(status, { ...headers(), 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  response.end(text);
}

function refuse(response: http.ServerResponse, refusal: Refusal, api: boolean): void {
  if (api) sendJson(response, refusal.status, err({ kind: 'permission', message: refusal.message }));
  else sendText(response, refusal.status, refusal.message);
}

/** Reads a request body up to `MAX_BODY_BYTES`; null when it is larger (the rest is not read). */
function readBody(request: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.pause();
        resolve(null);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The caller of one request: its own event stream (named in WEB_STREAM_HEADER), when it has one open. */
function callerOf(request: http.IncomingMessage, hub: EventHub): Caller | undefined {
  const stream = request.headers[WEB_STREAM_HEADER.toLowerCase()];
  if (typeof stream !== 'string' || stream.length === 0) return undefined;
  return { push: (channel, payload) => void hub.send(stream, channel, payload) };
}

async function invoke(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  handlers: ChannelHandlers,
  hub: EventHub,
): Promise<void> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    const message = 'Rejected a request that is not JSON (Content-Type must be application/json).';
    sendJson(response, 415, err({ kind: 'invalid-input', message }));
    return;
  }
  const body = await readBody(request);
  if (body === null) {
    const message = `Rejected a request larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`;
    response.setHeader('Connection', 'close');
    sendJson(response, 413, err({ kind: 'invalid-input', message }));
    return;
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(body.toString('utf8'));
  } catch {
    sendJson(
      response,
      400,
      err({ kind: 'invalid-input', message: 'Rejected a request that is not valid JSON.' }),
    );
    return;
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    const message = 'Rejected a request: the body must be an object { channel, payload }.';
    sendJson(response, 400, err({ kind: 'invalid-input', message }));
    return;
  }
  const { channel, payload } = envelope as { channel?: unknown; payload?: unknown };
  sendJson(response, 200, await dispatch(channel, payload, handlers, undefined, callerOf(request, hub)));
}

function route(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  access: WebAccess,
  options: WebServerOptions,
  hub: EventHub,
): void | Promise<void> {
  const seen = facts(request);
  const url = new URL(request.url ?? '/', 'http://invalid');
  const api = url.pathname.startsWith('/api/');
  const badHost = checkHost(seen, access);
  if (badHost) return refuse(response, badHost, api);
  const method = request.method ?? 'GET';

  if (url.pathname === WEB_INVOKE_PATH) {
    if (method !== 'POST') return sendText(response, 405, 'Method not allowed.', { Allow: 'POST' });
    const refused = checkSession(seen, access, { originRequired: true, sameOriginOnly: true });
    return refused ? refuse(response, refused, true) : invoke(request, response, options.handlers, hub);
  }
  if (url.pathname === WEB_EVENTS_PATH) {
    if (method !== 'GET') return sendText(response, 405, 'Method not allowed.', { Allow: 'GET' });
    const refused = checkSession(seen, access, { originRequired: false, sameOriginOnly: true });
    return refused ? refuse(response, refused, true) : hub.attach(response, headers());
  }
  if (api) return sendJson(response, 404, err({ kind: 'not-found', message: 'No such API path.' }));
  if (method !== 'GET' && method !== 'HEAD') return sendText(response, 405, 'Method not allowed.');

  if (url.searchParams.has(WEB_KEY_PARAM)) {
    // The key exchange: a session cookie, then the workspace without the key in its address (always `/`,
    // so a crafted path such as `//other.host` cannot make this an open redirect).
    if (!sameSecret(url.searchParams.get(WEB_KEY_PARAM), access.key)) {
      return sendText(response, 401, 'This key is not the one gpjobs ui printed for this launch.');
    }
    response.writeHead(303, { ...headers(), 'Set-Cookie': sessionCookie(access), Location: '/' });
    return void response.end();
  }
  const refused = checkSession(seen, access, { originRequired: false, sameOriginOnly: false });
  if (refused) return refuse(response, refused, false);
  // The raw request target: rendererResponse does its own decoding and traversal checks.
  return rendererResponse(request.url ?? '/', options.rendererDir).then((file) => {
    const body = file.headers['Content-Type']?.startsWith('text/html') ? withWebPolicy(file.body) : file.body;
    response.writeHead(file.status, { ...file.headers, ...headers(), 'Content-Length': body.length });
    response.end(method === 'HEAD' ? undefined : body);
  });
}

/** Starts the server on 127.0.0.1 (never another interface); rejects when the port is taken. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const hub = createEventHub();
  let access: WebAccess | null = null;
  const server = http.createServer((request, response) => {
    if (!access) return sendText(response, 503, 'Starting.');
    void Promise.resolve(route(request, response, access, options, hub)).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `Internal error: ${(error as Error).message}`);
      else response.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 0; // event streams stay open
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    hub.close();
    throw error.code === 'EADDRINUSE'
      ? new Error(`Port ${options.port} on ${LOOPBACK} is already in use; pick another with --port, or 0.`)
      : error;
  });
  const { port } = server.address() as AddressInfo;
  access = createAccess(port);
  const origin = `http://${LOOPBACK}:${port}`;
  const unsubscribes = EVENT_CHANNELS.map((channel) =>
    options.onEvent(channel, (payload) => hub.publish(channel, payload)),
  );
  return {
    url: `${origin}/?${WEB_KEY_PARAM}=${access.key}`,
    origin,
    port,
    publish: (channel, payload) => hub.publish(channel, payload),
    close: () =>
      new Promise<void>((resolve) => {
        for (const unsubscribe of unsubscribes) unsubscribe();
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
