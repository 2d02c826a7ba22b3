import { describe, expect, it } from 'vitest';
import type { ConnectionStateView } from '../../../../renderer/src/lib/contract-types';
import {
  IDLE_LOAD,
  overviewNote,
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

  it('names the error kind in a few words and keeps the error', () => {
    const error = { kind: 'tls' as const, message: 'The certificate is not trusted.' };
    const s = serverStatus({ ...loaded, error }, undefined);
    expect(s).toMatchObject({ state: 'error', label: 'Certificate not trusted', error });
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
