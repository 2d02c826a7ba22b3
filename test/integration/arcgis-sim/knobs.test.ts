import { connect } from 'node:tls';
import { Agent, fetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../arcgis-sim/index';
import type { SimClient } from './client';
import { simClient, useSim } from './client';

const QUERY = '/services/Tools/Buffer.GPServer/jobs/query';

describe('arcgis-sim faults', () => {
  const site = useSim({ jobs: 50 });

  const query = (): ReturnType<SimClient['admin']> =>
    site.client.admin(QUERY, site.token, { startTime: '0' });

  it('http500 answers a real 500 with a JSON error body in the route shape', async () => {
    site.sim.addFault({ kind: 'http500', count: 1 });
    const answer = await query();
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ status: 'error', messages: ['Internal server error.'], code: 500 });
    expect((await query()).status).toBe(200);
  });

  it.each([502, 503, 504])('http%i answers the proxy HTML error page', async (status) => {
    site.sim.addFault({ kind: `http${status}` as 'http502', count: 1 });
    const answer = await query();
    expect(answer.status).toBe(status);
    expect(answer.contentType).toContain('text/html');
  });

  it('timeout never answers; the client gives up and the request leaves the in-flight count', async () => {
    site.sim.addFault({ kind: 'timeout', count: 1, match: (r) => r.path.endsWith('/rest/info') });
    const arrived = new Promise<void>((resolve) => {
      const stop = site.sim.onRequest((r) => {
        if (!r.url.includes('/rest/info')) return;
        stop();
        resolve();
      });
    });
    const abort = new AbortController();
    const dispatcher = new Agent({ connect: { ca: site.sim.caPem } });
    const hung = fetch(`${site.sim.url}/rest/info?f=json`, { signal: abort.signal, dispatcher }).catch(
      (e: Error) => e.name,
    );
    await arrived;
    expect((await query()).status).toBe(200);
    const pending = Symbol('pending');
    expect(await Promise.race([hung, pending])).toBe(pending);
    expect(site.sim.stats.inFlight).toBeGreaterThanOrEqual(1);
    abort.abort();
    expect(await hung).toBe('AbortError');
    await site.sim.waitForIdle();
    expect(site.sim.stats.inFlight).toBe(0);
    await dispatcher.close();
  });

  it('a request whose body is cut off mid-way gets no answer, leaves the in-flight count and harms nothing', async () => {
    const url = new URL(site.sim.url);
    const socket = connect({
      host: url.hostname,
      port: Number(url.port),
      ca: site.sim.caPem,
      servername: 'localhost',
    });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      `POST ${url.pathname}/admin${QUERY} HTTP/1.1\r\nHost: ${url.host}\r\n` +
        'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nf=json&tok',
    );
    // A whole request on another connection, sent after the cut-off one: answered while that one waits.
    expect((await query()).status).toBe(200);
    expect(site.sim.stats.inFlight).toBe(1);
    socket.destroy();
    await closed;
    await site.sim.waitForIdle();
    expect(site.sim.stats.inFlight).toBe(0);
    expect((await query()).status).toBe(200);
  });

  it('reset destroys the connection', async () => {
    site.sim.addFault({ kind: 'reset', count: 1 });
    await expect(query()).rejects.toThrow(/fetch failed/);
    expect((await query()).status).toBe(200);
  });

  it('html-login answers a 200 HTML login page', async () => {
    site.sim.addFault({ kind: 'html-login', count: 1 });
    const answer = await query();
    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain('text/html');
    expect(answer.text).toContain('Login');
  });

  it('malformed-json answers 200 JSON that does not parse', async () => {
    site.sim.addFault({ kind: 'malformed-json', count: 1 });
    const answer = await query();
    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain('application/json');
    expect(answer.json).toBeUndefined();
    expect(() => JSON.parse(answer.text)).toThrow();
  });

  it('http498 answers a real HTTP 498 with the admin or REST token error body', async () => {
    site.sim.addFault({ kind: 'http498', count: 2 });
    const admin = await query();
    expect(admin.status).toBe(498);
    expect(admin.json).toEqual({ status: 'error', messages: ['Invalid token.'], code: 498 });
    const rest = await site.client.get('/rest/info', { f: 'json' });
    expect(rest.status).toBe(498);
    expect(rest.json).toEqual({ error: { code: 498, message: 'Invalid token.', details: [] } });
  });

  it('slow answers normally after delayMs', async () => {
    site.sim.addFault({ kind: 'slow', delayMs: 60, count: 1 });
    const started = performance.now();
    const answer = await query();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(answer.json.total).toBeGreaterThan(0);
  });

  it('slow with until holds the answer until the test releases it, then answers normally', async () => {
    let release = (): void => undefined;
    // delayMs 0 beside until: were until ignored, the held request would answer at once, before the next.
    const until = new Promise<void>((r) => (release = r));
    site.sim.addFault({ kind: 'slow', until, delayMs: 0, count: 1 });
    let answered = false;
    const pending = query().then((a) => ((answered = true), a));
    await new Promise<void>((resolve) => {
      const stop = site.sim.onRequest(() => (stop(), resolve()));
    });
    // A second request, past the fault's count, is answered while the first is still held.
    expect((await query()).json.total).toBeGreaterThan(0);
    expect([answered, site.sim.stats.inFlight]).toEqual([false, 1]);
    release();
    expect((await pending).json.total).toBeGreaterThan(0);
  });

  it('match limits a fault to the requests it selects; the remover and clearFaults end it', async () => {
    const remove = site.sim.addFault({ kind: 'http503', match: (r) => r.path.endsWith('/delete') });
    expect((await query()).status).toBe(200);
    const del = await site.client.admin('/services/Tools/Buffer.GPServer/jobs/jx/delete', site.token);
    expect(del.status).toBe(503);
    remove();
    expect(
      (await site.client.admin('/services/Tools/Buffer.GPServer/jobs/jx/delete', site.token)).status,
    ).toBe(200);
    site.sim.addFault({ kind: 'http503', match: (r) => r.params.startTime === '0' });
    expect((await query()).status).toBe(503);
    site.sim.clearFaults();
    expect((await query()).status).toBe(200);
  });

  it('count hits only the first N matching requests', async () => {
    site.sim.addFault({ kind: 'http500', count: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await query()).status);
    expect(statuses).toEqual([500, 500, 500, 200, 200]);
  });

  it('rate draws from the seeded RNG: the same seed gives the same pattern', async () => {
    const pattern = async (): Promise<number[]> => {
      const s = await startSimulator({ jobs: 10, seed: 5, https: false });
      const c = simClient(s);
      const t = await c.token();
      s.addFault({ kind: 'http503', rate: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await c.admin(QUERY, t, { startTime: '0' })).status);
      await c.close();
      await s.close();
      return out;
    };
    const first = await pattern();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });
});

