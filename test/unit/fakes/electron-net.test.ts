/**
 * The fake Electron's `net.request` keeps the ClientRequest contract Electron documents
 * (docs/api/client-request.md): these tests pin the parts the app's transport does not exercise itself, so
 * the fake stays faithful where a future caller might lean on it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeElectron,
  type FakeClientRequest,
  type FakeIncomingMessage,
} from '../../fakes/electron/index';

const electron = createFakeElectron();
let base: string;
const received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (req.url === '/moved') {
      res.writeHead(302, { location: '/target', 'set-cookie': ['a=1', 'b=2'] });
      res.end();
    } else {
      res.setHeader('Set-Cookie', ['x=1', 'y=2']);
      res.setHeader('X-Twice', ['one', 'two']);
      res.setHeader('Content-Type', 'text/plain');
      res.end(`${req.method} ${req.url} ${body}`);
    }
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await electron.app.whenReady();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function request(options: Parameters<typeof electron.net.request>[0]): FakeClientRequest {
  return electron.net.request(options);
}

function responseOf(req: FakeClientRequest): Promise<{ response: FakeIncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    req.on('response', (response: FakeIncomingMessage) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ response, body }));
    });
    req.on('error', reject);
  });
}

describe('fake net.request', () => {
  it('is refused before the app is ready, and for schemes other than http and https', () => {
    const early = createFakeElectron();
    expect(() => early.net.request(base)).toThrow(/after app is ready/);
    expect(() => request('ftp://127.0.0.1/x')).toThrow(
      'ClientRequest only supports http: and https: protocols',
    );
    void early.app.whenReady().then(() => early.app.exit(0));
  });

  it('sends headers and a buffered body; headers cannot change once the body is being written', async () => {
    const req = request({ url: `${base}/echo`, method: 'POST' });
    req.setHeader('X-Token-Free', 'yes');
    expect(req.getHeader('x-token-free')).toBe('yes');
    req.write('a=1');
    expect(() => req.setHeader('X-Late', 'no')).toThrow("Can't set headers after they are sent");
    const answer = responseOf(req);
    req.end('&b=2');
    const { response, body } = await answer;
    expect(body).toBe('POST /echo a=1&b=2');
    expect(received.at(-1)?.headers['x-token-free']).toBe('yes');
    expect(received.at(-1)?.headers['content-length']).toBe('7');
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toEqual(['x=1', 'y=2']);
    expect(response.headers['x-twice']).toBe('one, two');
    expect(response.headers['content-type']).toBe('text/plain');
  });

  it('streams a chunked body, each write sent as it comes', async () => {
    const req = request({ url: `${base}/chunked`, method: 'POST' });
    req.chunkedEncoding = true;
    expect(() => (req.chunkedEncoding = false)).toThrow('chunkedEncoding can only be set once');
    const answer = responseOf(req);
    req.write('one ');
    req.write('two');
    req.end();
    expect((await answer).body).toBe('POST /chunked one two');
    expect(received.at(-1)?.headers['transfer-encoding']).toBe('chunked');
  });

  it('reports a manual redirect with its details and cancels it unless followed in the listener', async () => {
    const cancelled = request({ url: `${base}/moved`, redirect: 'manual' });
    const seen: unknown[] = [];
    cancelled.on('redirect', (...details: unknown[]) => seen.push(details));
    const failed = new Promise<Error>((resolve) => cancelled.on('error', resolve));
    cancelled.end();
    await expect(failed).resolves.toHaveProperty('message', 'Redirect was cancelled');
    expect(seen).toEqual([
      [
        302,
        'GET',
        `${base}/target`,
        expect.objectContaining({ location: ['/target'], 'set-cookie': ['a=1', 'b=2'] }),
      ],
    ]);

    const followed = request({ url: `${base}/moved`, redirect: 'manual' });
    followed.on('redirect', () => followed.followRedirect());
    const answer = responseOf(followed);
    followed.end();
    expect((await answer).body).toBe('GET /target ');
    expect(() => followed.followRedirect()).toThrow('not waiting for a redirect');
  });

  it("follows redirects by default and fails them under redirect: 'error'", async () => {
    const followed = request(`${base}/moved`);
    const answer = responseOf(followed);
    followed.end();
    expect((await answer).body).toBe('GET /target ');

    const refused = request({ url: `${base}/moved`, redirect: 'error' });
    const failed = new Promise<Error>((resolve) => refused.on('error', resolve));
    refused.end();
    await expect(failed).resolves.toHaveProperty(
      'message',
      "Attempted to redirect, but redirect policy was 'error'",
    );
  });

  it("emits 'abort' on the next tick after abort(), and never a response", async () => {
    const req = request(`${base}/echo`);
    let responded = false;
    req.on('response', () => (responded = true));
    const aborted = new Promise<void>((resolve) => req.on('abort', resolve));
    req.end();
    req.abort();
    await aborted;
    expect(responded).toBe(false);
  });

  it("reports a refused connection with Chromium's error name", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const req = request(`http://127.0.0.1:${port}/`);
    const failed = new Promise<Error>((resolve) => req.on('error', resolve));
    req.end();
    await expect(failed).resolves.toHaveProperty('message', 'net::ERR_CONNECTION_REFUSED');
  });
});
