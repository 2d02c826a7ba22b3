/**
 * Raw HTTP for the `gpjobs ui` tests: node:http, so a test can send any Host, Origin or Cookie header (fetch
 * would not let it forge Host), plus a signed-in session helper that talks as the page's web client does.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WebServer } from '../../../electron/web/server';
import { WEB_INVOKE_PATH } from '../../../electron/shared/web-api';

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
export async function signIn(server: WebServer): Promise<string> {
  const url = new URL(server.url);
  const answer = await request(server.port, { path: `${url.pathname}${url.search}` });
  const cookie = answer.headers['set-cookie']?.[0]?.split(';')[0];
  if (answer.status !== 303 || !cookie) throw new Error(`sign-in failed: ${answer.status}`);
  return cookie;
}

/** The headers the page's web client sends with a call. */
export function pageHeaders(server: WebServer, cookie: string): Record<string, string> {
  return {
    Cookie: cookie,
    Origin: server.origin,
    'Content-Type': 'application/json',
    'Sec-Fetch-Site': 'same-origin',
  };
}

/** Calls a channel as the page does: POST { channel, payload } as JSON. */
export async function invokeOverHttp(
  server: WebServer,
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
