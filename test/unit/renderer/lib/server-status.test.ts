import { describe, expect, it } from 'vitest';
import type { ConnectionStateView } from '../../../../renderer/src/lib/contract-types';
import {
  IDLE_LOAD,
  overviewNote,
  retryReason,
  serverStatus,
  type ServerLoad,
} from '../../../../renderer/src/lib/server-status';

const loaded: ServerLoad = { ...IDLE_LOAD, services: 3, loadedAt: 1000 };

function conn(over: Partial<ConnectionStateView>): ConnectionStateView {
  return { profileId: 'p1', state: 'idle', error: null, lastRefresh: null, ...over };
}

describe('serverStatus', () => {
  it('says a server was never loaded', () => {
    expect(serverStatus(IDLE_LOAD, undefined)).toMatchObject({ state: 'idle', label: 'Not loaded yet' });
  });

  it('shows loading while a refresh runs, keeping the last refresh time', () => {
    expect(serverStatus({ ...loaded, loading: true }, undefined)).toMatchObject({
      state: 'loading',
      lastRefresh: 1000,
    });
  });

  it('says a server that is not answering is being retried: the attempt, of how many, and why', () => {
    const refused = {
      kind: 'network' as const,
      fault: 'refused' as const,
      message: 'gis:6443 refused the connection.',
    };
    const retry = { attempt: 2, attempts: 4, reason: refused, waitMs: 120, at: 5 };
    const s = serverStatus({ ...loaded, loading: true, progress: 0 }, conn({ state: 'connecting', retry }));
    expect(s).toMatchObject({
      state: 'loading',
      label: 'Not answering: retry 2 of 4…',
      retrying: { why: 'Connection refused', detail: 'gis:6443 refused the connection.' },
      error: null,
      lastRefresh: 1000,
    });
    expect(overviewNote(s)).toEqual({ label: 'Not answering: retry 2 of 4…', failed: false });
    // A 503 that asked for a pause says so, with its code.
    const unavailable = {
      kind: 'server' as const,
      code: 503,
      message: 'gis reported an error.',
      retryAfterMs: 5_000,
    };
    const held = conn({
      state: 'connecting',
      retry: { ...retry, attempt: 3, reason: unavailable, waitMs: 5_000 },
    });
    expect(serverStatus({ ...loaded, loading: true }, held)).toMatchObject({
      label: 'Not answering: retry 3 of 4…',
      retrying: {
        why: 'Error 503, asked to wait 5 s',
        detail: 'gis reported an error (code 503). It asked to be retried in 5 s.',
      },
    });
    // A test of the connection outside a listing says the same.
    expect(serverStatus(loaded, conn({ state: 'connecting', retry }))).toMatchObject({
      label: 'Not answering: retry 2 of 4…',
    });
    // Once the retry got through (no retry on the event) it is loading again, with the count so far.
    expect(
      serverStatus({ ...loaded, loading: true, progress: 12 }, conn({ state: 'connecting' })),
    ).toMatchObject({
      label: 'Loading jobs… 12 so far',
    });
    expect(serverStatus({ ...loaded, loading: true }, undefined).retrying).toBeUndefined();
  });

  it('a listing that has read jobs and retries a page keeps its count and says why below', () => {
    const unavailable = { kind: 'server' as const, code: 503, message: 'gis reported an error.' };
    const retry = {
      attempt: 2,
      attempts: 4,
      reason: { ...unavailable, retryAfterMs: 30_000 },
      waitMs: 1,
      at: 5,
    };
    const s = serverStatus(
      { ...IDLE_LOAD, loading: true, progress: 1500 },
      conn({ state: 'connecting', retry }),
    );
    expect(s).toMatchObject({
      state: 'loading',
      label: 'Loading jobs… 1,500 so far',
      error: null,
      retrying: {
        why: 'Retrying a page (2 of 4): Error 503, asked to wait 30 s',
        detail: 'gis reported an error (code 503). It asked to be retried in 30 s.',
      },
    });
    expect(overviewNote(s)).toEqual({ label: 'Loading jobs… 1,500 so far', failed: false });
    // A test of the connection while nothing is listing is not a page: not answering, as before.
    expect(serverStatus({ ...loaded, progress: 1500 }, conn({ state: 'connecting', retry })).label).toBe(
      'Not answering: retry 2 of 4…',
    );
  });

  it('a server that closed the connection reads "Connection closed", not "Unreachable"', () => {
    const closed = {
      kind: 'network' as const,
      fault: 'closed' as const,
      message: 'gis:6443 closed the connection before answering.',
    };
    expect(retryReason(closed)).toBe('Connection closed');
    expect(serverStatus({ ...loaded, error: closed }, undefined)).toMatchObject({
      state: 'error',
      label: 'Connection closed',
    });
    const noRoute = {
      kind: 'network' as const,
      fault: 'no-route' as const,
      message: 'gis:6443 is unreachable from this computer (no route).',
    };
    expect(serverStatus({ ...loaded, error: noRoute }, undefined).label).toBe('Unreachable');
  });

  it("ends the server's words as a sentence before the wait it asked for", () => {
    const reason = {
      kind: 'server' as const,
      code: 503,
      message: 'gis:6443 reported an error (code 503): Service Unavailable',
      retryAfterMs: 30_000,
    };
    const s = serverStatus(
      { ...loaded, loading: true },
      conn({ state: 'connecting', retry: { attempt: 2, attempts: 4, reason, waitMs: 1, at: 5 } }),
    );
    expect(s.retrying?.detail).toBe(
      'gis:6443 reported an error (code 503): Service Unavailable. It asked to be retried in 30 s.',
    );
  });

  it('says why in a few words: refused, timed out, unreachable, the error code', () => {
    const words = (reason: Parameters<typeof retryReason>[0]) => retryReason(reason);
    expect(words({ kind: 'network', fault: 'refused', message: 'gis refused the connection.' })).toBe(
      'Connection refused',
    );
    expect(words({ kind: 'timeout', message: 'gis did not answer within 30 s.' })).toBe('Timed out');
    expect(words({ kind: 'network', fault: 'closed', message: 'gis closed the connection.' })).toBe(
      'Connection closed',
    );
    expect(
      words({ kind: 'network', fault: 'dns', message: 'The host name gis could not be resolved (DNS).' }),
    ).toBe('Unreachable');
    expect(words({ kind: 'server', code: 502, message: 'gis reported an error (code 502).' })).toBe(
      'Error 502',
    );
    expect(words({ kind: 'server', message: 'gis sent an answer that is not valid JSON.' })).toBe('Error');
  });

  it('names the error kind in a few words and keeps the error', () => {
    const error = { kind: 'tls' as const, message: 'The certificate is not trusted.' };
    const s = serverStatus({ ...loaded, error }, undefined);
    expect(s).toMatchObject({ state: 'error', label: 'Certificate not trusted', error });
  });

  it('says a server without a saved password has none, not that its sign-in failed', () => {
    const none = { kind: 'auth' as const, noPassword: true as const, message: 'No password is saved.' };
    expect(serverStatus({ ...loaded, error: none }, undefined)).toMatchObject({
      state: 'error',
      label: 'No password saved',
    });
    const failed = { kind: 'auth' as const, code: 400, message: 'Sign-in to gis failed.' };
    expect(serverStatus({ ...loaded, error: failed }, undefined).label).toBe('Sign-in failed');
  });

  it('takes an error from the connection event when no load failed', () => {
    const error = { kind: 'auth' as const, message: 'Wrong password.' };
    expect(serverStatus(loaded, conn({ state: 'error', error }))).toMatchObject({
      state: 'error',
      label: 'Sign-in failed',
    });
  });

  it('reports a listing that may be incomplete, with what may be missing', () => {
    const warnings = [
      {
        service: 'A',
        message: 'A: 3 jobs may be missing (the job list changed while it was read); refresh.',
      },
    ];
    expect(serverStatus({ ...loaded, warnings }, undefined)).toMatchObject({
      state: 'partial',
      label: 'Listed in part: refresh',
      error: { message: warnings[0]!.message },
    });
  });

  it('reports services that could not be listed', () => {
    const failures = [{ service: 'A', error: { kind: 'server' as const, message: 'x' } }];
    expect(serverStatus({ ...loaded, failures }, undefined)).toMatchObject({
      state: 'partial',
      label: '1 service could not be listed',
    });
  });

  it('uses the latest of the load time and the connection event', () => {
    expect(serverStatus(loaded, conn({ state: 'connected', lastRefresh: 5000 }))).toMatchObject({
      state: 'connected',
      lastRefresh: 5000,
    });
  });
});

describe('overviewNote', () => {
  it('notes a server listed in part, so a 0 from the services that answered does not read as empty', () => {
    const failures = [{ service: 'A', error: { kind: 'server' as const, message: 'x' } }];
    expect(overviewNote(serverStatus({ ...loaded, failures }, undefined))).toEqual({
      label: '1 service could not be listed',
      failed: true,
      partial: true,
    });
  });

  it('has no note for a server listed in full', () => {
    expect(overviewNote(serverStatus(loaded, undefined))).toBeNull();
  });
});
