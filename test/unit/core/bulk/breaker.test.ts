import { describe, expect, it } from 'vitest';
import { authFailed, FakeServer, fail, ids, reset } from './fake-ops';
import { byJob, runOver } from './harness';

const breaker = { threshold: 5, cooldownMs: 12_345, maxProbes: 2 };

describe('a server that stays down', () => {
  it('fails its remaining jobs without requests after probes fail, while other servers finish', async () => {
    const down = new FakeServer(ids('d', 100), () => fail(reset));
    const healthy = new FakeServer(ids('h', 100));
    const delays: number[] = [];
    const { run } = runOver(
      [
        { id: 'D', server: down, concurrency: 4 },
        { id: 'H', server: healthy, concurrency: 4 },
      ],
      'delete',
      { breaker, sleep: async (ms) => void delays.push(ms) },
    );
    const summary = await run.done;
    const results = byJob(summary.results);
    expect(results.size).toBe(200);
    expect(healthy.jobs.size).toBe(0);
    const downResults = summary.results.filter((r) => r.profileId === 'D');
    expect(downResults.every((r) => r.outcome === 'failed')).toBe(true);
    expect(down.jobs.size).toBe(100);
    const notAttempted = downResults.filter((r) => r.attempts === 0);
    expect(notAttempted.length).toBeGreaterThanOrEqual(100 - (5 + 4 + 2));
    expect(notAttempted[0]!.message).toMatch(/Not attempted: Server D could not be reached/);
    // Jobs tried: the threshold, those already in flight, and the probes; each at most 4 deletes + 2 checks.
    expect(down.calls.length).toBeLessThanOrEqual((5 + 3 + 2) * 6);
    expect(delays).toContain(12_345);
    expect(delays).toContain(24_690);
    expect(run.snapshot().servers.find((s) => s.profileId === 'D')).toMatchObject({
      state: 'down',
      done: 100,
    });
  });

  it('gives up at once on bad credentials instead of probing', async () => {
    const server = new FakeServer(ids('a', 50), () => fail(authFailed));
    const delays: number[] = [];
    const { run } = runOver([{ id: 'A', server, concurrency: 2 }], 'delete', {
      breaker,
      sleep: async (ms) => void delays.push(ms),
    });
    const summary = await run.done;
    expect(summary.counts.failed).toBe(50);
    expect(server.calls.length).toBeLessThanOrEqual(5 + 1);
    expect(delays).not.toContain(12_345);
    expect(summary.results.every((r) => r.kind === 'auth')).toBe(true);
  });
});

describe('a server that goes down and comes back', () => {
  it('holds its queue, probes, and carries on once a probe gets through, retrying what failed', async () => {
    let isDown = true;
    const server = new FakeServer(ids('j', 100), () => (isDown ? fail(reset) : 'default'));
    const { run } = runOver([{ id: 'A', server, concurrency: 4 }], 'delete', {
      breaker,
      // The server comes back during the first cool-down.
      sleep: async (ms) => {
        if (ms === breaker.cooldownMs) isDown = false;
      },
    });
    const summary = await run.done;
    expect(byJob(summary.results).size).toBe(100);
    // Jobs that failed while it was down went to the back of the queue and were deleted once it was back.
    expect(summary.counts.deleted).toBe(100);
    expect(server.jobs.size).toBe(0);
    expect(summary.results.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(5);
  });
});

describe('a job retried later in the run', () => {
  it('keeps its first-round result when the run is aborted before its second round', async () => {
    const server = new FakeServer(['x', 'y'], (_op, id) => (id === 'x' ? fail(reset) : 'hang'));
    const { run } = runOver([{ id: 'A', server, concurrency: 1 }], 'delete');
    await server.until(() => server.calls.some((c) => c.jobId === 'y'));
    run.abort();
    const results = byJob((await run.done).results);
    expect(results.get('A/x')).toMatchObject({ outcome: 'failed', kind: 'network', attempts: 6 });
    expect(results.get('A/x')!.message).toMatch(/may have reached the server/);
    expect(results.get('A/y')).toMatchObject({ outcome: 'failed', kind: 'aborted' });
  });
});

describe('a server that comes back while a job is being retried', () => {
  it('deletes a job whose every attempt was refused once the check finds the server back and the job there', async () => {
    const refused = fail({ kind: 'network', message: 'Connection refused', transient: true });
    // Calls 1-4 (the delete attempts) are refused; the check (call 5) and everything after reach the server.
    const server = new FakeServer(ids('j', 1), (_op, _jobId, call) => (call <= 4 ? refused : 'default'));
    const { run } = runOver([{ id: 'a', server }], 'delete');
    const summary = await run.done;
    const result = byJob(summary.results).get('a/j-0')!;
    expect(result.outcome).toBe('deleted');
    expect(server.jobs.has('j-0')).toBe(false);
    expect(server.calls.map((c) => c.op)).toEqual(['delete', 'delete', 'delete', 'delete', 'get', 'delete']);
  });

  it('still fails a job whose delete reached the server, without another round', async () => {
    const server = new FakeServer(ids('j', 1), (op) =>
      op === 'delete'
        ? fail({ kind: 'server', message: 'Gateway timeout', code: 504, transient: true })
        : 'default',
    );
    const { run } = runOver([{ id: 'a', server }], 'delete');
    const result = byJob((await run.done).results).get('a/j-0')!;
    expect(result.outcome).toBe('failed');
    expect(server.calls.filter((c) => c.op === 'delete')).toHaveLength(4);
  });
});
