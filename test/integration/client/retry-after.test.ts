/**
 * A front end in front of ArcGIS Server (load balancer, API gateway, IIS with the Web Adaptor while its
 * application pool recycles) answering 503 or 429 with `Retry-After`, as the simulator's `retryAfter` knob
 * does: reads wait as asked (up to a minute), every read of the server waits meanwhile, a longer wait fails
 * the read at once saying so, and a cancel ends the wait. The waits go through the injected sleep, which
 * records them and lets the test decide when each ends: nothing here waits in real time.
 */
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim';
import type { ReadSleep } from '../../../electron/core/arcgis/read-retry';
import { DEFAULT_READ_RETRY } from '../../../electron/core/arcgis/read-retry';
import { apiRequests, Clients, useClientSim } from './helpers';

const clients = new Clients();
const sim = useClientSim({ seed: 43, jobs: 120, services: 2, jobDurationMs: Infinity }, clients);

/** A sleep that records each wait and ends it when the test releases it (or the caller cancels). */
class HeldSleep {
  readonly naps: number[] = [];
  private readonly open: Array<() => void> = [];
  private watchers: Array<() => void> = [];
  readonly sleep: ReadSleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      this.naps.push(ms);
      this.open.push(resolve);
      signal?.addEventListener('abort', () => resolve(), { once: true });
      this.watchers.splice(0).forEach((w) => w());
    });

  /** Resolves once `n` waits have begun. */
  until(n: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => void (this.naps.length >= n ? resolve() : this.watchers.push(check));
      check();
    });
  }

  releaseAll(): void {
    this.open.splice(0).forEach((r) => r());
  }
}

/** A sleep that ends at once and records the wait. */
function quickSleep(): { naps: number[]; sleep: ReadSleep } {
  const naps: number[] = [];
  return { naps, sleep: async (ms) => void naps.push(ms) };
}

function gpServices(s: Simulator): [string, string] {
  const [a, b] = s.services().filter((x) => x.asynchronous);
  return [a!.id, b!.id];
}

const queryOf = (service: string) => (r: { path: string }) =>
  r.path.includes(`/${service}.GPServer/jobs/query`);

describe('Retry-After on reads', () => {
  it('waits the 503 asks for, and holds every other read of the server meanwhile', async () => {
    const [a, b] = gpServices(sim());
    const held = new HeldSleep();
    const client = clients.make(sim(), {}, { readRetry: { ...DEFAULT_READ_RETRY, sleep: held.sleep } });
    expect((await client.testConnection()).ok).toBe(true);
    sim().addFault({ kind: 'http503', retryAfter: '5', count: 1, match: queryOf(a) });
    const listing = client.queryJobs(a, {});
    await held.until(1);
    const sent = apiRequests(sim()).length;
    const statistics = client.jobStatistics(b);
    await held.until(2);
    // The other read waits out the same pause instead of going to the server.
    expect(apiRequests(sim()).length).toBe(sent);
    expect(held.naps[0]).toBeGreaterThan(4000);
    expect(held.naps[0]).toBeLessThanOrEqual(5000);
    expect(held.naps[1]).toBeLessThanOrEqual(held.naps[0]!);
    held.releaseAll();
    const [jobs, stats] = await Promise.all([listing, statistics]);
    expect(jobs.ok && jobs.value.length).toBe(
      sim()
        .jobs()
        .filter((j) => j.service === a).length,
    );
    expect(stats.ok).toBe(true);
  });

  it('reads an HTTP date on a 429, and retries a 429 that keeps coming within the attempts', async () => {
    const [a] = gpServices(sim());
    const { naps, sleep } = quickSleep();
    const client = clients.make(sim(), {}, { readRetry: { ...DEFAULT_READ_RETRY, sleep } });
    expect((await client.testConnection()).ok).toBe(true);
    const at = new Date(Date.now() + 30_000).toUTCString();
    sim().addFault({ kind: 'http429', retryAfter: at, count: 1, match: queryOf(a) });
    expect((await client.jobStatistics(a)).ok).toBe(true);
    expect((await client.queryJobs(a, {})).ok).toBe(true);
    expect(naps).toHaveLength(1);
    expect(naps[0]).toBeGreaterThan(28_000);
    expect(naps[0]).toBeLessThanOrEqual(30_000);

    sim().addFault({ kind: 'http429', retryAfter: '1', match: queryOf(a) });
    const from = sim().requests.length;
    const r = await client.queryJobs(a, {});
    expect(sim().requests.length - from).toBe(DEFAULT_READ_RETRY.attempts);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'server', code: 429, transient: true });
    expect(r.ok ? '' : r.error.message).toMatch(/code 429.*Too Many Requests.*after 4 attempts/);
  });

  it('fails at once, naming the server and the wait, when asked to wait longer than a minute', async () => {
    const [a, b] = gpServices(sim());
    const { naps, sleep } = quickSleep();
    const client = clients.make(sim(), {}, { readRetry: { ...DEFAULT_READ_RETRY, sleep } });
    expect((await client.testConnection()).ok).toBe(true);
    sim().addFault({ kind: 'http503', retryAfter: '3600', match: queryOf(a) });
    const from = sim().requests.length;
    const r = await client.listJobs({}, [a, b]);
    const asked = sim()
      .requests.slice(from)
      .filter((q) => queryOf(a)({ path: q.url }));
    expect(asked).toHaveLength(1);
    expect(naps).toEqual([]);
    expect(r.ok && r.value.failures.map((f) => f.service)).toEqual([a]);
    const message = r.ok ? r.value.failures[0]!.error.message : '';
    const host = new URL(sim().url).host;
    expect(message).toContain(host);
    expect(message).toMatch(/code 503.*retried in 3,600 s \(Retry-After\), longer than the 60 s/);
    expect(r.ok && r.value.jobs.length).toBe(
      sim()
        .jobs()
        .filter((j) => j.service === b).length,
    );
  });

  it('ends the wait when the caller cancels', async () => {
    const [a] = gpServices(sim());
    const held = new HeldSleep();
    const client = clients.make(sim(), {}, { readRetry: { ...DEFAULT_READ_RETRY, sleep: held.sleep } });
    expect((await client.testConnection()).ok).toBe(true);
    sim().addFault({ kind: 'http503', retryAfter: '30', match: queryOf(a) });
    const ac = new AbortController();
    const listing = client.queryJobs(a, {}, { signal: ac.signal });
    await held.until(1);
    ac.abort();
    const r = await listing;
    expect(r.ok ? null : r.error.kind).toBe('aborted');
  });
});
