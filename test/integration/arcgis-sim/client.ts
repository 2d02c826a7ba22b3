/**
 * A plain undici client for the simulator's contract tests: trusts the simulator's CA, sends a fixed
 * Referer, and returns status, content type and body (parsed JSON when it is JSON).
 */
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import type { SimOptions, Simulator } from '../../arcgis-sim/index';
import { startSimulator } from '../../arcgis-sim/index';

/** The Referer every test token is bound to. */
export const REFERER = 'https://gpjobs.test/app';

/** One HTTP answer. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** A small client bound to one simulator. */
export interface SimClient {
  post(path: string, form?: Record<string, string>, headers?: Record<string, string>): Promise<Answer>;
  get(path: string, query?: Record<string, string>, headers?: Record<string, string>): Promise<Answer>;
  /** An admin token from /admin/generateToken, bound to REFERER. */
  token(username?: string, password?: string): Promise<string>;
  /** POSTs with f=json and the token in the body. */
  admin(path: string, token: string, form?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * POSTs a token request to `path` (f=json) as the site administrator; `fields` add to or replace the
 * username and password, so each test states only what it is about.
 */
export function requestToken(
  site: Pick<SimSite, 'sim' | 'client'>,
  path: string,
  fields: Record<string, string> = {},
): Promise<Answer> {
  const { sim, client } = site;
  return client.post(path, { username: sim.username, password: sim.password, ...fields, f: 'json' });
}

/** Absolute URL for a path under the site root (`/admin/...`) or the origin (`//portal/...`). */
function resolve(sim: Simulator, path: string): string {
  if (path.startsWith('http')) return path;
  if (path.startsWith('//')) return new URL(sim.url).origin + path.slice(1);
  return sim.url + path;
}

async function read(response: Awaited<ReturnType<typeof fetch>>): Promise<Answer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

/** Creates a client trusting `sim.caPem`. */
export function simClient(sim: Simulator): SimClient {
  const dispatcher = new Agent({ connect: { ca: sim.caPem || undefined } });
  const client: SimClient = {
    async post(path, form = {}, headers = {}) {
      const response = await fetch(resolve(sim, path), {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: { referer: REFERER, ...headers },
        dispatcher,
      });
      return read(response);
    },
    async get(path, query = {}, headers = {}) {
      const url = new URL(resolve(sim, path));
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      return read(await fetch(url, { headers: { referer: REFERER, ...headers }, dispatcher }));
    },
    async token(username = sim.username, password = sim.password) {
      const answer = await client.post('/admin/generateToken', {
        username,
        password,
        client: 'referer',
        referer: REFERER,
        f: 'json',
      });
      if (typeof answer.json?.token !== 'string') throw new Error(`no token: ${answer.text}`);
      return answer.json.token as string;
    },
    admin(path, token, form = {}) {
      return client.post(`/admin${path}`, { f: 'json', token, ...form });
    },
    close: () => dispatcher.close(),
  };
  return client;
}

/** The simulator of a describe block, its client and (when signed in) an admin token. */
export interface SimSite {
  sim: Simulator;
  client: SimClient;
  token: string;
}

/**
 * Starts a simulator and a client for the enclosing describe block before its first test (and, unless
 * `signIn` is false, gets an admin token), and closes both after its last; the fields are set from then on.
 */
export function useSim(options: SimOptions, signIn = true): SimSite {
  const site = {} as SimSite;
  beforeAll(async () => {
    site.sim = await startSimulator(options);
    site.client = simClient(site.sim);
    if (signIn) site.token = await site.client.token();
  });
  afterAll(async () => {
    await site.client?.close();
    await site.sim?.close();
  });
  return site;
}
