/**
 * Electron's `net.request` (ClientRequest / IncomingMessage) rebuilt on Node's http and https, with
 * Electron's event API and semantics as its source (lib/common/api/net-client-request.ts in
 * electron/electron) and its documentation (docs/api/client-request.md, incoming-message.md) describe them:
 * a Writable whose body is buffered until `end()` unless `chunkedEncoding` is set; headers settable only
 * before the first write; 'response' with a Readable message; 'redirect' (statusCode, method, url,
 * headers) under `redirect: 'manual'`, cancelled with "Redirect was cancelled" unless `followRedirect()` is
 * called inside the listener; `abort()` emitting 'abort' on the next tick; failures as `net::ERR_*`
 * messages; TLS verified by the session's certificate verify procedure when one is set.
 */
import http from 'node:http';
import https from 'node:https';
import { Readable, Writable } from 'node:stream';
import tls from 'node:tls';
import { netErrorFor, type FakeSession } from './session';

/** Response headers Node (and so Electron) keep only the first of. */
const SINGLE_VALUED = new Set([
  'content-type',
  'content-length',
  'user-agent',
  'referer',
  'host',
  'authorization',
  'proxy-authorization',
  'if-modified-since',
  'if-unmodified-since',
  'from',
  'location',
  'max-forwards',
  'retry-after',
  'etag',
  'last-modified',
  'server',
  'age',
  'expires',
]);

const MAX_REDIRECTS = 20;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

type Policy = 'follow' | 'error' | 'manual';

/** The options `net.request` accepts (the subset a caller of this fake can pass). */
export interface FakeRequestOptions {
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  redirect?: Policy;
  session?: FakeSession;
  credentials?: 'include' | 'omit' | 'same-origin';
  useSessionCookies?: boolean;
  bypassCustomProtocolHandlers?: boolean;
  origin?: string;
}

function grouped(rawHeaders: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    map.set(name, [...(map.get(name) ?? []), rawHeaders[i + 1]!]);
  }
  return map;
}

/** Electron's IncomingMessage: a Readable with statusCode, statusMessage, headers and rawHeaders. */
export class FakeIncomingMessage extends Readable {
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly rawHeaders: string[];
  readonly httpVersionMajor: number;
  readonly httpVersionMinor: number;
  #source: http.IncomingMessage;

  constructor(source: http.IncomingMessage) {
    super();
    this.#source = source;
    this.statusCode = source.statusCode ?? 0;
    this.statusMessage = source.statusMessage ?? '';
    this.rawHeaders = [...source.rawHeaders];
    this.httpVersionMajor = source.httpVersionMajor;
    this.httpVersionMinor = source.httpVersionMinor;
    source.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) source.pause();
    });
    source.on('end', () => this.push(null));
  }

  /** Lower-case names; single-valued headers keep their first value, set-cookie is an array, others joined. */
  get headers(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const [name, values] of grouped(this.rawHeaders)) {
      if (name === 'set-cookie') out[name] = values;
      else out[name] = SINGLE_VALUED.has(name) ? values[0]! : values.join(', ');
    }
    return out;
  }

  get httpVersion(): string {
    return `${this.httpVersionMajor}.${this.httpVersionMinor}`;
  }

  override _read(): void {
    this.#source.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#source.destroy();
    callback(error);
  }
}

/** Electron's ClientRequest over Node's http/https. */
export class FakeClientRequest extends Writable {
  #url: URL;
  #method: string;
  #headers = new Map<string, { name: string; value: string }>();
  #policy: Policy;
  #session: FakeSession;
  #chunked: boolean | undefined;
  #chunks: Buffer[] = [];
  #firstWrite = false;
  #started = false;
  #aborted = false;
  #redirects = 0;
  #attempt = 0;
  #failed = false;
  #outgoing: http.ClientRequest | null = null;
  #socket: tls.TLSSocket | null = null;
  #pending: Array<{ chunk: Buffer; callback: (error?: Error | null) => void }> = [];
  #ended = false;
  #response: FakeIncomingMessage | null = null;
  #followRedirect: (() => void) | null = null;

  constructor(options: FakeRequestOptions | string, session: FakeSession) {
    super({ autoDestroy: true });
    const opts = typeof options === 'string' ? { url: options } : options;
    this.#url = new URL(opts.url ?? 'http://localhost/');
    if (this.#url.protocol !== 'http:' && this.#url.protocol !== 'https:') {
      throw new Error('ClientRequest only supports http: and https: protocols');
    }
    const policy = opts.redirect ?? 'follow';
    if (!['follow', 'error', 'manual'].includes(policy)) {
      throw new Error('redirect mode should be one of follow, error or manual');
    }
    this.#policy = policy;
    this.#method = (opts.method ?? 'GET').toUpperCase();
    this.#session = opts.session ?? session;
    for (const [name, value] of Object.entries(opts.headers ?? {})) this.setHeader(name, value);
  }

  get chunkedEncoding(): boolean {
    return this.#chunked ?? false;
  }

