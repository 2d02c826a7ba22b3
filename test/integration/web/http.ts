/**
 * Raw HTTP for the `gpjobs ui` tests: node:http, so a test can send any Host, Origin or Cookie header (fetch
 * would not let it forge Host), plus a signed-in session helper that talks as the page's web client does.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WebServer } from '../../../electron/web/server';
import { WEB_EVENTS_PATH, WEB_INVOKE_PATH } from '../../../electron/shared/web-api';

/** What the helpers need of a running server (a WebServer, or what `gpjobs ui` printed). */
export type Served = Pick<WebServer, 'url' | 'origin' | 'port'>;

/** What the printed address tells about the server. */
export function servedAt(url: string): Served {
  const parsed = new URL(url);
  return { url, origin: parsed.origin, port: Number(parsed.port) };
}

/** What came back. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request to 127.0.0.1:port (or `address`), with exactly the headers given (plus Content-Length). */
export function request(
  port: number,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    address?: string;
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: options.address ?? '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Exchanges the printed URL's key for the session cookie, as a browser's first load does. */
export async function signIn(server: Served): Promise<string> {
  const url = new URL(server.url);
  const answer = await request(server.port, { path: `${url.pathname}${url.search}` });
  const cookie = answer.headers['set-cookie']?.[0]?.split(';')[0];
  if (answer.status !== 303 || !cookie) throw new Error(`sign-in failed: ${answer.status}`);
  return cookie;
}

/** The headers the page's web client sends with a call. */
export function pageHeaders(server: Served, cookie: string): Record<string, string> {
  return {
    Cookie: cookie,
    Origin: server.origin,
    'Content-Type': 'application/json',
    'Sec-Fetch-Site': 'same-origin',
  };
}

/** Calls a channel as the page does: POST { channel, payload } as JSON. */
export async function invokeOverHttp(
  server: Served,
  cookie: string,
  channel: unknown,
  payload: unknown,
): Promise<{ status: number; result: unknown }> {
  const answer = await request(server.port, {
    method: 'POST',
    path: WEB_INVOKE_PATH,
    headers: pageHeaders(server, cookie),
    body: JSON.stringify({ channel, payload }),
  });
  return { status: answer.status, result: JSON.parse(answer.body) as unknown };
}

/** A throwaway renderer directory with an index.html carrying the desktop meta policy. */
export function tinyRenderer(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpjobs-web-renderer-'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'none'"><title>GP Job Admin</title>`,
  );
  fs.writeFileSync(path.join(dir, 'app.js'), 'console.log(1);');
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens the event stream as the page does; resolves with the first event `wanted` accepts, then closes it. */
export function nextEvent(
  server: Served,
  cookie: string,
  wanted: (channel: string, payload: unknown) => boolean,
): Promise<{ channel: string; payload: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port: server.port,
        path: WEB_EVENTS_PATH,
        headers: { Host: `127.0.0.1:${server.port}`, Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' },
        agent: false,
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`event stream refused: ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const channel = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (channel === undefined || data === undefined) continue;
            const payload = JSON.parse(data) as unknown;
            if (wanted(channel, payload)) {
              req.destroy();
              resolve({ channel, payload });
              return;
            }
          }
        });
      },
    );
    req.on('error', reject);
  });
}
