/**
 * Hostile server answers: every case ends in a clear error or a safe result, never a crash, a hang, a
 * leaked credential or a followed redirect. Each case runs the real client over a real socket against a
 * scripted loopback server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ArcGisClient } from '../../../electron/core/arcgis/client';
import { createNodeFetch } from '../../../electron/core/arcgis';
import type { NodeFetch } from '../../../electron/core/arcgis/transport';
import type { Profile, Result } from '../../../electron/core/types';
import { ok } from '../../../electron/core/types';
import { testProfile } from '../../fixtures/profile';
import type { HostileReply, HostileRoute, HostileServer } from './hostile-server';
import { hostileServer } from './hostile-server';

type Op = 'test' | 'list' | 'detail' | 'delete';

interface Case {
  name: string;
  route: HostileRoute;
  op: Op;
  profile?: Partial<Profile>;
  /** Extra checks on the result and the requests the server saw. */
  check?: (r: Result<unknown>, server: HostileServer) => void;
  /** The outcome required: an error of this kind, or 'ok'. */
  want: 'ok' | string;
}

const on =
  (suffix: string, reply: HostileReply): HostileRoute =>
  (path) =>
    path.endsWith(suffix) ? reply : undefined;
const body = (value: unknown): HostileReply => ({ body: JSON.stringify(value) });
const ESC = '\u001b';

const open: Array<{ server: HostileServer; fetch: NodeFetch }> = [];
afterEach(async () => {
  for (const { server, fetch } of open.splice(0)) {
    await fetch.close();
    await server.close();
  }
});

async function run(c: Case): Promise<{ r: Result<unknown>; server: HostileServer }> {
  const server = await hostileServer(c.route);
  const profile = testProfile({ id: 'hostile', serverUrl: server.url, ...c.profile });
  const fetch = createNodeFetch(profile);
  open.push({ server, fetch });
  const client = new ArcGisClient(profile, {
    fetch,
    getPassword: async () => ok('s3cret-pw'),
    timeoutMs: 1500,
    maxBytes: 256 * 1024,
  });
  const r: Result<unknown> =
    c.op === 'test'
      ? await client.testConnection()
      : c.op === 'list'
        ? await client.listJobs({})
        : c.op === 'detail'
          ? await client.getJobDetail({ service: 'S', jobId: 'j1', url: null })
          : await client.deleteJob('S', 'j1');
  return { r, server };
}

const noPasswordSent = (_r: Result<unknown>, s: HostileServer) =>
  expect(s.requests.filter((q) => q.params.password !== undefined)).toEqual([]);