  set chunkedEncoding(value: boolean) {
    if (this.#started) throw new Error('chunkedEncoding can only be set before the request is started');
    if (this.#chunked !== undefined) throw new Error('chunkedEncoding can only be set once');
    this.#chunked = value;
  }

  setHeader(name: string, value: string): void {
    if (this.#started || this.#firstWrite) throw new Error("Can't set headers after they are sent");
    if (typeof name !== 'string') throw new TypeError('`name` should be a string in setHeader(name, value)');
    if (value == null) throw new Error(`\`value\` required in setHeader("${name}", value)`);
    if (!HEADER_NAME.test(name)) throw new Error(`Invalid header name: '${name}'`);
    if (/[\r\n\0]/.test(String(value))) throw new Error(`Invalid value for header '${name}': '${value}'`);
    this.#headers.set(name.toLowerCase(), { name, value: String(value) });
  }

  getHeader(name: string): string | undefined {
    return this.#headers.get(name.toLowerCase())?.value;
  }

  removeHeader(name: string): void {
    if (this.#started || this.#firstWrite) throw new Error("Can't remove headers after they are sent");
    this.#headers.delete(name.toLowerCase());
  }

  /** Follows the pending redirect; only valid inside a 'redirect' listener. */
  followRedirect(): void {
    if (!this.#followRedirect) throw new Error('followRedirect() called, but was not waiting for a redirect');
    this.#followRedirect();
  }

  /** Cancels the request: 'abort' on the next tick, the connection and any response destroyed. */
  abort(): void {
    if (!this.#aborted) process.nextTick(() => this.emit('abort'));
    this.#aborted = true;
    this.#die();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#firstWrite = true;
    if (!this.#chunked) {
      this.#chunks.push(chunk);
      callback();
      return;
    }
    // The first chunked write starts the request; chunks wait until the connection is verified.
    if (!this.#started) this.#start(null);
    if (this.#outgoing) this.#outgoing.write(chunk, () => callback());
    else this.#pending.push({ chunk, callback });
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#ended = true;
    if (!this.#chunked) this.#start(this.#chunks.length > 0 ? Buffer.concat(this.#chunks) : null);
    else if (!this.#started) this.#start(null);
    else this.#outgoing?.end();
    callback();
  }

  #start(body: Buffer | null): void {
    this.#started = true;
    this.#send(this.#url, this.#method, body);
  }

  /** Connects (and for https verifies the certificate) before a byte of the request is sent, as Chromium does. */
  #send(url: URL, method: string, body: Buffer | null): void {
    const attempt = ++this.#attempt;
    const headers: Record<string, string> = {};
    for (const { name, value } of this.#headers.values()) headers[name] = value;
    if (body) headers['Content-Length'] = String(body.length);
    else if (this.#chunked) headers['Transfer-Encoding'] = 'chunked';
    const issue = (outgoing: http.ClientRequest): void => {
      this.#outgoing = outgoing;
      outgoing.on('response', (incoming) => this.#onResponse(attempt, url, method, incoming));
      outgoing.on('error', (error) => this.#fail(attempt, new Error(netErrorFor(error))));
      if (!this.#chunked) {
        outgoing.end(body ?? undefined);
        return;
      }
      for (const { chunk, callback } of this.#pending.splice(0)) outgoing.write(chunk, () => callback());
      if (this.#ended) outgoing.end();
    };
    if (url.protocol === 'http:') {
      issue(http.request(url, { method, headers, agent: false }));
      return;
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      ...(tlsName(host) ? { servername: host } : {}),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    this.#socket = socket;
    socket.once('error', (error) => this.#fail(attempt, new Error(netErrorFor(error))));
    socket.once('secureConnect', () => {
      void this.#session.verifyCertificate(host, socket).then((error) => {
        if (attempt !== this.#attempt || this.#aborted) socket.destroy();
        else if (error) this.#fail(attempt, error);
        else issue(https.request(url, { method, headers, createConnection: () => socket }));
      });
    });
  }

  #onResponse(attempt: number, url: URL, method: string, incoming: http.IncomingMessage): void {
    if (this.#aborted || attempt !== this.#attempt) return;
    const status = incoming.statusCode ?? 0;
    const location = incoming.headers.location;
    if (status >= 300 && status < 400 && location !== undefined) {
      incoming.resume();
      this.#onRedirect(method, status, new URL(location, url), incoming.rawHeaders);
      return;
    }
    const response = new FakeIncomingMessage(incoming);
    this.#response = response;
    incoming.on('aborted', () => response.destroy(new Error('net::ERR_CONNECTION_RESET')));
    incoming.on('error', (error) => this.#fail(attempt, new Error(netErrorFor(error))));
    this.emit('response', response);
  }

  #onRedirect(method: string, status: number, target: URL, rawHeaders: string[]): void {
    const newMethod =
      status === 303 || ((status === 301 || status === 302) && method === 'POST') ? 'GET' : method;
    const headers = Object.fromEntries(grouped(rawHeaders));
    const follow = (): void => {
      if (++this.#redirects > MAX_REDIRECTS) return this.#die(new Error('net::ERR_TOO_MANY_REDIRECTS'));
      this.#outgoing?.destroy();
      this.#socket?.destroy();
      this.#send(
        target,
        newMethod,
        newMethod === method && this.#chunks.length ? Buffer.concat(this.#chunks) : null,
      );
    };
    if (this.#policy === 'error') {
      this.#die(new Error("Attempted to redirect, but redirect policy was 'error'"));
      return;
    }
    let followed = this.#policy === 'follow';
    this.#followRedirect = () => (followed = true);
    try {
      this.emit('redirect', status, newMethod, target.toString(), headers);
    } finally {
      this.#followRedirect = null;
      if (followed && !this.#aborted) follow();
      else if (!this.#aborted) this.#die(new Error('Redirect was cancelled'));
    }
  }

  #fail(attempt: number, error: Error): void {
    if (attempt !== this.#attempt || this.#aborted || this.#failed) return;
    this.#failed = true;
    this.#die(error);
  }

  #die(error?: Error): void {
    // Like Electron: a request already ended (and so auto-destroyed) still reports a later error.
    if (this.destroyed && error) this.emit('error', error);
    this.destroy(error);
    this.#outgoing?.destroy();
    this.#socket?.destroy();
    this.#response?.destroy(error);
  }
}

/** Whether a host is a name (SNI carries names only, never IP addresses). */
function tlsName(host: string): boolean {
  return !/^[\d.]+$/.test(host) && !host.includes(':');
}
