import { describe, expect, it } from 'vitest';
import type { ConnectionStateView, Job } from '../../../../renderer/src/lib/contract-types';
import { IDLE_LOAD, type ServerLoad } from '../../../../renderer/src/lib/server-status';
import { serversSummary } from '../../../../renderer/src/lib/servers-summary';
import { t } from '../../../../renderer/src/lib/strings';

const listed: ServerLoad = { ...IDLE_LOAD, services: 2, loadedAt: 1000 };
const rows = (n: number): Job[] => Array.from({ length: n }, () => ({}) as Job);

/** The top bar's line for servers in these load states, each with this many rows. */
function line(
  servers: Array<[ServerLoad, number]>,
  connections: Record<string, ConnectionStateView> = {},
): string {
  const loads = new Map(servers.map(([load], i) => [`p${i}`, load]));
  const summary = serversSummary({
    shownProfiles: servers.map((_, i) => ({ id: `p${i}` })),
    load: (id) => loads.get(id) ?? IDLE_LOAD,
    connections,
    jobsByServer: Object.fromEntries(servers.map(([, n], i) => [`p${i}`, rows(n)])),
  });
  return t.app.serversSummary(summary);
}

describe('the top bar counts only servers whose jobs are known', () => {
  it('every server listed: the jobs and the servers', () => {
    expect(
      line([
        [listed, 1200],
        [listed, 34],
      ]),
    ).toBe('1,234 jobs on 2 servers');
    expect(line([[listed, 1]])).toBe('1 job on 1 server');
  });

  it('a server that could not be listed is not counted, and its old rows are not either', () => {
    const down = { ...listed, error: { kind: 'network' as const, message: 'x' } };
    expect(
      line([
        [listed, 10],
        [listed, 5],
        [down, 7],
      ]),
    ).toBe('15 jobs on 2 servers · 1 could not be listed');
    expect(line([[down, 0]])).toBe('1 server could not be listed');
  });

  it('a server listed in part counts, and says so', () => {
    const part = {
      ...listed,
      failures: [{ service: 'A', error: { kind: 'server' as const, message: 'x' } }],
    };
    expect(
      line([
        [listed, 3],
        [part, 2],
      ]),
    ).toBe('5 jobs on 2 servers (1 listed in part)');
  });

  it('a first listing under way is loading, a refresh of a listed server still counts', () => {
    const first = { ...IDLE_LOAD, loading: true, progress: 500 };
    const second = { ...IDLE_LOAD, loading: true, progress: 200 };
    const again = { ...listed, loading: true, progress: 3 };
    // "So far" is what the listings read (as the sidebar says), whether or not the table shows it yet.
    expect(
      line([
        [first, 500],
        [second, 0],
      ]),
    ).toBe('2 servers loading jobs… 700 so far');
    expect(
      line([
        [again, 9],
        [first, 500],
      ]),
    ).toBe('9 jobs on 1 server · 1 loading jobs… 500 so far');
  });

  it('a retry after a failed listing is loading, not listed, and its old rows are not "so far"', () => {
    const retry = { ...listed, loading: true, error: { kind: 'timeout' as const, message: 'x' } };
    expect(
      line([
        [listed, 4],
        [retry, 6],
      ]),
    ).toBe('4 jobs on 1 server · 1 loading jobs…');
  });

  it('a server without a listing whose reads are retried is not answering, not loading', () => {
    const retrying = { ...listed, loading: true, error: { kind: 'network' as const, message: 'x' } };
    const reason = {
      kind: 'network' as const,
      fault: 'refused' as const,
      message: 'gis refused the connection.',
    };
    const conn = {
      profileId: 'p1',
      state: 'connecting' as const,
      error: null,
      lastRefresh: null,
      retry: { attempt: 2, attempts: 4, reason, waitMs: 100, at: 1 },
    };
    expect(
      line(
        [
          [listed, 4],
          [retrying, 0],
        ],
        { p1: conn },
      ),
    ).toBe('4 jobs on 1 server · 1 not answering, retrying…');
    expect(line([[retrying, 0]], { p0: { ...conn, profileId: 'p0' } })).toBe(
      '1 server not answering, retrying…',
    );
  });

  it('a server whose listing has read jobs and retries one page is loading, not "not answering"', () => {
    const halfListed = { ...IDLE_LOAD, loading: true, progress: 1500 };
    const reason = { kind: 'server' as const, code: 503, message: 'gis reported an error.' };
    const conn = {
      profileId: 'p1',
      state: 'connecting' as const,
      error: null,
      lastRefresh: null,
      retry: { attempt: 2, attempts: 4, reason, waitMs: 100, at: 1 },
    };
    expect(
      line(
        [
          [listed, 4],
          [halfListed, 0],
        ],
        { p1: conn },
      ),
    ).toBe('4 jobs on 1 server · 1 loading jobs… 1,500 so far');
  });

  it('a server never loaded says so', () => {
    expect(
      line([
        [listed, 4],
        [IDLE_LOAD, 0],
      ]),
    ).toBe('4 jobs on 1 server · 1 not loaded yet');
  });

  it('a connection error after a listing keeps the server and its rows counted', () => {
    const signInFailed = {
      state: 'error',
      error: { kind: 'auth', message: 'x' },
      lastRefresh: 2000,
    } as ConnectionStateView;
    expect(line([[listed, 6]], { p0: signInFailed })).toBe('6 jobs on 1 server');
    // Never listed, only a failed connection (a Test connection): an error, not a failed listing.
    expect(line([[IDLE_LOAD, 0]], { p0: signInFailed })).toBe('1 server with an error');
    expect(
      line(
        [
          [listed, 2],
          [IDLE_LOAD, 0],
        ],
        { p1: signInFailed },
      ),
    ).toBe('2 jobs on 1 server · 1 with an error');
  });
});
