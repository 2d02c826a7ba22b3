import { describe, expect, it, vi } from 'vitest';
import { MESSAGES } from '../../../../electron/core/bulk/job-result';
import { RESULT_COMMIT_LINES, RESULT_COMMIT_MS, RunLedger } from '../../../../electron/core/bulk/run-ledger';
import { WRITE_AHEAD_BATCH } from '../../../../electron/core/bulk/server-lane';
import { authFailed, FakeServer, fail, ids, reset, unableToDelete } from './fake-ops';
import { byJob, recordingSleep, runOver } from './harness';
import type { MemoryAudit } from './harness';

describe('a bulk delete', () => {
  it('deletes every job and reports each deleted once', async () => {
    const a = new FakeServer(ids('a', 30));
    const b = new FakeServer(ids('b', 20));
    const { run, audit } = runOver(
      [
        { id: 'A', server: a },
        { id: 'B', server: b },
      ],
      'delete',
    );
    const summary = await run.done;
    expect(summary.counts).toEqual({ deleted: 50, cancelled: 0, 'already-gone': 0, skipped: 0, failed: 0 });
    expect(byJob(summary.results).size).toBe(50);
    expect(a.jobs.size + b.jobs.size).toBe(0);
    expect(audit.jobLines()).toHaveLength(50);
    expect(audit.lines.at(-1)).toMatchObject({ type: 'run-end', aborted: false, counts: summary.counts });
  });

  it("makes the summary's results when first read, once, and as a copy of the summary carries them", async () => {
    const all = vi.spyOn(RunLedger.prototype, 'all');
    try {
      const a = new FakeServer(ids('a', 12));
      const { run } = runOver([{ id: 'A', server: a }], 'delete');
      const summary = await run.done;
      expect(all).not.toHaveBeenCalled(); // not made as the run ends
      const results = summary.results;
      expect(summary.results).toBe(results);
      expect(all).toHaveBeenCalledTimes(1);
      expect(results.map((r) => [r.jobId, r.outcome, r.attempts])).toEqual(
        ids('a', 12).map((id) => [id, 'deleted', 1]),
      );
      // A spread, JSON or structured clone of the summary reads them as a plain field.
      expect({ ...summary }.results).toBe(results);
      expect(JSON.parse(JSON.stringify(summary)).results).toHaveLength(12);
      expect(structuredClone(summary).results).toHaveLength(12);
      expect(all).toHaveBeenCalledTimes(1);
    } finally {
      all.mockRestore();
    }
  });

  it("writes each job's job-start line before its first request, in batches at most one wave and one batch ahead", async () => {
    const concurrency = 4;
    const jobs = 300;
    const startLines = (): string[] =>
      box.audit.lines.flatMap((l) => (l.type === 'job-start' ? [l.jobId] : []));
    const problems: string[] = [];
    const box = {} as { audit: MemoryAudit };
    const server = new FakeServer(ids('j', jobs), (op, jobId) => {
      const written = startLines();
      if (!written.includes(jobId)) problems.push(`${jobId} sent before its job-start line`);
      // Written ahead: at most one wave (the concurrency) and one batch beyond the jobs the workers hold,
      // and the workers hold at most one wave of jobs taken but not yet sent.
      if (written.length > server.calls.length + 2 * concurrency + WRITE_AHEAD_BATCH)
        problems.push(`${written.length} lines written with ${server.calls.length} jobs sent`);
      return 'default';
    });
    const started = runOver([{ id: 'A', server, concurrency }], 'delete');
    box.audit = started.audit;
    const summary = await started.run.done;
    expect(problems).toEqual([]);
    expect(summary.counts.deleted).toBe(jobs);
    expect(new Set(startLines()).size).toBe(jobs);
    expect(startLines()).toHaveLength(jobs);
    // In batches, not one write per job.
    const startWrites = started.audit.writes.filter((w) => w.some((l) => l.type === 'job-start'));
    expect(startWrites.length).toBeLessThanOrEqual(Math.ceil(jobs / WRITE_AHEAD_BATCH) + 1);
  });

  it('group-commits result lines: at most RESULT_COMMIT_LINES per write, each held at most RESULT_COMMIT_MS, all before run-end', async () => {
    const timers: Array<{ fn: () => void; ms: number; live: boolean }> = [];
    const schedule = (fn: () => void, ms: number) => {
      const timer = { fn, ms, live: true };
      timers.push(timer);
      return () => void (timer.live = false);
    };
    const jobs = 3 * RESULT_COMMIT_LINES;
    const server = new FakeServer(ids('j', jobs));
    const { run, audit } = runOver([{ id: 'A', server, concurrency: 8 }], 'delete', { schedule });
    // Every job answered: the lines of the last partial group wait for their timer (nothing is lost).
    await server.until(() => server.calls.length === jobs);
    const commits = timers.filter((t) => t.ms === RESULT_COMMIT_MS);
    expect(commits.length).toBeGreaterThan(0);
    for (const t of commits) if (t.live) t.fn();
    const summary = await run.done;
    expect(summary.counts.deleted).toBe(jobs);
    for (const write of audit.writes)
      expect(write.filter((l) => l.type === 'job').length).toBeLessThanOrEqual(RESULT_COMMIT_LINES);
    expect(audit.jobLines()).toHaveLength(jobs);
    const end = audit.lines.findIndex((l) => l.type === 'run-end');
    expect(end).toBe(audit.lines.length - 1);
  });

  it('gives exactly one true result per job whatever the server does', async () => {
    const server = new FakeServer(
      ['ok', 'gone', 'stuck', 'flaky', 'lost', 'broken', 'reset-then-gone'],
      (op, id, n) => {
        if (id === 'gone' && op === 'delete') return fail(unableToDelete);
        if (id === 'gone' && op === 'get') return fail({ kind: 'not-found', message: 'No job' });
        if (id === 'stuck' && op === 'delete') return fail(unableToDelete);
        if (id === 'flaky' && n < 3) return fail(reset);
        if (id === 'lost') return op === 'get' ? fail({ kind: 'not-found', message: 'No job' }) : fail(reset);
        if (id === 'broken' && op === 'delete') return 'throw';
        if (id === 'reset-then-gone' && op === 'delete') return n === 1 ? fail(reset) : fail(unableToDelete);
        if (id === 'reset-then-gone' && op === 'get') return fail({ kind: 'not-found', message: 'No job' });
        return 'default';
      },
    );
    const { run } = runOver([{ id: 'A', server }], 'delete');
    const results = byJob((await run.done).results);
    const outcome = (id: string) => results.get(`A/${id}`)!;
    expect(outcome('ok').outcome).toBe('deleted');
    expect(outcome('gone')).toMatchObject({
      outcome: 'already-gone',
      message: expect.stringMatching(/no longer exists/),
    });
    expect(outcome('stuck')).toMatchObject({ outcome: 'failed', kind: 'server', code: 400 });
    expect(outcome('stuck').message).toMatch(/Unable to delete job/);
    expect(outcome('flaky')).toMatchObject({ outcome: 'deleted', attempts: 3 });
    expect(outcome('lost')).toMatchObject({ outcome: 'already-gone', message: MESSAGES.goneAfterInterrupt });
    expect(outcome('broken')).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(/Unexpected error/),
    });
    expect(outcome('reset-then-gone')).toMatchObject({
      outcome: 'already-gone',
      message: MESSAGES.goneAfterInterrupt,
    });
    expect(results.size).toBe(7);
  });

  it('takes a job the server lists as Deleted for gone, not failed', async () => {
    const server = new FakeServer(['x'], (op) => {
      if (op === 'get') return { ok: true, value: { status: 'esriJobDeleted' } };
      return fail(unableToDelete);
    });
    const { run } = runOver([{ id: 'A', server }], 'delete');
    const [result] = (await run.done).results;
    expect(result).toMatchObject({ outcome: 'already-gone', status: 'esriJobDeleted' });
  });

  it('never reports deleted unless the server answered success', async () => {
    // Every delete reaches the server and removes the job, but the answer is lost.
    const server = new FakeServer(ids('j', 10), (op, id) => {
      if (op !== 'delete') return 'default';
      server.jobs.delete(id);
      return fail(reset);
    });
    const { run } = runOver([{ id: 'A', server }], 'delete');
    const summary = await run.done;
    expect(summary.counts.deleted).toBe(0);
    expect(summary.counts['already-gone']).toBe(10);
  });

  it('retries transient failures a bounded number of times with bounded waits', async () => {
    const server = new FakeServer(['x'], () => fail({ kind: 'timeout', message: 'Timed out' }));
    const { sleep, delays } = recordingSleep();
    const retry = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 };
    const { run } = runOver([{ id: 'A', server }], 'delete', { sleep, retry, random: () => 0.999 });
    const [result] = (await run.done).results;
    const ops = server.calls.map((c) => c.op);
    // Two rounds at most (the second once the rest of the queue is done), each of 4 tries and 2 checks.
    expect(ops.filter((op) => op === 'delete')).toHaveLength(8);
    expect(ops.filter((op) => op === 'get')).toHaveLength(4);
    expect(Math.max(...delays)).toBeLessThanOrEqual(250);
    expect(result).toMatchObject({ outcome: 'failed', kind: 'timeout', attempts: 12 });
    expect(result!.message).toMatch(
      /Gave up after 4 attempts: Timed out. Could not check the job afterwards/,
    );
    expect(result!.message).toMatch(/may have reached the server/);
  });

  it('does not retry a permanent error', async () => {
    const server = new FakeServer(['x'], (op) => (op === 'delete' ? fail(unableToDelete) : 'default'));
    const { run } = runOver([{ id: 'A', server }], 'delete');
    await run.done;
    expect(server.calls.map((c) => c.op)).toEqual(['delete', 'get']);
  });

  it('fails a job with bad credentials without checking it', async () => {
    const server = new FakeServer(['x'], () => fail(authFailed));
    const { run } = runOver([{ id: 'A', server }], 'delete');
    const [result] = (await run.done).results;
    expect(result).toMatchObject({ outcome: 'failed', kind: 'auth', code: 498 });
    expect(server.calls).toHaveLength(1);
  });

  it('fails the jobs of a server it has no connection for', async () => {
    const server = new FakeServer(['x']);
    const { run } = runOver([{ id: 'A', server }], 'delete', { operations: new Map() });
    const [result] = (await run.done).results;
    expect(result).toMatchObject({ outcome: 'failed', kind: 'config' });
  });
});

describe('a bulk cancel', () => {
  it('cancels running jobs and skips the others with a reason', async () => {
    const server = new FakeServer(['run'], () => 'default', 'esriJobExecuting');
    server.jobs.set('done', 'esriJobSucceeded');
    const { run } = runOver([{ id: 'A', server }], 'cancel');
    const results = byJob((await run.done).results);
    expect(results.get('A/run')!.outcome).toBe('cancelled');
    expect(results.get('A/done')).toMatchObject({
      outcome: 'skipped',
      message: expect.stringMatching(/Not cancellable/),
    });
    expect(server.calls.map((c) => c.jobId)).toEqual(['run']);
  });

  it('skips a job that finished between the listing and the cancel', async () => {
    const server = new FakeServer(
      ['x'],
      (op) => {
        if (op === 'cancel') server.jobs.set('x', 'esriJobSucceeded');
        return 'default';
      },
      'esriJobExecuting',
    );
    const { run } = runOver([{ id: 'A', server }], 'cancel');
    const [result] = (await run.done).results;
    expect(result).toMatchObject({ outcome: 'skipped', status: 'esriJobSucceeded' });
    expect(result!.message).toMatch(/No longer cancellable: the job is now Succeeded/);
  });
});
