/**
 * A server that is not answering, as the window learns it: while a listing's reads are retried, each retry
 * is a `connection.state` event (still connecting) saying which attempt of how many, and why the last one
 * failed; then the final error, or, when the server answers again, the retry is cleared and it connects.
 * Real simulator over HTTPS, real keychain, the same dispatch as IPC.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/main/dispatch';
import type { ConnectionStateView } from '../../../electron/shared/views';
import { useAppCore } from './app-core-setup';

const app = useAppCore({ jobs: 30, seed: 61 }, 'gpja-retry-');

async function addServer(concurrency = 2): Promise<string> {
  const saved = await dispatch(
    'profiles.save',
    {
      name: 'Flaky',
      serverUrl: app.sim.url,
      authMode: 'server',
      username: app.sim.username,
      caCertPem: app.sim.caPem,
      concurrency,
    },
    app.core.handlers,
  );
  if (!saved.ok) throw new Error(saved.error.message);
  const id = (saved.value as { id: string }).id;
  const set = await dispatch(
    'credentials.set',
    { profileId: id, password: app.sim.password },
    app.core.handlers,
  );
  if (!set.ok) throw new Error(set.error.message);
  return id;
}

function record(): ConnectionStateView[] {
  const states: ConnectionStateView[] = [];
  app.core.onEvent('connection.state', (s) => states.push(s));
  return states;
}

describe('a server that is not answering', () => {
  it('refusing: each retry is reported with its attempt and reason, then the error says what to do', async () => {
    const id = await addServer();
    await app.sim.setDown(true);
    const states = record();
    const listed = await dispatch('jobs.list', { profileId: id }, app.core.handlers);
    expect(listed.ok).toBe(false);
    const error = !listed.ok ? listed.error : null;
    expect(error).toMatchObject({ kind: 'network' });
    expect(error!.message).toMatch(/refused the connection\. Is the server running and the port right\?/);
    expect(error!.message).toMatch(/after 4 attempts/);

    const retries = states.filter((s) => s.retry);
    expect(retries.map((s) => [s.state, s.retry!.attempt, s.retry!.attempts])).toEqual([
      ['connecting', 2, 4],
      ['connecting', 3, 4],
      ['connecting', 4, 4],
    ]);
    for (const s of retries) {
      expect(s.retry!.reason).toMatchObject({ kind: 'network' });
      expect(s.retry!.reason.message).toMatch(/refused the connection/);
      expect(s.retry!.waitMs).toBeGreaterThanOrEqual(0);
      expect(s.retry!.waitMs).toBeLessThanOrEqual(1_200);
    }
    expect(states.at(-1)).toMatchObject({ state: 'error', error: { kind: 'network' } });
    expect(states.at(-1)!.retry).toBeUndefined();
  });

  it('answering 503 with Retry-After, then again: the retry says so, is cleared, and the jobs are listed', async () => {
    const id = await addServer();
    app.sim.addFault({ kind: 'http503', retryAfter: '1', count: 1 });
    const states = record();
    const listed = await dispatch('jobs.list', { profileId: id }, app.core.handlers);
    expect(listed.ok).toBe(true);
    expect((listed.ok ? (listed.value as { jobs: unknown[] }).jobs : []).length).toBe(30);

    const at = states.findIndex((s) => s.retry);
    expect(at).toBeGreaterThan(0);
    expect(states[at]).toMatchObject({
      state: 'connecting',
      retry: { attempt: 2, attempts: 4, waitMs: 1_000, reason: { kind: 'server', code: 503 } },
    });
    // The read that was retried got through: the notice is withdrawn before the listing ends.
    expect(states[at + 1]).toMatchObject({ state: 'connecting' });
    expect(states[at + 1]!.retry).toBeUndefined();
    expect(states.at(-1)).toMatchObject({ state: 'connected', error: null });
    expect(states.filter((s) => s.retry)).toHaveLength(1);
  });

  it('a retried jobs.detail read (not a listing or test) leaves the state as it was', async () => {
    const id = await addServer();
    const first = await dispatch('jobs.list', { profileId: id }, app.core.handlers);
    if (!first.ok) throw new Error(first.error.message);
    const detail = (first.value as { jobs: Array<{ service: string; jobId: string }> }).jobs[0]!;
    const states = record();
    const ofJob = (path: string): boolean => path.endsWith(`/jobs/${detail.jobId}`);
    const reads: string[] = [];
    const stop = app.sim.onRequest((r) => ofJob(r.url.split('?')[0]!) && reads.push(r.url));
    app.sim.addFault({ kind: 'http503', count: 1, match: (r) => ofJob(r.path) });
    const got = await dispatch(
      'jobs.detail',
      { profileId: id, service: detail.service, jobId: detail.jobId },
      app.core.handlers,
    );
    stop();
    expect(got.ok).toBe(true);
    // The job's first read (admin) was answered 503 and sent again: a retry happened, and no state was sent.
    expect(reads.filter((url) => url === reads[0])).toHaveLength(2);
    expect(states).toEqual([]);
  });

  it('a jobs.detail read retried while a listing of the same server runs does not show as not answering', async () => {
    const id = await addServer(8); // slots to spare: the detail never queues behind the listing's pages
    const first = await dispatch('jobs.list', { profileId: id }, app.core.handlers);
    if (!first.ok) throw new Error(first.error.message);
    const detail = (first.value as { jobs: Array<{ service: string; jobId: string }> }).jobs[0]!;
    const isQuery = (path: string): boolean => path.endsWith('/jobs/query');
    const ofJob = (path: string): boolean => path.endsWith(`/jobs/${detail.jobId}`);
    // The listing's pages are held until the test releases them, so the listing is still connecting while
    // the job's read is retried.
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    app.sim.addFault({ kind: 'slow', until: released, match: (r) => isQuery(r.path) });
    app.sim.addFault({ kind: 'http503', count: 1, match: (r) => ofJob(r.path) });
    let queried = (): void => undefined;
    const querying = new Promise<void>((resolve) => (queried = resolve));
    const reads: string[] = [];
    const stop = app.sim.onRequest((r) => {
      const path = r.url.split('?')[0]!;
      if (isQuery(path)) queried();
      if (ofJob(path)) reads.push(path);
    });
    const states = record();
    let listed = false;
    const listing = dispatch('jobs.list', { profileId: id }, app.core.handlers).finally(
      () => (listed = true),
    );
    await querying;
    const got = await dispatch(
      'jobs.detail',
      { profileId: id, service: detail.service, jobId: detail.jobId },
      app.core.handlers,
    );
    expect(got.ok).toBe(true);
    expect(reads.filter((path) => path === reads[0])).toHaveLength(2); // answered 503, then sent again
    expect(listed).toBe(false); // ... while the listing was still running (its pages held)
    expect(states.at(-1)).toMatchObject({ state: 'connecting' });
    expect(states.filter((s) => s.retry)).toEqual([]);
    release();
    expect((await listing).ok).toBe(true);
    stop();
    expect(states.filter((s) => s.retry)).toEqual([]);
  });
});
