/**
 * `gpjobs ui`'s access rules against the real server on a real socket: only the printed key opens a
 * session (an HttpOnly, SameSite=Strict cookie, then the address without the key); every request without
 * the cookie, with a forged Host or from a foreign Origin is refused before any handler runs; pages get the
 * app's CSP with `connect-src 'self'`; and nothing listens beyond 127.0.0.1.
 */
import net from 'node:net';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security';
import { WEB_EVENTS_PATH, WEB_INVOKE_PATH } from '../../../electron/shared/web-api';
import { WEB_CONTENT_SECURITY_POLICY, startWebServer, type WebServer } from '../../../electron/web/server';
import { stubHandlers, type StubHandlers } from '../../unit/shared/stub-handlers';
import { invokeOverHttp, pageHeaders, request, signIn, tinyRenderer } from './http';

let stub: StubHandlers;
let server: WebServer;
let renderer: ReturnType<typeof tinyRenderer>;

beforeEach(async () => {
  stub = stubHandlers();
  renderer = tinyRenderer();
  server = await startWebServer({
    handlers: stub.handlers,
    onEvent: () => () => undefined,
    rendererDir: renderer.dir,
  });
});

afterEach(async () => {
  await server.close();
  renderer.remove();
});

const invokeBody = JSON.stringify({ channel: 'profiles.list' });

describe('gpjobs ui access', () => {
  it('prints a loopback address whose key is exchanged for a strict session cookie and dropped from the URL', async () => {
    const url = new URL(server.url);
    expect(url.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(url.searchParams.get('key')).toMatch(/^[\w-]{43}$/);
    const answer = await request(server.port, { path: `/${url.search}` });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const cookie = answer.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(
      new RegExp(`^gpjobs-ui-${server.port}=[\\w-]{43}; HttpOnly; SameSite=Strict; Path=/$`),
    );
    expect(cookie).not.toContain(url.searchParams.get('key'));
    for (const path of ['/.//evil.example/', '//evil.example/', '/index.html']) {
      const elsewhere = await request(server.port, { path: `${path}${url.search}` });
      expect(elsewhere.headers.location, path).toBe('/');
    }

    const page = await request(server.port, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(WEB_CONTENT_SECURITY_POLICY);
    expect(page.body).toContain("connect-src 'none'".replace('none', 'self'));
    expect(page.body).not.toContain("connect-src 'none'");
  });

  it("serves the app's CSP with connect-src 'self' as its only difference", () => {
    const differences = WEB_CONTENT_SECURITY_POLICY.split('; ').filter(
      (d) => !CONTENT_SECURITY_POLICY.split('; ').includes(d),
    );
    expect(differences).toEqual(["connect-src 'self'"]);
    expect(WEB_CONTENT_SECURITY_POLICY.split('; ')).toHaveLength(CONTENT_SECURITY_POLICY.split('; ').length);
  });

  it('refuses pages, calls and the event stream without the session cookie, and a wrong key', async () => {
    const page = await request(server.port, {});
    expect(page.status).toBe(401);
    expect(page.body).toContain('open the address gpjobs ui printed');
    const asset = await request(server.port, { path: '/app.js' });
    expect(asset.status).toBe(401);
    const wrongKey = await request(server.port, { path: '/?key=not-the-key' });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.headers['set-cookie']).toBeUndefined();
    const headers = { Origin: server.origin, 'Content-Type': 'application/json' };
    const call = await request(server.port, {
      method: 'POST',
      path: WEB_INVOKE_PATH,
      headers,
      body: invokeBody,
    });
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { kind: 'permission' } });
    const forged = await request(server.port, {
      method: 'POST',
      path: WEB_INVOKE_PATH,
      headers: {
        ...headers,
        Cookie: `gpjobs-ui-${server.port}=${new URL(server.url).searchParams.get('key')}`,
      },
      body: invokeBody,
    });
    expect(forged.status).toBe(401);
    const events = await request(server.port, { path: WEB_EVENTS_PATH });
    expect(events.status).toBe(401);
    expect(stub.totalCalls()).toBe(0);
  });

  it('refuses a forged Host header (DNS rebinding), even with the key or a valid cookie', async () => {
    const cookie = await signIn(server);
    const key = new URL(server.url).search;
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      '127.0.0.1',
    ]) {
      const withKey = await request(server.port, { path: `/${key}`, headers: { Host: host } });
      expect(withKey.status, host).toBe(403);
      expect(withKey.headers['set-cookie'], host).toBeUndefined();
      const page = await request(server.port, { headers: { Host: host, Cookie: cookie } });
      expect(page.status, host).toBe(403);
      const call = await request(server.port, {
        method: 'POST',
        path: WEB_INVOKE_PATH,
        headers: { ...pageHeaders(server, cookie), Host: host, Origin: `http://${host}` },
        body: invokeBody,
      });
      expect(call.status, host).toBe(403);
    }
    expect(stub.totalCalls()).toBe(0);
  });

  it('refuses calls from a foreign Origin, without an Origin, or from another site, and non-JSON bodies', async () => {
    const cookie = await signIn(server);
    const post = (headers: Record<string, string>) =>
      request(server.port, { method: 'POST', path: WEB_INVOKE_PATH, headers, body: invokeBody });
    const own = pageHeaders(server, cookie);
    expect((await post({ ...own, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ ...own, Origin: 'null' })).status).toBe(403);
    expect((await post({ ...own, Origin: `http://localhost:${server.port + 1}` })).status).toBe(403);
    const { Origin: _origin, ...noOrigin } = own;
    expect((await post(noOrigin)).status).toBe(403);
    expect((await post({ ...own, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await post({ ...own, 'Content-Type': 'text/plain' })).status).toBe(415);
    const events = await request(server.port, {
      path: WEB_EVENTS_PATH,
      headers: { Cookie: cookie, Origin: 'http://evil.example' },
    });
    expect(events.status).toBe(403);
    expect(stub.totalCalls()).toBe(0);

    expect(await invokeOverHttp(server, cookie, 'profiles.list', undefined)).toEqual({
      status: 200,
      result: { ok: true, value: null },
    });
    expect(stub.totalCalls()).toBe(1);
  });

  it('listens on 127.0.0.1 only: no other interface or loopback address answers', async () => {
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && i.address !== '127.0.0.1')
      .map((i) => i!.address.split('%')[0]!);
    const candidates = [...new Set(['127.0.0.2', '::1', ...others])];
    for (const address of candidates) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(outcome, address).not.toBe('connected');
    }
    const loopback = await request(server.port, {});
    expect(loopback.status).toBe(401);
  });
});
