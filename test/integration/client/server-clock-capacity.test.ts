/**
 * The client against two simulator knobs no other client test turns: the server's own `clock` (token
 * expiry is the server's decision, on its clock, which need not agree with the client's) and `capacity`
 * (a server that serves fewer requests at once than the client sends, so the rest wait in its queue).
 */
import { describe, expect, it } from 'vitest';
import { Clients, tokenRequests, useClientSims } from './helpers';

const clients = new Clients();
const site = useClientSims({ seed: 71, jobs: 120, services: 2, jobDurationMs: Infinity }, clients);

describe("the server's clock (clock)", () => {
  it('a token the server expired early (its clock ahead) costs one 498 and one refresh, and the call succeeds', async () => {
    const ahead = { ms: 0 };
    const sim = await site({ clock: () => Date.now() + ahead.ms });
    const client = clients.make(sim);
    expect((await client.queryJobs('Tools/Buffer', {})).ok).toBe(true);
    const tokensBefore = tokenRequests(sim).length;
    ahead.ms = 61 * 60_000; // the server's hour-long token is over; the client's clock says it is fresh
    const from = sim.requests.length;
    const r = await client.queryJobs('Tools/Buffer', {});
    expect(r.ok && r.value.length).toBe(sim.jobs().filter((j) => j.service === 'Tools/Buffer').length);
    expect(tokenRequests(sim).length - tokensBefore).toBe(1);
    expect(sim.requests.slice(from).filter((q) => q.url.includes('/jobs/query')).length).toBe(2);
  });
});

describe('a server serving one request at a time (capacity: 1)', () => {
  it('lists every job with the client sending eight at once: the rest wait in the server queue', async () => {
    const sim = await site({ capacity: 1, latencyMs: 5 });
    const r = await clients.make(sim, { concurrency: 8 }).listJobs({}, undefined, { pageSize: 10 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.failures).toEqual([]);
    expect(r.value.jobs.map((j) => j.jobId).sort()).toEqual(
      sim
        .jobs()
        .map((j) => j.jobId)
        .sort(),
    );
    expect(sim.stats.maxInFlight).toBeGreaterThan(1);
  });
});
