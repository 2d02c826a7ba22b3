/**
 * The listener: HTTP or HTTPS on 127.0.0.1, body parsing, request recording, in-flight statistics, the
 * capacity queue, latency and faults, then routing. Control routes under `/__sim/` bypass all of that.
 * It can go down (listener closed, connections dropped: ECONNREFUSED) and come back on the same port.
 */
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { waitUntil } from './due-queue';
import type { Faults } from './faults';
import { faultAction } from './faults';
import type { Incoming, Reply } from './reply';
import type { SimTls } from './tls';
import type { RecordedRequest } from './types';

/** What the listener needs from the rest of the simulator. */
export interface ListenerOptions {
  tls: SimTls | null;
  port: number;
  latencyMs: number;
  capacity: number;
  maxRecorded: number;
  faults: Faults;
  handle(req: Incoming): Reply;
  control(req: Incoming): Reply | Promise<Reply>;
}

const MAX_BODY = 8 * 1024 * 1024;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parse(req: IncomingMessage, body: string): Incoming {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const query = Object.fromEntries(url.searchParams);
  const type = String(req.headers['content-type'] ?? '');
  let form: Record<string, string> = {};
  if (type.includes('application/json') && body) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      form = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      form = {};
    }
  } else if (body && !type.includes('multipart/')) {
    form = Object.fromEntries(new URLSearchParams(body));
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    segments: url.pathname.split('/').filter(Boolean).map(decode),
    query,
    form,
    params: { ...query, ...form },
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress ?? '',
  };
}

/** The request body as text (data events, not an async iterator: this is every request's hot path). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('request closed before its end'));
    });
  });
}

/**
 * Writes the answer. The body goes to `end` as a string, so Node sends the head and the body in one write
 * (one TLS record) rather than two: the simulator's largest cost per request after TLS itself.
 */
function write(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
  res.end(reply.body, 'utf8');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The simulator's HTTP(S) listener. */
export class SimListener {
  readonly requests: RecordedRequest[] = [];
  readonly stats = { inFlight: 0, maxInFlight: 0, total: 0 };
  /** Emits 'request' (RecordedRequest) on arrival and 'settled' when a request's response closes. */
  readonly events = new EventEmitter().setMaxListeners(0);
  latencyMs: number;
  port = 0;
  private readonly server: Server;
  private up = false;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly opts: ListenerOptions) {
    this.latencyMs = opts.latencyMs;
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      this.onRequest(req, res).catch(() => {
        if (!res.headersSent)
          write(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'error' });
        else res.destroy();
      });
    };
    this.server = opts.tls
      ? createHttpsServer({ key: opts.tls.keyPem, cert: opts.tls.certPem }, handler)
      : createHttpServer(handler);
  }

  /** Starts listening on 127.0.0.1 (on the same port after the first time). */
  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port || this.opts.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address();
        if (address && typeof address === 'object') this.port = address.port;
        this.up = true;
        resolve();
      });
    });
  }

  /** Closes the listener and drops every connection. */
  shutdown(): Promise<void> {
    if (!this.up) return Promise.resolve();
    this.up = false;
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Zeroes maxInFlight and total (inFlight stays true to what is open now). */
  resetStats(): void {
    this.stats.maxInFlight = this.stats.inFlight;
    this.stats.total = 0;
  }

  /** Resolves once no ArcGIS request is in flight. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.stats.inFlight > 0) return;
        this.events.off('settled', check);
        resolve();
      };
      this.events.on('settled', check);
      check();
    });
  }

  private record(req: IncomingMessage, incoming: Incoming, body: string): void {
    const recorded: RecordedRequest = {
      method: incoming.method,
      url: req.url ?? '',
      headers: req.headers,
      body,
      params: incoming.params,
      at: Date.now(),
    };
    this.requests.push(recorded);
    this.events.emit('request', recorded);
    const max = this.opts.maxRecorded;
    if (this.requests.length > max + Math.max(1, Math.floor(max / 10))) {
      this.requests.splice(0, this.requests.length - max);
    }
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if ((req.url ?? '').startsWith('/__sim/')) {
      const incoming = parse(req, await readBody(req));
      write(res, await this.opts.control(incoming));
      return;
    }
    const arrived = performance.now();
    this.stats.total++;
    this.stats.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
    let release: (() => void) | null = null;
    let settled = false;
    // A request stops counting as in flight (and frees its capacity slot) when the server answers it,
    // as a real server frees its worker; 'close' covers requests that end without an answer. Waiting for
    // 'close' alone over-counted: a fast client could send its next request before that event ran.
    const settle = (): void => {
      if (settled) return;
      settled = true;
      this.stats.inFlight--;
      release?.();
      this.events.emit('settled');
    };
    res.once('close', settle);
    const body = await readBody(req);
    const incoming = parse(req, body);
    this.record(req, incoming, body);
    const queued = this.active >= this.opts.capacity;
    release = await this.acquire();
    if (res.destroyed) return release();
    // The latency is the server's time to answer, its own work included (as a real server's is): due one
    // latency after the request arrived, or after it left the capacity queue.
    if (this.latencyMs > 0) await waitUntil((queued ? performance.now() : arrived) + this.latencyMs);
    const rule = this.opts.faults.pick({
      method: incoming.method,
      path: incoming.path,
      params: incoming.params,
    });
    if (rule) {
      const action = faultAction(rule.kind, incoming, rule.delayMs);
      if ('hang' in action) return;
      if ('reset' in action) {
        req.socket.destroy();
        return;
      }
      if ('reply' in action) {
        settle();
        return write(res, action.reply);
      }
      await delay(action.delayMs);
    }
    const reply = this.opts.handle(incoming);
    settle();
    write(res, reply);
  }

  private acquire(): Promise<() => void> {
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
    if (this.active < this.opts.capacity) {
      this.active++;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => {
      this.waiting.push(() => {
        this.active++;
        resolve(release);
      });
    });
  }
}
