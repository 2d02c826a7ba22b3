import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeFetch } from '../../../../electron/core/arcgis/transport';
import {
  APP_REFERER,
  createNodeFetch,
  encodeForm,
  postForm,
} from '../../../../electron/core/arcgis/transport';

/** A real local HTTP server whose routes the tests pick by path. */
let server: http.Server;
let base: string;
let fetchFn: NodeFetch;
const seen: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
const hung: http.ServerResponse[] = [];
const hangWaiters: Array<() => void> = [];
const partialClosed: Array<() => void> = [];
const noProbe = async () => null;

beforeAll(async () => {
  server = http.createServer((req, res) => {
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
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fetchFn = createNodeFetch({ caCertPem: null, concurrency: 2 });
});

afterAll(async () => {
  for (const res of hung) res.destroy();
  await fetchFn.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const req = (path: string, extra: Partial<Parameters<typeof postForm>[1]> = {}) => ({
  url: `${base}${path}`,
  params: { f: 'json', token: 'secret token&x=1', skip: undefined },
  timeoutMs: 5000,
  maxBytes: 4096,
  ...extra,
});

describe('postForm over the Node transport', () => {
  it('POSTs a urlencoded form with the app referer and nothing in the URL', async () => {
    const r = await postForm(fetchFn, req('/ok'), noProbe);
    expect(r.ok && r.value.text).toBe('{"status":"success"}');
    const got = seen.at(-1)!;
    expect(got.url).toBe('/ok');
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(got.headers.referer).toBe(APP_REFERER);
    expect(new URLSearchParams(got.body).get('token')).toBe('secret token&x=1');
    expect(new URLSearchParams(got.body).has('skip')).toBe(false);
  });

  it('refuses a body whose declared length exceeds the cap', async () => {
    const r = await postForm(fetchFn, req('/big-declared'), noProbe);
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'server',
      message: expect.stringMatching(/larger than/),
    });
  });

  it('stops reading a streamed body once it exceeds the cap', async () => {
    const r = await postForm(fetchFn, req('/big-streamed'), noProbe);
    expect(r.ok ? null : r.error.message).toMatch(/larger than/);
  });

  it('times out a server that never answers', async () => {
    const r = await postForm(fetchFn, req('/hang', { timeoutMs: 200 }), noProbe);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'timeout', transient: true });
  });

  it('reports a caller abort as aborted, not as a timeout', async () => {
    const ac = new AbortController();
    const arrived = new Promise<void>((resolve) => hangWaiters.push(resolve));
    const pending = postForm(fetchFn, req('/hang', { signal: ac.signal }), noProbe);
    await arrived;
    ac.abort();
    const r = await pending;
    expect(r.ok ? null : r.error.kind).toBe('aborted');
  });

  it('does not follow a redirect', async () => {
    const before = seen.length;
    const r = await postForm(fetchFn, req('/redirect'), noProbe);
    expect(r.ok && r.value.status).toBe(302);
    expect(r.ok && r.value.location).toBe('https://elsewhere.example/login');
    expect(seen.length).toBe(before + 1);
  });

  it('reports a refused connection as network', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await postForm(fetchFn, req('/x', { url: `http://127.0.0.1:${port}/x` }), noProbe);
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/refused/),
    });
  });
});

describe('createNodeFetch (undici dispatcher)', () => {
  const post = (path: string, signal?: AbortSignal) =>
    fetchFn(`${base}${path}`, {
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
    // More unfinished bodies than the pool has connections (concurrency 2 + 2): each must be released.
    for (let i = 0; i < 6; i++) await (await post('/partial')).body?.getReader().cancel();
    const res = await post('/ok');
    const r = await res.body!.getReader().read();
    expect(Buffer.from(r.value!).toString()).toBe('{"status":"success"}');
  });

  it('an abort after the headers ends the body read and closes the request', async () => {
    const ac = new AbortController();
    const closed = new Promise<void>((resolve) => partialClosed.push(resolve));
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
