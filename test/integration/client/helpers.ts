/**
 * Shared set-up of the client integration tests: profiles and clients for a running simulator over HTTPS
 * trusting its CA, and the check that no token ever travelled in a URL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { SimOptions, Simulator } from '../../arcgis-sim';
import { startSimulator } from '../../arcgis-sim';
import type { ClientDeps } from '../../../electron/core/arcgis/client';
import { ArcGisClient } from '../../../electron/core/arcgis/client';
import type { NodeFetch } from '../../../electron/core/arcgis/transport';
import { createNodeFetch } from '../../../electron/core/arcgis';
import type { Profile } from '../../../electron/core/types';
import { ok } from '../../../electron/core/types';

/** A profile for the simulator: its site URL, its CA trusted, server tokens, concurrency 4. */
export function profileFor(sim: Simulator, over: Partial<Profile> = {}): Profile {
  return {
    id: `p-${randomUUID()}`,
    name: 'Simulator',
    serverUrl: sim.url,
    adminUrl: null,
    authMode: 'server',
    portalUrl: null,
    username: sim.username,
    caCertPem: sim.caPem,
    concurrency: 4,
    color: '#2f7dd1',
    production: false,
    ...over,
  };
}

/** Creates clients and closes their connection pools at the end. */
export class Clients {
  private readonly fetches: NodeFetch[] = [];

  /** A client on a fresh Node fetch for the profile (password: the simulator's unless given). */
  make(
    sim: Simulator,
    over: Partial<Profile> = {},
    deps: Partial<ClientDeps> & { password?: string } = {},
  ): ArcGisClient {
    const profile = profileFor(sim, over);
    const fetchFn = createNodeFetch(profile);
    this.fetches.push(fetchFn);
    const password = deps.password ?? sim.password;
    return new ArcGisClient(profile, { fetch: fetchFn, getPassword: async () => ok(password), ...deps });
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.fetches.splice(0).map((f) => f.close()));
  }
}

/** Requests to the simulator that generated a token. */
export function tokenRequests(sim: Simulator): Simulator['requests'] {
  return sim.requests.filter((r) => /generateToken|\/tokens\/?$/.test(r.url.split('?')[0]!));
}

/** Requests to the simulator that were not token requests. */
export function apiRequests(sim: Simulator): Simulator['requests'] {
  return sim.requests.filter((r) => !/generateToken|\/tokens\/?$/.test(r.url.split('?')[0]!));
}

/** How many token requests and other requests `sim` received while `action` ran. */
export async function requestsDuring(
  sim: Simulator,
  action: () => Promise<unknown>,
): Promise<{ tokens: number; api: number }> {
  const tokensBefore = tokenRequests(sim).length;
  const apiBefore = apiRequests(sim).length;
  await action();
  return { tokens: tokenRequests(sim).length - tokensBefore, api: apiRequests(sim).length - apiBefore };
}

/**
 * Fails if any request the simulator saw carried a token in its URL: no `token` query parameter, and no
 * token value sent in any body ever appears in any URL. Every request must be a form POST.
 */
export function expectNoTokenInUrls(sim: Simulator): void {
  const tokens = new Set(sim.requests.map((r) => r.params.token).filter((t): t is string => Boolean(t)));
  for (const r of sim.requests) {
    const query = new URL(r.url, 'https://sim.invalid').searchParams;
    expect(query.has('token'), `token in the URL of ${r.method} ${r.url}`).toBe(false);
    for (const t of tokens) expect(r.url.includes(t), `a token value in the URL of ${r.url}`).toBe(false);
    expect(r.method, `${r.url} must be a POST`).toBe('POST');
    expect(String(r.headers['content-type'])).toMatch(/^application\/x-www-form-urlencoded/);
  }
}

/**
 * One simulator for a test file: started before its tests, its faults cleared and `clients` closed after
 * each, and checked for tokens in URLs before it closes. Returns the running simulator's getter.
 */
export function useClientSim(options: SimOptions, clients: Clients): () => Simulator {
  let sim: Simulator | null = null;
  beforeAll(async () => {
    sim = await startSimulator(options);
  });
  afterEach(async () => {
    sim?.clearFaults();
    await clients.closeAll();
  });
  afterAll(async () => {
    if (!sim) return;
    expectNoTokenInUrls(sim);
    await sim.close();
  });
  return () => sim!;
}

/**
 * Simulators a test file starts as it goes (`start(options)`): `clients` closed after each test, and every
 * simulator checked for tokens in URLs, then closed, at the end.
 */
export function useClientSims(base: SimOptions, clients: Clients): (over?: SimOptions) => Promise<Simulator> {
  const sims: Simulator[] = [];
  afterEach(() => clients.closeAll());
  afterAll(async () => {
    for (const sim of sims) expectNoTokenInUrls(sim);
    await Promise.all(sims.map((s) => s.close()));
  });
  return async (over = {}) => {
    const sim = await startSimulator({ ...base, ...over });
    sims.push(sim);
    return sim;
  };
}
