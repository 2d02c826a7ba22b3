/**
 * The transport test suite, run against every `FetchLike` the app ships: the Node transport (undici) and the
 * Electron one (`net.request`, under the fake Electron here or the real one where its binary exists). Both
 * talk real TLS: to a local HTTPS server whose routes the tests pick by path, signed by a throwaway CA, and
 * to the ArcGIS Server simulator (its own CA). A second server with a CA nobody trusts checks that an
 * untrusted certificate is reported as such.
 */
import { getEventListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../../electron/core/arcgis/transport';
import { APP_REFERER, encodeForm, postForm } from '../../../../electron/core/arcgis/transport';
import { startSimulator, type Simulator } from '../../../arcgis-sim/index';
import { generateTls, type SimTls } from '../../../arcgis-sim/tls';

/** A transport under test and how to release it. */
export interface TransportUnderTest {
  fetch: FetchLike;
  close(): Promise<void>;
}

/** Builds the transport, trusting exactly the given CA certificates (PEM) besides the system's. */
export type TransportFactory = (trustedCaPems: string[]) => Promise<TransportUnderTest>;

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local HTTPS server with the routes the suite needs. */
async function startRoutes(tlsMaterial: SimTls) {
  const seen: Seen[] = [];
  const hung: http.ServerResponse[] = [];
  const hangWaiters: Array<() => void> = [];
  const partialClosed: Array<() => void> = [];
  const server = https.createServer({ cert: tlsMaterial.certPem, key: tlsMaterial.keyPem }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      if (req.url === '/big-declared') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5000) });
        res.end('x'.repeat(5000));
      } else if (req.url === '/big-streamed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 10; i++) res.write('y'.repeat(1000));
        res.end();
      } else if (req.url === '/hang') {
        hung.push(res);
        hangWaiters.splice(0).forEach((w) => w());
      } else if (req.url === '/web-tier') {
        // IIS with Integrated Windows Authentication: two schemes, two headers.
        res.writeHead(401, { 'content-type': 'text/html', 'www-authenticate': ['Negotiate', 'NTLM'] });
        res.end('<h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2>');
      } else if (req.url === '/busy' || req.url === '/limited' || req.url === '/failing') {
        // A front end asking to be retried later: 503 (a recycling app pool), 429 (a gateway's rate limit).
        const status = req.url === '/busy' ? 503 : req.url === '/limited' ? 429 : 500;
        res.writeHead(status, { 'content-type': 'text/html', 'retry-after': '17' });
        res.end(`<h1>${status}</h1>`);
      } else if (req.url === '/headers') {
        res.setHeader('X-Mixed-Case', 'yes');
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.end('');
      } else if (req.url === '/partial') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"partial":');
        res.on('close', () => partialClosed.splice(0).forEach((w) => w()));
      } else if (req.url === '/redirect') {
        res.writeHead(302, { location: 'https://elsewhere.example/login' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"success"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  /** Resolves once `n` requests to /hang are held. */
  const held = (n: number): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => void (hung.length >= n ? resolve() : hangWaiters.push(check));
      check();
    });
  return {
    base: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    held,
    hangWaiters,
    partialClosed,
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const noProbe = async () => null;

/** Registers the suite for one transport. */
export function describeTransport(name: string, factory: TransportFactory): void {
  let routes: Awaited<ReturnType<typeof startRoutes>>;
  let untrusted: Awaited<ReturnType<typeof startRoutes>>;
  let material: SimTls[] = [];
  let sim: Simulator;
  let transport: TransportUnderTest;

  beforeAll(async () => {
    material = await Promise.all([generateTls(), generateTls()]);
    [routes, untrusted, sim] = await Promise.all([
      startRoutes(material[0]!),
      startRoutes(material[1]!),
      startSimulator({ seed: 7, jobs: 20 }),
    ]);
    transport = await factory([material[0]!.caPem, sim.caPem]);
  });

  afterAll(async () => {
    await transport?.close();
    await Promise.all([routes?.close(), untrusted?.close(), sim?.close()]);
    await Promise.all(material.map((m) => m.dispose()));
  });

  const req = (path: string, extra: Partial<Parameters<typeof postForm>[1]> = {}) => ({
    url: `${routes.base}${path}`,
    params: { f: 'json', token: 'secret token&x=1', skip: undefined },
    timeoutMs: 5000,
    maxBytes: 4096,
    ...extra,
  });

  describe(`postForm over ${name}`, () => {
    it('POSTs a urlencoded form with the app referer and nothing in the URL', async () => {
      const r = await postForm(transport.fetch, req('/ok'), noProbe);
      expect(r.ok && r.value.text).toBe('{"status":"success"}');
      const got = routes.seen.at(-1)!;
      expect(got.url).toBe('/ok');
      expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(got.headers.referer).toBe(APP_REFERER);
      expect(new URLSearchParams(got.body).get('token')).toBe('secret token&x=1');
      expect(new URLSearchParams(got.body).has('skip')).toBe(false);
    });

    it('refuses a body whose declared length exceeds the cap', async () => {
      const r = await postForm(transport.fetch, req('/big-declared'), noProbe);
      expect(r.ok ? null : r.error).toMatchObject({
        kind: 'server',
        message: expect.stringMatching(/larger than/),
      });
    });

    it('stops reading a streamed body once it exceeds the cap', async () => {
      const r = await postForm(transport.fetch, req('/big-streamed'), noProbe);
      expect(r.ok ? null : r.error.message).toMatch(/larger than/);
    });

    it('times out a server that never answers', async () => {
      const r = await postForm(transport.fetch, req('/hang', { timeoutMs: 200 }), noProbe);
      expect(r.ok ? null : r.error).toMatchObject({ kind: 'timeout', transient: true });
    });

    it('reports a caller abort as aborted, not as a timeout', async () => {
      const ac = new AbortController();
      const arrived = new Promise<void>((resolve) => routes.hangWaiters.push(resolve));
      const pending = postForm(transport.fetch, req('/hang', { signal: ac.signal }), noProbe);
      await arrived;
      ac.abort();
      const r = await pending;
      expect(r.ok ? null : r.error.kind).toBe('aborted');
    });

    it('sends nothing for a caller signal that has already aborted', async () => {
      const before = routes.seen.length;
      const r = await postForm(transport.fetch, req('/ok', { signal: AbortSignal.abort() }), noProbe);
      expect(r.ok ? null : r.error.kind).toBe('aborted');
      const after = await postForm(transport.fetch, req('/ok'), noProbe);
      expect(after.ok).toBe(true);
      expect(routes.seen.length).toBe(before + 1);
    });

    it('one abort cancels every request made under the signal', async () => {
      const ac = new AbortController();
      const heldBefore = routes.seen.filter((s) => s.url === '/hang').length;
      const pending = [1, 2, 3].map(() =>
        postForm(transport.fetch, req('/hang', { signal: ac.signal }), noProbe),
      );
      await routes.held(heldBefore + 3);
      ac.abort();
      const results = await Promise.all(pending);
      expect(results.map((r) => (r.ok ? null : r.error.kind))).toEqual(['aborted', 'aborted', 'aborted']);
    });

    it('a signal shared by many requests keeps at most one abort listener', async () => {
      const ac = new AbortController();
      for (let i = 0; i < 5; i++) {
        const r = await postForm(transport.fetch, req('/ok', { signal: ac.signal }), noProbe);
        expect(r.ok).toBe(true);
      }
      expect(getEventListeners(ac.signal, 'abort').length).toBeLessThanOrEqual(1);
    });

    it('does not follow a redirect', async () => {
      const before = routes.seen.length;
      const r = await postForm(transport.fetch, req('/redirect'), noProbe);
      expect(r.ok && r.value.status).toBe(302);
      expect(r.ok && r.value.location).toBe('https://elsewhere.example/login');
      expect(routes.seen.length).toBe(before + 1);
    });

    it("carries a 401's WWW-Authenticate schemes, the sign-in a front end asks for", async () => {
      const r = await postForm(transport.fetch, req('/web-tier'), noProbe);
      expect(r.ok && r.value.status).toBe(401);
      expect(r.ok && r.value.authenticate).toMatch(/^Negotiate,\s*NTLM$/);
      const plain = await postForm(transport.fetch, req('/ok'), noProbe);
      expect(plain.ok && (plain.value.authenticate ?? null)).toBeNull();
    });

    it("carries a 429's or 503's Retry-After, and no other status's", async () => {
      for (const [path, value] of [
        ['/busy', '17'],
        ['/limited', '17'],
        ['/failing', null],
        ['/ok', null],
      ] as const) {
        const r = await postForm(transport.fetch, req(path), noProbe);
        expect(r.ok && (r.value.retryAfter ?? null), path).toBe(value);
      }
    });

    it('reports a refused connection as network', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const r = await postForm(transport.fetch, req('/x', { url: `https://127.0.0.1:${port}/x` }), noProbe);
      expect(r.ok ? null : r.error).toMatchObject({
        kind: 'network',
        message: expect.stringMatching(/refused/),
      });
    });

    it('reports a certificate from an untrusted CA as tls, without sending the form', async () => {
      const r = await postForm(transport.fetch, req('/ok', { url: `${untrusted.base}/ok` }), noProbe);
      expect(r.ok ? null : r.error).toMatchObject({
        kind: 'tls',
        message: expect.stringMatching(/not trusted/),
      });
      expect(untrusted.seen).toEqual([]);
    });
  });

  describe(`${name} against the ArcGIS Server simulator`, () => {
    it('gets a token with the credentials in the POST body only', async () => {
      const r = await postForm(
        transport.fetch,
        {
          url: `${sim.url}/admin/generateToken`,
          params: {
            username: sim.username,
            password: sim.password,
            client: 'referer',
            referer: APP_REFERER,
            f: 'json',
          },
          timeoutMs: 5000,
          maxBytes: 65536,
        },
        noProbe,
      );
      expect(r.ok && r.value.status).toBe(200);
      expect(r.ok && JSON.parse(r.value.text)).toMatchObject({ token: expect.any(String) });
      const recorded = sim.requests.at(-1)!;
      expect(recorded.url).not.toContain(sim.password);
      expect(recorded.headers.referer).toBe(APP_REFERER);
    });

    /** Posts to rest/info once while the server misbehaves as `kind` says. */
    const infoWithFault = async (kind: 'reset' | 'timeout', timeoutMs: number) => {
      const remove = sim.addFault({ kind, count: 1 });
      const r = await postForm(
        transport.fetch,
        { url: `${sim.url}/rest/info`, params: { f: 'json' }, timeoutMs, maxBytes: 65536 },
        noProbe,
      );
      remove();
      return r;
    };

    it('reports a connection the server resets as network', async () => {
      const r = await infoWithFault('reset', 5000);
      expect(r.ok ? null : r.error.kind).toBe('network');
    });

    it('times out a server that holds the request', async () => {
      const r = await infoWithFault('timeout', 300);
      expect(r.ok ? null : r.error).toMatchObject({ kind: 'timeout', transient: true });
    });
  });

  describe(`${name} as a fetch`, () => {
    const post = (path: string, signal?: AbortSignal) =>
      transport.fetch(`${routes.base}${path}`, {
        method: 'POST',
        headers: {},
        body: 'f=json',
        redirect: 'manual',
        ...(signal ? { signal } : {}),
      });

    it('reads response headers case-insensitively, repeated ones joined', async () => {
      const res = await post('/headers');
      await res.body?.getReader().cancel();
      expect(res.status).toBe(200);
      expect(res.statusText).toBe('OK');
      expect(res.headers.get('x-mixed-case')).toBe('yes');
      expect(res.headers.get('X-MIXED-CASE')).toBe('yes');
      expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
      expect(res.headers.get('absent')).toBeNull();
    });

    it('streams the body through getReader until done', async () => {
      const res = await post('/big-streamed');
      const reader = res.body!.getReader();
      let size = 0;
      for (let r = await reader.read(); !r.done; r = await reader.read()) size += r.value?.byteLength ?? 0;
      expect(size).toBe(10_000);
    });

    it('returns a redirect as its own response with its location', async () => {
      const res = await post('/redirect');
      await res.body?.getReader().cancel();
      expect(res.status).toBe(302);
      expect(res.headers.get('Location')).toBe('https://elsewhere.example/login');
    });

    it('frees the connection of a cancelled body for the next request', async () => {
      // More unfinished bodies than a pool of concurrency 2 + 2 has connections: each must be released.
      for (let i = 0; i < 6; i++) await (await post('/partial')).body?.getReader().cancel();
      const res = await post('/ok');
      const r = await res.body!.getReader().read();
      expect(Buffer.from(r.value!).toString()).toBe('{"status":"success"}');
    });

    it('an abort after the headers ends the body read and closes the request', async () => {
      const ac = new AbortController();
      const closed = new Promise<void>((resolve) => routes.partialClosed.push(resolve));
      const res = await post('/partial', ac.signal);
      const reader = res.body!.getReader();
      expect(Buffer.from((await reader.read()).value!).toString()).toBe('{"partial":');
      const pending = reader.read();
      ac.abort(new Error('stop'));
      await expect(pending).rejects.toThrow('stop');
      await closed;
    });
  });

  describe('encodeForm', () => {
    it('encodes values and skips undefined ones', () => {
      expect(encodeForm({ a: 'x y', b: 2, c: true, d: undefined })).toBe('a=x+y&b=2&c=true');
    });
  });
}