const cases: Case[] = [
  {
    name: 'rest/info names a portal on another host (portal sign-in)',
    op: 'test',
    profile: { authMode: 'portal' },
    route: on(
      '/rest/info',
      body({ currentVersion: 11.3, owningSystemUrl: 'https://portal.attacker.example/portal' }),
    ),
    want: 'config',
    check: noPasswordSent,
  },
  {
    name: 'rest/info names an http token service',
    op: 'test',
    profile: { authMode: 'portal' },
    route: on(
      '/rest/info',
      body({
        currentVersion: 11.3,
        authInfo: { tokenServicesUrl: 'http://portal.attacker.example/portal/sharing/rest/generateToken' },
      }),
    ),
    want: 'config',
    check: noPasswordSent,
  },
  {
    name: 'generateToken redirects to another host',
    op: 'list',
    route: on('/generateToken', { status: 302, headers: { Location: 'https://attacker.example/steal' } }),
    want: 'any-error',
    check: (_r, s) => expect(s.requests.every((q) => !q.path.includes('steal'))).toBe(true),
  },
  {
    name: 'an admin call redirects with the token to another host',
    op: 'list',
    route: on('/admin/services', { status: 307, headers: { Location: 'http://attacker.example/x' } }),
    want: 'any-error',
  },
  {
    name: 'HTML instead of JSON on the admin API',
    op: 'list',
    route: on('/admin/services', { type: 'text/html', body: '<html><script>alert(1)</script></html>' }),
    want: 'admin-unreachable',
  },
  {
    name: 'truncated JSON',
    op: 'list',
    route: on('/admin/services', { body: '{"folders":[' }),
    want: 'any-error',
  },
  {
    name: 'a JSON array where an object belongs',
    op: 'list',
    route: on('/admin/services', { body: '[1,2,3]' }),
    want: 'any-error',
  },
  { name: 'JSON null', op: 'test', route: on('/rest/info', { body: 'null' }), want: 'any-error' },
  { name: 'an empty 200 answer', op: 'test', route: on('/rest/info', { body: '' }), want: 'any-error' },
  {
    name: 'a token that is a number',
    op: 'list',
    route: on('/generateToken', body({ token: 12345 })),
    want: 'not-arcgis',
  },
  {
    name: 'an absurd token expiry (1e300)',
    op: 'list',
    route: on('/generateToken', body({ token: 't', expires: 1e300 })),
    want: 'ok',
  },
  {
    name: 'a negative token expiry',
    op: 'list',
    route: on('/generateToken', body({ token: 't', expires: -5 })),
    want: 'ok',
  },
  {
    name: 'an answer over the size cap',
    op: 'list',
    route: on('/admin/services', { body: `{"x":"${'A'.repeat(400 * 1024)}"}` }),
    want: 'server',
  },
  {
    name: 'a Content-Length far over the cap',
    op: 'list',
    route: on('/admin/services', { body: '{}', headers: { 'Content-Length': String(10 ** 12) } }),
    want: 'any-error',
  },
  {
    name: 'a socket dropped mid-answer',
    op: 'list',
    route: on('/admin/services', { body: `{"folders":[${'"a",'.repeat(5000)}"b"]}`, destroy: true }),
    want: 'any-error',
  },
  {
    name: 'a server that never answers',
    op: 'test',
    route: on('/rest/info', { hang: true }),
    want: 'timeout',
  },
  {
    name: 'JSON nested 100,000 levels deep',
    op: 'list',
    route: on('/admin/services', { body: `${'['.repeat(100_000)}${']'.repeat(100_000)}` }),
    want: 'any-error',
  },
  {
    name: 'service and folder names that are paths',
    op: 'list',
    route: on(
      '/admin/services',
      body({ folders: ['../../etc', 'a/b'], services: [{ serviceName: '../x', type: 'GPServer' }] }),
    ),
    want: 'ok',
    check: (_r, s) =>
      expect(s.requests.some((q) => q.path.includes('..') || q.path.includes('%2F'))).toBe(false),
  },
  {
    name: 'jobs with wrong types in every field',
    op: 'list',
    route: on(
      '/jobs/query',
      body({
        results: { a: { jobId: 7, status: { x: 1 }, submitted: 'yesterday' }, b: null, c: [1], d: 'str' },
        total: 'many',
      }),
    ),
    want: 'ok-or-error',
  },
  {
    name: 'job ids that are paths or control text',
    op: 'list',
    route: on(
      '/jobs/query',
      body({
        results: {
          '../../x': { jobId: '../../x', status: 'esriJobFailed' },
          [`${ESC}[2J`]: { jobId: `${ESC}[2J`, status: 'esriJobFailed' },
        },
      }),
    ),
    want: 'ok-or-error',
  },
  {
    name: '__proto__ keys in an answer',
    op: 'list',
    route: on('/jobs/query', { body: '{"__proto__":{"polluted":true},"results":{}}' }),
    want: 'ok-or-error',
    check: () => expect(({} as Record<string, unknown>).polluted).toBeUndefined(),
  },
  {
    name: 'bytes that are not UTF-8',
    op: 'test',
    route: on('/rest/info', { body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) }),
    want: 'any-error',
  },
  {
    name: 'an error message full of terminal controls',
    op: 'list',
    route: on(
      '/admin/services',
      body({ error: { code: 500, message: `${ESC}]0;pwned\u0007${ESC}[31mboom`, details: [null, 5, {}] } }),
    ),
    want: 'server',
  },
  {
    name: 'an error code that is not a number',
    op: 'list',
    route: on('/admin/services', body({ error: { code: 'abc', message: 7 } })),
    want: 'any-error',
  },
  {
    name: '498 on every call (one refresh, then a clear error)',
    op: 'list',
    route: on('/admin/services', body({ error: { code: 498, message: 'Invalid token' } })),
    want: 'auth',
    check: (_r, s) =>
      expect(s.requests.filter((q) => q.path.endsWith('/generateToken')).length).toBeLessThanOrEqual(2),
  },
  {
    name: 'a delete answered with an unknown status',
    op: 'delete',
    route: on('/delete', body({ status: `${ESC}[1mmaybe` })),
    want: 'server',
  },
  {
    name: 'a job page that is HTML',
    op: 'detail',
    route: on('/jobs/j1', { type: 'text/html', body: '<h1>login</h1>' }),
    want: 'any-error',
  },
  {
    name: 'tasks of the wrong type and absurd number',
    op: 'detail',
    route: on('/rest/services/S/GPServer', body({ tasks: [...Array(5000).fill('T'), 5, null, '../x'] })),
    want: 'ok-or-error',
    check: (_r, s) => expect(s.requests.length).toBeLessThan(40),
  },
  {
    name: 'HTTP 500 with an HTML page',
    op: 'test',
    route: on('/rest/info', { status: 500, type: 'text/html', body: '<html>oops</html>' }),
    want: 'any-error',
  },
];

describe('hostile server answers', () => {
  it.each(cases)('$name', async (c) => {
    const { r, server } = await run(c);
    if (c.want === 'ok') expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    else if (c.want !== 'ok-or-error') {
      expect(r.ok).toBe(false);
      if (c.want !== 'any-error') expect(r.ok ? null : r.error.kind).toBe(c.want);
    }
    if (!r.ok) {
      expect(r.error.message.length).toBeGreaterThan(10);
      expect(r.error.message).not.toMatch(/^\s*at |\n\s+at /);
      expect(r.error.message).not.toContain('s3cret-pw');
    }
    c.check?.(r, server);
  });
});
