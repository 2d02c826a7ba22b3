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
import { arrival, atTime } from './due-queue';
import type { Faults } from './faults';
import { faultAction } from './faults';
import type { Incoming, Reply } from './reply';
import { parse, readBody } from './request';
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

/**
 * Writes the answer. The body goes to `end` as a string, so Node sends the head and the body in one write
 * (one TLS record) rather than two: the simulator's largest cost per request after TLS itself. The head
 * goes as a flat name/value list, which Node writes without building a header object.
 */
function write(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const head: string[] = [];
  for (const name in reply.headers) head.push(name, reply.headers[name]!);
  head.push('content-length', String(Buffer.byteLength(reply.body)));
  res.writeHead(reply.status, head);
  res.end(reply.body, 'utf8');
}

/** Answers 500 (or drops the connection once the head went out) when the simulator itself failed. */
function failed(res: ServerResponse): void {
  if (!res.headersSent) write(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'error' });
  else res.destroy();
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
      try {
        this.onRequest(req, res);
      } catch {
        failed(res);
      }
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

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    if ((req.url ?? '').startsWith('/__sim/')) {
      const control = (body: string): void => {
        Promise.resolve(this.opts.control(parse(req, body))).then(
          (reply) => write(res, reply),
          () => failed(res),
        );
      };
      return readBody(req, guarded(res, control), () => failed(res));
    }
    const arrived = arrival();
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
    // Callbacks from here to the answer, not awaits: each await was a promise and a microtask turn per
    // request, on the cores the client under test runs on. Each step's throw still ends in a 500.
    const answer = guarded(res, (incoming: Incoming) => this.answer(req, res, incoming, settle));
    const received = guarded(res, (body: string) => {
      const incoming = parse(req, body);
      this.record(req, incoming, body);
      this.acquire((slot, queued) => {
        release = slot;
        if (res.destroyed) return slot();
        // The latency is the server's time to answer, its own work included (as a real server's is): due
        // one latency after the request arrived, or after it left the capacity queue.
        if (this.latencyMs <= 0) return answer(incoming);
        atTime((queued ? performance.now() : arrived) + this.latencyMs, () => answer(incoming));
      });
    });
    readBody(req, received, () => failed(res));
  }

  /** Faults first (after the queue and the latency), then the route's answer. */
  private answer(req: IncomingMessage, res: ServerResponse, incoming: Incoming, settle: () => void): void {
    const rule = this.opts.faults.pick({
      method: incoming.method,
      path: incoming.path,
      params: incoming.params,
    });
    if (rule) {
      const action = faultAction(rule, incoming);
      if ('hang' in action) return;
      if ('reset' in action) {
        req.socket.destroy();
        return;
      }
      if ('reply' in action) {
        settle();
        return write(res, action.reply);
      }
      const answer = guarded(res, () => this.reply(res, incoming, settle));
      if ('until' in action) {
        void action.until.then(answer, answer);
        return;
      }
      setTimeout(answer, action.delayMs);
      return;
    }
    this.reply(res, incoming, settle);
  }

  private reply(res: ServerResponse, incoming: Incoming, settle: () => void): void {
    const reply = this.opts.handle(incoming);
    settle();
    write(res, reply);
  }

  /** A capacity slot: at once (synchronously) when one is free, else when the queue reaches this request. */
  private acquire(then: (release: () => void, queued: boolean) => void): void {
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
    if (this.active < this.opts.capacity) {
      this.active++;
      return then(release, false);
    }
    // The slot passes on while the releasing answer is being written: go on once that is done.
    this.waiting.push(() => {
      this.active++;
      queueMicrotask(() => then(release, true));
    });
  }
}

/** `step`, with a throw answered as the simulator's own failure (500) rather than crashing the process. */
function guarded<T>(res: ServerResponse, step: (value: T) => void): (value: T) => void {
  return (value) => {
    try {
      step(value);
    } catch {
      failed(res);
    }
  };
}
