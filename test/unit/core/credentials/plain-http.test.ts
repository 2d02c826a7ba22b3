import { describe, expect, it } from 'vitest';
import { ArcGisClient } from '../../../../electron/core/arcgis/client';
import { createLimiter } from '../../../../electron/core/arcgis/limiter';
import { createRequester } from '../../../../electron/core/arcgis/requester';
import type { FetchInit, FetchLike } from '../../../../electron/core/arcgis/transport';
import {
  isLoopbackHost,
  isSafeForCredentials,
  plainHttpProblem,
} from '../../../../electron/core/credentials/plain-http';
import { parseProfileInput } from '../../../../electron/core/profiles/schema';
import { ok } from '../../../../electron/core/types';
import { testProfile } from '../../../fixtures/profile';

/** A transport that records every call and answers `{}`; nothing leaves the process. */
function recordingFetch(): FetchLike & { calls: Array<{ url: string; init: FetchInit }> } {
  const calls: Array<{ url: string; init: FetchInit }> = [];
  const f = (async (url: string, init: FetchInit) => {
    calls.push({ url, init });
    const body = new TextEncoder().encode('{"currentVersion":11.3,"token":"t","expires":9999999999999}');
    let done = false;
    return {
      status: 200,
      headers: { get: (n: string) => (n === 'content-type' ? 'application/json' : null) },
      body: {
        getReader: () => ({
          read: async () => (done ? { done: true } : ((done = true), { done: false, value: body })),
          cancel: async () => undefined,
        }),
      },
    };
  }) as FetchLike & { calls: typeof calls };
  f.calls = calls;
  return f;
}

function requester(fetch: FetchLike) {
  return createRequester({
    fetch,
    limiter: createLimiter(2),
    probe: async () => null,
    timeoutMs: 5000,
    maxBytes: 1024 * 1024,
  });
}

describe('isLoopbackHost / isSafeForCredentials', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.10.20.30', '[::1]', 'localhost.'])(
    '%s is this machine',
    (h) => expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(['gis.example.com', '10.0.0.1', '127.0.0.1.nip.io', 'localhost.example.com', '[::2]'])(
    '%s is not this machine',
    (h) => expect(isLoopbackHost(h)).toBe(false),
  );
  it('allows https anywhere, http to loopback only, nothing unparsable', () => {
    expect(isSafeForCredentials('https://gis.example.com/arcgis')).toBe(true);
    expect(isSafeForCredentials('http://127.3.2.1:6080/arcgis')).toBe(true);
    expect(isSafeForCredentials('http://[::1]:6080/arcgis')).toBe(true);
    expect(isSafeForCredentials('http://gis.example.com:6080/arcgis')).toBe(false);
    expect(isSafeForCredentials('not a url')).toBe(false);
  });
});

describe('the request pipe refuses tokens and passwords over plain http', () => {
  it.each([
    ['token', { token: 'secret-token' }],
    ['password', { username: 'u', password: 'secret-pw' }],
  ])('a %s to a remote http host is never sent', async (what, params) => {
    const fetch = recordingFetch();
    const r = await requester(fetch).post('http://gis.example.com/arcgis/admin/info', params, 'admin');
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'bad-url',
      message: expect.stringContaining(`Refusing to send the ${what} to http://gis.example.com`),
    });
    expect(fetch.calls).toHaveLength(0);
  });

  it('sends it over https and to loopback http; sends unauthenticated calls anywhere', async () => {
    const fetch = recordingFetch();
    const p = requester(fetch);
    expect((await p.post('https://gis.example.com/arcgis/admin/info', { token: 't' }, 'admin')).ok).toBe(
      true,
    );
    expect((await p.post('http://127.0.0.1:6080/arcgis/admin/info', { token: 't' }, 'admin')).ok).toBe(true);
    expect((await p.post('http://gis.example.com/arcgis/rest/info', {}, 'info')).ok).toBe(true);
    expect(fetch.calls.map((c) => c.url)).toEqual([
      'https://gis.example.com/arcgis/admin/info',
      'http://127.0.0.1:6080/arcgis/admin/info',
      'http://gis.example.com/arcgis/rest/info',
    ]);
  });
});

const base = testProfile();

describe('profiles that would need credentials over plain http', () => {
  it.each([
    ['server URL', { serverUrl: 'http://gis.example.com/arcgis' }],
    ['admin URL', { adminUrl: 'http://machine.corp:6080/arcgis' }],
    ['portal URL', { authMode: 'portal' as const, portalUrl: 'http://gis.example.com/portal' }],
  ])('refuses an http %s at save and import, naming it', (label, over) => {
    const r = parseProfileInput({ ...base, ...over });
    expect(r.ok ? null : r.error.message).toContain(`The ${label} http://`);
    expect(plainHttpProblem({ ...base, ...over })).toMatch(/plain http/);
  });

  it('accepts loopback http and an http portal that server sign-in never uses', () => {
    expect(parseProfileInput({ ...base, serverUrl: 'http://localhost:6080/arcgis' }).ok).toBe(true);
    expect(parseProfileInput({ ...base, portalUrl: 'http://gis.example.com/portal' }).ok).toBe(true);
  });

  it('a client of such a profile refuses every call, test included, without a request', async () => {
    for (const over of [
      { serverUrl: 'http://gis.example.com/arcgis', adminUrl: 'https://machine:6443/arcgis' },
      { adminUrl: 'http://machine:6080/arcgis' },
      { authMode: 'portal' as const, portalUrl: 'http://gis.example.com/portal' },
    ]) {
      const fetch = recordingFetch();
      const client = new ArcGisClient({ ...base, ...over }, { fetch, getPassword: async () => ok('pw') });
      const tested = await client.testConnection();
      expect(tested.ok ? null : tested.error.message).toMatch(/plain http/);
      const detail = await client.getJobDetail({ service: 'S', jobId: 'j1', url: null });
      expect(detail.ok ? null : detail.error.kind).toBe('bad-url');
      expect(fetch.calls).toHaveLength(0);
    }
  });
});
