/**
 * A main-process script that serves the Electron transport to a test in another process: it creates
 * `createElectronFetch()` and exposes it as `globalThis.transportHost`, whose calls take and return only
 * cloneable values (what Playwright's `electronApp.evaluate` carries). Bundled and started by
 * remote-net-fetch.ts, on the real Electron or on the fake one.
 */
import crypto from 'node:crypto';
import { app, session } from 'electron';
import { createElectronFetch } from '../../../electron/main/net-fetch';
import type { FetchInit, ResponseLike } from '../../../electron/core/arcgis/transport';

type Reader = ReturnType<NonNullable<ResponseLike['body']>['getReader']>;

/** An error as plain data: code, message and causes (what the core's classifier reads). */
export interface ErrorData {
  name?: string;
  code?: string;
  message?: string;
  cause?: ErrorData;
}

function errorData(error: unknown, depth = 0): ErrorData {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
  return {
    ...(typeof e.name === 'string' ? { name: e.name } : {}),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.message === 'string' ? { message: e.message } : {}),
    ...(e.cause !== undefined && depth < 4 ? { cause: errorData(e.cause, depth + 1) } : {}),
  };
}

const fetchFn = createElectronFetch();
const open = new Map<string, { controller: AbortController; reader?: Reader }>();

const host = {
  /** Trusts certificates signed by these CAs (PEM), as an app trusting a server's own CA would. */
  trust(caPems: string[]): void {
    session.defaultSession.setCertificateVerifyProc((request, callback) => {
      const certificate = new crypto.X509Certificate(request.certificate.data);
      const trusted = caPems.some((pem) => certificate.verify(new crypto.X509Certificate(pem).publicKey));
      callback(trusted ? 0 : -3);
    });
  },
  async fetch(id: string, url: string, init: Omit<FetchInit, 'signal'>) {
    const controller = new AbortController();
    open.set(id, { controller });
    try {
      const res = await fetchFn(url, { ...init, signal: controller.signal });
      const reader = res.body?.getReader();
      open.set(id, { controller, ...(reader ? { reader } : {}) });
      // The Electron transport answers a web Response; its headers iterate (names lower-cased).
      const headers: Record<string, string> = {};
      for (const [name, value] of res.headers as unknown as Iterable<[string, string]>) {
        headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
      }
      return {
        ok: true as const,
        status: res.status,
        statusText: res.statusText ?? '',
        headers,
        body: !!reader,
      };
    } catch (error) {
      open.delete(id);
      return { ok: false as const, error: errorData(error) };
    }
  },
  async read(id: string) {
    const reader = open.get(id)?.reader;
    if (!reader) return { ok: true as const, done: true };
    try {
      const { done, value } = await reader.read();
      if (done) open.delete(id);
      return { ok: true as const, done, ...(value ? { value: Buffer.from(value).toString('base64') } : {}) };
    } catch (error) {
      open.delete(id);
      return { ok: false as const, error: errorData(error) };
    }
  },
  async cancel(id: string): Promise<void> {
    await open.get(id)?.reader?.cancel();
    open.delete(id);
  },
  abort(id: string, message: string): void {
    open.get(id)?.controller.abort(new Error(message));
  },
};

/** The host's API, as the test side calls it. */
export type TransportHost = typeof host;

(globalThis as { transportHost?: TransportHost }).transportHost = host;
// No window: keep running until the test quits the app.
app.on('window-all-closed', () => undefined);
