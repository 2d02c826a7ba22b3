import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKind, Simulator } from '../../arcgis-sim';
import { startSimulator } from '../../arcgis-sim';
import type { ErrorKind } from '../../../electron/core/types';
import { Clients, expectNoTokenInUrls } from './helpers';

const NON_ADMIN = { username: 'viewer', password: 'viewer-password-1' };
let sim: Simulator;
let service: string;
const clients = new Clients();
const onJobs = (r: { path: string }): boolean => r.path.includes('/jobs/');

beforeAll(async () => {
  sim = await startSimulator({
    seed: 31,
    jobs: 50,
    services: 2,
    nonAdminUser: NON_ADMIN,
    jobDurationMs: Infinity,
  });
  service = sim.services().find((s) => s.asynchronous)!.id;
});

afterEach(async () => {
  sim.clearFaults();
  sim.setAdminDisabled(false);
  await clients.closeAll();
});

afterAll(async () => {
  expectNoTokenInUrls(sim);
  await sim.close();
});

describe('each fault knob maps to the right kind and message', () => {
  const cases: Array<{
    kind: FaultKind;
    error: ErrorKind;
    code?: number;
    transient: boolean;
    message: RegExp;
  }> = [
    {
      kind: 'http500',
      error: 'server',
      code: 500,
      transient: false,
      message: /reported an error \(code 500\)/,
    },
    { kind: 'http502', error: 'server', code: 502, transient: true, message: /code 502/ },
    { kind: 'http503', error: 'server', code: 503, transient: true, message: /code 503/ },
    { kind: 'http504', error: 'server', code: 504, transient: true, message: /code 504/ },
    { kind: 'timeout', error: 'timeout', transient: true, message: /did not answer within/ },
    { kind: 'reset', error: 'network', transient: true, message: /closed the connection/ },
    {
      kind: 'html-login',
      error: 'admin-unreachable',
      transient: false,
      message: /admin API is not reachable at this URL.*6443/,
    },
    { kind: 'malformed-json', error: 'server', transient: true, message: /not valid JSON/ },
  ];
  for (const c of cases) {
    it(`${c.kind} → ${c.error}`, async () => {
      const client = clients.make(sim, {}, { timeoutMs: 500 });
      expect((await client.testConnection()).ok).toBe(true);
      sim.addFault({ kind: c.kind, match: onJobs });
      const r = await client.jobStatistics(service);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.kind).toBe(c.error);
      expect(r.error.message).toMatch(c.message);
      expect(Boolean(r.error.transient)).toBe(c.transient);
      if (c.code !== undefined) expect(r.error.code).toBe(c.code);
    });
  }

  it('reads are retried on 500/502/503/504, HTML or JSON, resets and timeouts, within the attempts', async () => {
    const client = clients.make(sim, {}, { timeoutMs: 500 });
    expect((await client.testConnection()).ok).toBe(true);
    for (const kind of [
      'http500',
      'http500-html',
      'http502',
      'http503',
      'http504',
      'reset',
      'timeout',
    ] as const) {
      sim.addFault({ kind, match: onJobs, count: 3 });
      const from = sim.requests.length;
      expect((await client.jobStatistics(service)).ok, kind).toBe(true);
      expect(sim.requests.length - from, kind).toBe(4);
    }
  });

  it('a service whose pages keep failing is reported with its reason; the other services are listed', async () => {
    const client = clients.make(sim);
    const ids = sim
      .services()
      .filter((s) => s.asynchronous)
      .map((s) => s.id);
    const broken = ids[0]!;
    sim.addFault({ kind: 'http503', match: (r) => r.path.includes(`/${broken}.GPServer/jobs/query`) });
    const r = await client.listJobs({}, ids);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.failures).toEqual([
      {
        service: broken,
        error: expect.objectContaining({ code: 503, message: expect.stringMatching(/after 4 attempts/) }),
      },
    ]);
    expect(r.value.jobs.length).toBe(sim.jobs().filter((j) => j.service !== broken).length);
  });

  it('http500 keeps the server message', async () => {
    sim.addFault({ kind: 'http500', match: onJobs });
    const r = await clients.make(sim).jobStatistics(service);
    expect(r.ok ? null : r.error.serverMessage).toBe('Internal server error.');
  });

  it('a single http498 is absorbed by one refresh', async () => {
    const client = clients.make(sim);
    expect((await client.testConnection()).ok).toBe(true);
    sim.addFault({ kind: 'http498', match: onJobs, count: 1 });
    expect((await client.jobStatistics(service)).ok).toBe(true);
  });

  it('slow answers within the timeout succeed; slower ones time out', async () => {
    const client = clients.make(sim, {}, { timeoutMs: 400 });
    expect((await client.testConnection()).ok).toBe(true);
    sim.addFault({ kind: 'slow', delayMs: 50, match: onJobs, count: 1 });
    expect((await client.jobStatistics(service)).ok).toBe(true);
    // A read that timed out once is asked again (reads are idempotent) ...
    sim.addFault({ kind: 'slow', delayMs: 3000, match: onJobs, count: 1 });
    expect((await client.jobStatistics(service)).ok).toBe(true);
    // ... and one that keeps timing out fails as a timeout after the bounded attempts.
    sim.addFault({ kind: 'slow', delayMs: 3000, match: onJobs });
    const r = await client.jobStatistics(service);
    expect(r.ok ? null : r.error.kind).toBe('timeout');
    expect(r.ok ? '' : r.error.message).toMatch(/after 4 attempts/);
  });

  it('a caller abort is reported as aborted', async () => {
    const client = clients.make(sim);
    expect((await client.testConnection()).ok).toBe(true);
    sim.addFault({ kind: 'timeout', match: onJobs });
    const ac = new AbortController();
    const pending = client.jobStatistics(service, { signal: ac.signal });
    ac.abort();
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });
});

