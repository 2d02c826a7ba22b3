import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim';
import { startSimulator } from '../../arcgis-sim';
import { APP_REFERER } from '../../../electron/core/arcgis/transport';
import type { FetchLike } from '../../../electron/core/arcgis/transport';
import { createNodeFetch } from '../../../electron/core/arcgis';
import { ArcGisClient } from '../../../electron/core/arcgis/client';
import { ok } from '../../../electron/core/types';
import {
  Clients,
  apiRequests,
  expectNoTokenInUrls,
  profileFor,
  requestsDuring,
  tokenRequests,
} from './helpers';

const SERVICE_COUNT = 4;
let sim: Simulator;
let fed: Simulator;
const clients = new Clients();
let firstService: string;

beforeAll(async () => {
  [sim, fed] = await Promise.all([
    startSimulator({ seed: 11, jobs: 60, services: SERVICE_COUNT }),
    startSimulator({ seed: 12, jobs: 30, services: 2, federated: true }),
  ]);
  firstService = sim.services().find((s) => s.type === 'GPServer' && s.asynchronous)!.id;
});

afterEach(async () => {
  sim.clearFaults();
  fed.clearFaults();
  await clients.closeAll();
});

afterAll(async () => {
  expectNoTokenInUrls(sim);
  expectNoTokenInUrls(fed);
  await Promise.all([sim.close(), fed.close()]);
});

describe('standalone server tokens', () => {
  it('generates an admin token bound to the app referer and uses it', async () => {
    const client = clients.make(sim);
    const before = sim.requests.length;
    const info = await client.testConnection();
    expect(info).toEqual(
      ok({ version: '11.1.0', federated: false, portalUrl: null, isAdmin: true, user: sim.username }),
    );
    const gen = tokenRequests(sim).filter((r) => sim.requests.indexOf(r) >= before);
    expect(gen).toHaveLength(1);
    expect(gen[0]!.url).toBe('/arcgis/admin/generateToken');
    expect(gen[0]!.params).toMatchObject({
      client: 'referer',
      referer: APP_REFERER,
      username: sim.username,
      f: 'json',
    });
    for (const r of sim.requests.slice(before)) expect(r.headers.referer).toBe(APP_REFERER);
  });

  it('reuses the cached token across calls', async () => {
    const client = clients.make(sim);
    const before = tokenRequests(sim).length;
    for (let i = 0; i < 3; i++) expect((await client.jobStatistics(firstService)).ok).toBe(true);
    expect(tokenRequests(sim).length - before).toBe(1);
  });

  it('falls back to /tokens/generateToken when the admin token service is missing', async () => {
    const client = clients.make(sim);
    const remove = sim.addFault({
      kind: 'html-login',
      match: (r) => r.path === '/arcgis/admin/generateToken',
    });
    const before = sim.requests.length;
    const r = await client.jobStatistics(firstService);
    remove();
    expect(r.ok).toBe(true);
    expect(
      tokenRequests(sim)
        .slice(-2)
        .map((x) => x.url),
    ).toEqual(['/arcgis/admin/generateToken', '/arcgis/tokens/generateToken']);
    expect(sim.requests.length - before).toBe(3);
  });

  it('rejects a wrong password with an auth error that says so', async () => {
    const client = clients.make(sim, {}, { password: 'wrong-password' });
    const r = await client.testConnection();
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/check the user name and password/),
      serverMessage: expect.stringMatching(/Invalid username or password/),
    });
  });
});

describe('federated servers', () => {
  it('gets a portal token discovered from rest/info and uses it on the admin API', async () => {
    const client = clients.make(fed, { authMode: 'portal' });
    const info = await client.testConnection();
    expect(info).toEqual(
      ok({ version: '11.1.0', federated: true, portalUrl: fed.portalUrl, isAdmin: true, user: fed.username }),
    );
    const gen = tokenRequests(fed);
    expect(gen.at(-1)!.url).toBe('/portal/sharing/rest/generateToken');
    expect(gen.at(-1)!.params).toMatchObject({ client: 'referer', referer: APP_REFERER });
    expect((await client.discoverServices()).ok).toBe(true);
  });

  it('uses the profile portal URL when one is given', async () => {
    const client = clients.make(fed, { authMode: 'portal', portalUrl: fed.portalUrl });
    const before = fed.requests.length;
    expect((await client.discoverServices()).ok).toBe(true);
    const seen = fed.requests.slice(before).map((r) => r.url);
    expect(seen).not.toContain('/arcgis/rest/info');
    expect(seen[0]).toBe('/portal/sharing/rest/generateToken');
  });

  it('explains that a standalone server has no portal', async () => {
    const r = await clients.make(sim, { authMode: 'portal' }).testConnection();
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/not federated/),
    });
  });
});

