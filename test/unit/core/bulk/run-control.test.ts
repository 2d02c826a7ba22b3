import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../electron/core/bulk/job-result';
import { FakeServer, ids, settle } from './fake-ops';
import { byJob, runOver } from './harness';

describe('abort', () => {
  it('starts nothing after abort, aborts requests in flight and gives every job one result', async () => {
    const server = new FakeServer(ids('j', 100), () => 'hang');
    const { run, audit } = runOver([{ id: 'A', server, concurrency: 4 }], 'delete');
    await server.until(() => server.inFlight === 4);
    run.abort();
    const summary = await run.done;
    await settle();
    expect(server.calls).toHaveLength(4);
    const results = byJob(summary.results);
    expect(results.size).toBe(100);
    expect(summary.counts).toMatchObject({ failed: 4, skipped: 96, deleted: 0 });
    const inFlight = summary.results.filter((r) => r.outcome === 'failed');
    for (const r of inFlight) expect(r).toMatchObject({ kind: 'aborted', message: MESSAGES.abortedInFlight });
    expect(summary.results.filter((r) => r.message === MESSAGES.notStarted)).toHaveLength(96);
    expect(summary.aborted).toBe(true);
    expect(audit.jobLines()).toHaveLength(100);
    expect(audit.lines.at(-1)).toMatchObject({ type: 'run-end', aborted: true });
  });

  it('can let requests in flight finish with their true result', async () => {
    const server = new FakeServer(ids('j', 10), () => 'hang');
    const { run } = runOver([{ id: 'A', server, concurrency: 3 }], 'delete');
    await server.until(() => server.inFlight === 3);
    run.abort({ waitForInFlight: true });
    await settle();
    server.release();
    const summary = await run.done;
    expect(summary.counts).toMatchObject({ deleted: 3, skipped: 7, failed: 0 });
    expect(server.jobs.size).toBe(7);
    expect(server.calls).toHaveLength(3);
  });

  it('ends a run aborted while paused', async () => {
    const server = new FakeServer(ids('j', 5));
    const { run } = runOver([{ id: 'A', server }], 'delete');
    run.pause();
    run.abort();
    const summary = await run.done;
    expect(server.calls).toHaveLength(0);
    expect(summary.counts.skipped).toBe(5);
  });
});

describe('pause', () => {
  it('starts no request while paused and continues on resume', async () => {
    let hanging = true;
    const server = new FakeServer(ids('j', 20), () => (hanging ? 'hang' : 'default'));
    const { run, audit } = runOver([{ id: 'A', server, concurrency: 2 }], 'delete');
    await server.until(() => server.inFlight === 2);
    run.pause();
    server.release();
    await audit.until(() => audit.jobLines().length === 2);
    await settle();
    await settle();
    expect(server.calls).toHaveLength(2);
    expect(run.snapshot()).toMatchObject({ paused: true, done: 2, etaSeconds: null });

    run.resume();
    await server.until(() => server.inFlight === 2);
    expect(server.calls).toHaveLength(4);
    hanging = false;
    server.release();
    expect((await run.done).counts.deleted).toBe(20);
  });

  it('holds retries too: a job waiting to retry does not send while paused', async () => {
    let resumeSleeps: () => void = () => {};
    const sleeping = new Promise<void>((resolve) => (resumeSleeps = resolve));
    const server = new FakeServer(['x'], (_op, _id, n) =>
      n === 1 ? { ok: false, error: { kind: 'timeout', message: 'slow' } } : 'default',
    );
    const { run } = runOver([{ id: 'A', server }], 'delete', { sleep: () => sleeping });
    await server.until(() => server.calls.length === 1);
    run.pause();
    resumeSleeps();
    await settle();
    await settle();
    expect(server.calls).toHaveLength(1);
    run.resume();
    expect((await run.done).counts.deleted).toBe(1);
    expect(server.calls).toHaveLength(2);
  });
});

describe('fairness across servers', () => {
  it('finishes a healthy server while another one hangs', async () => {
    const hung = new FakeServer(ids('h', 50), () => 'hang');
    const healthy = new FakeServer(ids('g', 200));
    const { run, audit } = runOver(
      [
        { id: 'H', server: hung, concurrency: 4 },
        { id: 'G', server: healthy, concurrency: 4 },
      ],
      'delete',
    );
    await audit.until(() => audit.jobLines().filter((l) => l.profileId === 'G').length === 200);
    expect(healthy.jobs.size).toBe(0);
    expect(hung.inFlight).toBe(4);
    await settle();
    const servers = run.snapshot().servers;
    expect(servers.find((s) => s.profileId === 'G')).toMatchObject({ done: 200, state: 'finished' });
    expect(servers.find((s) => s.profileId === 'H')).toMatchObject({ done: 0, inFlight: 4 });
    run.abort();
    const summary = await run.done;
    expect(byJob(summary.results).size).toBe(250);
  });

  it('never has more requests in flight on a server than its concurrency', async () => {
    const server = new FakeServer(ids('j', 300));
    const { run } = runOver([{ id: 'A', server, concurrency: 7 }], 'delete');
    await run.done;
    expect(server.maxInFlight).toBe(7);
  });
});

describe('audit failure', () => {
  it('stops the run when the audit log cannot be written, still giving every job a result', async () => {
    const server = new FakeServer(ids('j', 10));
    const { run, audit } = runOver([{ id: 'A', server }], 'delete');
    audit.failWith = new Error('ENOSPC: no space left on device');
    const summary = await run.done;
    expect(server.calls).toHaveLength(0);
    expect(summary.aborted).toBe(true);
    expect(summary.auditError).toMatch(/ENOSPC/);
    expect(summary.results.every((r) => r.outcome === 'skipped' && /audit log/.test(r.message!))).toBe(true);
  });
});