describe('arcgis-sim realism knobs', () => {
  it('latencyMs delays every answer; setLatency changes it', async () => {
    const sim = await startSimulator({ jobs: 5, https: false, latencyMs: 50 });
    const client = simClient(sim);
    let started = performance.now();
    await client.get('/rest/info', { f: 'json' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    sim.setLatency(0);
    started = performance.now();
    await client.get('/rest/info', { f: 'json' });
    expect(performance.now() - started).toBeLessThan(45);
    await client.close();
    await sim.close();
  });

  it('capacity queues requests beyond it; maxInFlight counts every open request', async () => {
    const sim = await startSimulator({ jobs: 5, https: false, latencyMs: 40, capacity: 2 });
    const client = simClient(sim);
    sim.resetStats();
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => client.get('/rest/info', { f: 'json' })),
    );
    const elapsed = performance.now() - started;
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(3 * 40 - 5);
    expect(sim.stats).toMatchObject({ total: 6, maxInFlight: 6, inFlight: 0 });
    sim.resetStats();
    expect(sim.stats).toEqual({ inFlight: 0, maxInFlight: 0, total: 0 });
    await client.close();
    await sim.close();
  });

  it('setDown closes the listener (connection refused) and setDown(false) listens again on the same port', async () => {
    const sim = await startSimulator({ jobs: 5 });
    const client = simClient(sim);
    expect((await client.get('/rest/info', { f: 'json' })).status).toBe(200);
    await sim.setDown(true);
    const refused = await client
      .get('/rest/info', { f: 'json' })
      .catch((e: Error & { cause?: { code?: string } }) => e);
    expect((refused as Error & { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    await sim.setDown(false);
    expect((await client.get('/rest/info', { f: 'json' })).status).toBe(200);
    expect(new URL(sim.url).port).toBe(String(sim.port));
    await client.close();
    await sim.close();
  });

  it('setAdminDisabled answers /admin with the Web Adaptor HTML page; REST keeps working', async () => {
    const sim = await startSimulator({ jobs: 5 });
    const client = simClient(sim);
    const token = await client.token();
    sim.setAdminDisabled(true);
    const admin = await client.admin('/services', token);
    expect(admin.status).toBe(403);
    expect(admin.contentType).toContain('text/html');
    expect((await client.post('/admin/generateToken', { f: 'json' })).contentType).toContain('text/html');
    expect((await client.get('/rest/info', { f: 'json' })).json.currentVersion).toBe(11.1);
    sim.setAdminDisabled(false);
    expect((await client.admin('/services', token)).json.folderName).toBe('/');
    await client.close();
    await sim.close();
  });

  it('records every request: method, url as received, headers, body and merged params', async () => {
    const sim = await startSimulator({ jobs: 5, https: false, maxRecordedRequests: 5 });
    const client = simClient(sim);
    await client.post('/admin/services?f=json', { token: 'abc' });
    const [recorded] = sim.requests;
    expect(recorded).toMatchObject({
      method: 'POST',
      url: '/arcgis/admin/services?f=json',
      body: 'token=abc',
      params: { f: 'json', token: 'abc' },
    });
    expect(recorded!.headers['content-type']).toContain('application/x-www-form-urlencoded');
    for (let i = 0; i < 20; i++) await client.get('/rest/info', { f: 'json', n: String(i) });
    expect(sim.requests.length).toBeLessThanOrEqual(6);
    expect(sim.requests.at(-1)!.params.n).toBe('19');
    await client.close();
    await sim.close();
  });
});