describe('expiry and refresh', () => {
  it('refreshes ONCE after the server expires every token mid-session', async () => {
    const client = clients.make(sim);
    expect((await client.jobStatistics(firstService)).ok).toBe(true);
    sim.expireTokens();
    const stats = () => client.jobStatistics(firstService).then((r) => expect(r.ok).toBe(true));
    // The call that is refused for the expired token, one new token, and the call again.
    expect(await requestsDuring(sim, stats)).toEqual({ tokens: 1, api: 2 });
  });

  it('shares one refresh among concurrent calls after expiry', async () => {
    const client = clients.make(sim);
    expect((await client.jobStatistics(firstService)).ok).toBe(true);
    sim.expireTokens();
    const before = tokenRequests(sim).length;
    const results = await Promise.all(Array.from({ length: 12 }, () => client.jobStatistics(firstService)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(tokenRequests(sim).length - before).toBe(1);
  });

  it('refreshes proactively a minute before expiry, without a rejected call', async () => {
    const clock = { offset: 0 };
    const client = clients.make(sim, {}, { now: () => Date.now() + clock.offset });
    expect((await client.jobStatistics(firstService)).ok).toBe(true);
    const gen = tokenRequests(sim).at(-1)!;
    expect(Number(gen.params.expiration)).toBe(60);
    clock.offset = 59 * 60_000 + 1_000; // within the last minute of the hour-long token
    const stats = () => client.jobStatistics(firstService).then((r) => expect(r.ok).toBe(true));
    expect(await requestsDuring(sim, stats)).toEqual({ tokens: 1, api: 1 });
  });

  it('keeps short server-capped tokens fresh (tokenLifetimeMs)', async () => {
    const short = await startSimulator({ seed: 13, jobs: 10, services: 1, tokenLifetimeMs: 4 * 60_000 });
    try {
      const clock = { offset: 0 };
      const client = clients.make(short, {}, { now: () => Date.now() + clock.offset });
      const svc = short.services().find((s) => s.asynchronous)!.id;
      expect((await client.jobStatistics(svc)).ok).toBe(true);
      clock.offset = 3 * 60_000 + 1_000; // capped to 4 min: inside the last minute
      expect((await client.jobStatistics(svc)).ok).toBe(true);
      expect(tokenRequests(short)).toHaveLength(2);
      expect(apiRequests(short)).toHaveLength(2);
      expectNoTokenInUrls(short);
    } finally {
      await short.close();
    }
  });
});

describe('a token service that states the expiry as `expiration` (epoch seconds) only', () => {
  it('refreshes a server-capped token within its last minute, as with expires', async () => {
    const short = await startSimulator({
      seed: 14,
      jobs: 10,
      services: 1,
      tokenLifetimeMs: 4 * 60_000,
      tokenExpiryKey: 'expiration',
    });
    try {
      const clock = { offset: 0 };
      const client = clients.make(short, {}, { now: () => Date.now() + clock.offset });
      const svc = short.services().find((s) => s.asynchronous)!.id;
      expect((await client.jobStatistics(svc)).ok).toBe(true);
      clock.offset = 3 * 60_000 + 1_000; // the 4-minute token's last minute: an hour assumed would not refresh
      expect((await client.jobStatistics(svc)).ok).toBe(true);
      expect(tokenRequests(short)).toHaveLength(2);
      expectNoTokenInUrls(short);
    } finally {
      await short.close();
    }
  });
});

describe('referer binding', () => {
  it('sends the same Referer on every call, and a call without it is refused as ClientID mismatch', async () => {
    const profile = profileFor(sim);
    const nodeFetch = createNodeFetch(profile);
    let strip = false;
    const fetchFn: FetchLike = (url, init) => {
      const headers = { ...init.headers };
      if (strip && !url.includes('generateToken')) headers.Referer = 'https://somewhere-else.example/';
      return nodeFetch(url, { ...init, headers });
    };
    try {
      const client = new ArcGisClient(profile, { fetch: fetchFn, getPassword: async () => ok(sim.password) });
      expect((await client.jobStatistics(firstService)).ok).toBe(true);
      strip = true;
      const r = await client.jobStatistics(firstService);
      expect(r.ok ? null : r.error).toMatchObject({
        kind: 'auth',
        code: 498,
        serverMessage: 'Invalid token, ClientID does not match.',
        message: expect.stringMatching(/freshly generated token/),
      });
    } finally {
      await nodeFetch.close();
    }
  });
});

describe('a server that keeps rejecting tokens', () => {
  it('gives a clear auth error after one refresh, never a loop', async () => {
    const client = clients.make(sim);
    sim.addFault({ kind: 'http498', match: (r) => r.path.includes('/jobs/') });
    const tokensBefore = tokenRequests(sim).length;
    const apiBefore = apiRequests(sim).length;
    const r = await client.jobStatistics(firstService);
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'auth',
      code: 498,
      message: expect.stringMatching(/freshly generated token/),
    });
    expect(tokenRequests(sim).length - tokensBefore).toBe(2);
    expect(apiRequests(sim).length - apiBefore).toBe(2);
  });

  it('stops at once when even the token service answers 498', async () => {
    const client = clients.make(sim);
    sim.addFault({ kind: 'http498' });
    const before = sim.requests.length;
    const r = await client.jobStatistics(firstService);
    expect(r.ok ? null : r.error.kind).toBe('auth');
    expect(sim.requests.length - before).toBe(1);
  });
});