describe('TLS trust', () => {
  it('names the untrusted certificate and says how to trust it; trusting the CA then works', async () => {
    const untrusted = await clients.make(sim, { caCertPem: null }).testConnection();
    expect(untrusted.ok).toBe(false);
    if (untrusted.ok) return;
    expect(untrusted.error.kind).toBe('tls');
    expect(untrusted.error.message).toContain('CN=localhost');
    expect(untrusted.error.message).toContain('CN=ArcGIS Simulator Test CA');
    expect(untrusted.error.message).toMatch(
      /add the issuing CA certificate \(PEM\) to this server's profile/,
    );
    expect((await clients.make(sim, { caCertPem: sim.caPem }).testConnection()).ok).toBe(true);
  });
});

describe('site problems an administrator can act on', () => {
  it('admin disabled at the Web Adaptor → admin-unreachable with the machine URL advice', async () => {
    sim.setAdminDisabled(true);
    const r = await clients.make(sim).testConnection();
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'admin-unreachable',
      message: expect.stringMatching(
        /admin access through the Web Adaptor is often disabled.*https:\/\/machine:6443\/arcgis/,
      ),
    });
  });

  it('a non-admin account connects without admin rights and gets permission errors', async () => {
    const client = clients.make(sim, { username: NON_ADMIN.username }, { password: NON_ADMIN.password });
    const info = await client.testConnection();
    expect(info.ok && info.value).toMatchObject({ isAdmin: false, user: NON_ADMIN.username });
    const r = await client.queryJobs(service, {});
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'permission',
      code: 403,
      message: expect.stringMatching(/administrator account/),
      serverMessage: expect.stringMatching(/does not have permissions/),
    });
  });

  it('a server that is down → network', async () => {
    const client = clients.make(sim);
    await sim.setDown(true);
    const r = await client.testConnection();
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/refused the connection/),
    });
    await sim.setDown(false);
    expect((await client.testConnection()).ok).toBe(true);
  });

  it('a URL that is not an ArcGIS site → not-arcgis', async () => {
    const r = await clients
      .make(sim, { serverUrl: sim.url.replace(/\/arcgis$/, '/nothing') })
      .testConnection();
    expect(r.ok ? null : r.error.kind).toBe('not-arcgis');
  });

  it('a malformed URL → bad-url, without any request', async () => {
    const before = sim.requests.length;
    const r = await clients.make(sim, { serverUrl: 'gis server please' }).testConnection();
    expect(r.ok ? null : r.error.kind).toBe('bad-url');
    expect(sim.requests.length).toBe(before);
  });

  it('refuses to send a password over plain http to another machine', async () => {
    const r = await clients
      .make(
        sim,
        { serverUrl: 'http://gis.invalid/arcgis', authMode: 'server' },
        {
          fetch: async () => {
            throw new Error('no network');
          },
        },
      )
      .queryJobs(service, {});
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'bad-url',
      message: expect.stringMatching(/plain http/),
    });
  });
});