describe('clocks that disagree', () => {
  it.each([
    ['3 hours ahead', 3],
    ['3 hours behind', -3],
  ])('a server clock %s: one token serves many calls', async (_label, hours) => {
    const skewed = await startSimulator({
      seed: 13,
      jobs: 10,
      services: 1,
      clock: () => Date.now() + hours * 3_600_000,
    });
    try {
      const client = clients.make(skewed);
      const service = skewed.services().find((s) => s.asynchronous)!.id;
      for (let i = 0; i < 10; i++) expect((await client.jobStatistics(service)).ok).toBe(true);
      expect(tokenRequests(skewed)).toHaveLength(1);
    } finally {
      await clients.closeAll();
      await skewed.close();
    }
  });
});

describe('a federated site whose REST services take only portal tokens', () => {
  let secured: Simulator;
  beforeAll(async () => {
    secured = await startSimulator({
      seed: 14,
      jobs: 20,
      services: 1,
      federated: true,
      restRequiresPortalToken: true,
    });
  });
  afterAll(async () => {
    expectNoTokenInUrls(secured);
    await secured.close();
  });

  const someJob = (s: Simulator) => s.jobs()[0]!;

  it('portal sign-in: job details and messages from REST with the portal token', async () => {
    const client = clients.make(secured, { authMode: 'portal' });
    const job = await client.getJob(someJob(secured).service, someJob(secured).jobId);
    expect(job.ok).toBe(true);
    if (!job.ok) return;
    const detail = await client.getJobDetail(job.value);
    expect(detail.ok && detail.value.messages.length).toBeGreaterThan(0);
  });

  it('server sign-in: the admin record is read, and details say plainly why they are unavailable', async () => {
    const client = clients.make(secured);
    const job = await client.getJob(someJob(secured).service, someJob(secured).jobId);
    expect(job.ok && job.value.status).toBe(someJob(secured).status);
    if (!job.ok) return;
    const detail = await client.getJobDetail(job.value);
    expect(detail.ok ? null : detail.error).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/federated site.*portal tokens.*sign in through the portal/),
    });
    // Without the job's url, the service's tasks are listed on REST first: the same plain reason.
    const bare = await client.getJobDetail({ ...job.value, url: null });
    expect(bare.ok ? null : bare.error.message).toMatch(/sign in through the portal/);
  });
});
