import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../../electron/core/audit/audit-log';
import { readRunResults, readRuns } from '../../../../electron/core/audit/audit-reader';
import { loadRetryPlan, retryFailed } from '../../../../electron/core/bulk/retry-failed';
import { startBulkRun } from '../../../../electron/core/bulk/runner';
import { WRITE_AHEAD_BATCH } from '../../../../electron/core/bulk/server-lane';
import type { BulkProfile } from '../../../../electron/core/bulk/types';
import { FakeServer, fail, ids, unableToDelete } from './fake-ops';
import { runOver } from './harness';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gpjobs-retry-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const profiles: BulkProfile[] = [{ id: 'A', name: 'Server A', concurrency: 4, production: false }];

/** Jobs j-0..j-9 where the first delete of j-0..j-2 fails and later ones succeed. */
function flakyServer(): FakeServer {
  const server = new FakeServer(ids('j', 10), (op, id, n) =>
    op === 'delete' && ['j-0', 'j-1', 'j-2'].includes(id) && n === 1 ? fail(unableToDelete) : 'default',
  );
  return server;
}

describe('retry failed', () => {
  it('re-runs only the failed jobs of a finished run', async () => {
    const server = flakyServer();
    const first = await runOver([{ id: 'A', server }], 'delete').run.done;
    expect(first.counts).toMatchObject({ deleted: 7, failed: 3 });

    const { plan, retryOf } = retryFailed(first, profiles);
    expect(retryOf).toBe(first.runId);
    expect(plan.jobs.map((j) => j.jobId).sort()).toEqual(['j-0', 'j-1', 'j-2']);
    const second = await startBulkRun({
      plan,
      retryOf,
      operations: new Map([['A', server]]),
      sleep: async () => {},
    }).done;
    expect(second.counts).toMatchObject({ deleted: 3, failed: 0 });
    expect(server.jobs.size).toBe(0);
  });

  it('plans the retry from the audit log, recording which run it retries', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const audit = await openAuditLog(file);
    const server = flakyServer();
    const first = await runOver([{ id: 'A', server }], 'delete', { audit }).run.done;

    const loaded = await loadRetryPlan(file, first.runId, profiles);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.plan.total).toBe(3);
    const { plan, retryOf } = loaded.value;
    await startBulkRun({ plan, retryOf, operations: new Map([['A', server]]), audit, sleep: async () => {} })
      .done;

    const runs = await readRuns(file);
    expect(runs.map((r) => [r.counts.deleted, r.counts.failed, r.interrupted])).toEqual([
      [7, 3, false],
      [3, 0, false],
    ]);
    expect(runs[1]!.retryOf).toBe(first.runId);
    expect((await loadRetryPlan(file, 'missing', profiles)).ok).toBe(false);
  });

  it('takes the unfinished jobs of an interrupted run as well', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const audit = await openAuditLog(file);
    const server = new FakeServer(ids('j', 100), () => 'hang');
    const { run } = runOver([{ id: 'A', server, concurrency: 2 }], 'delete', { audit });
    await server.until(() => server.inFlight === 2);
    await audit.flush();
    // Simulate a crash: the log stops here (the run never ends in this file).
    const crashed = path.join(dir, 'crashed.jsonl');
    await fs.copyFile(file, crashed);
    run.abort();
    await run.done;

    const data = await readRunResults(crashed, run.runId);
    expect(data!.run.interrupted).toBe(true);
    // The two requests in flight are listed as possibly sent, with at most one wave (the concurrency, 2)
    // and one write-ahead batch of jobs whose line was already written although their request never went out.
    const possiblySent = data!.inFlight.map((j) => j.jobId);
    for (const call of server.calls) expect(possiblySent).toContain(call.jobId);
    expect(server.calls).toHaveLength(2);
    expect(possiblySent.length).toBeGreaterThanOrEqual(2);
    expect(possiblySent.length).toBeLessThanOrEqual(2 + 2 + WRITE_AHEAD_BATCH);
    expect(data!.unfinished.length).toBe(100);
    expect(retryFailed(data!, profiles).plan.total).toBe(100);
  });

  it('can also take jobs an abort kept from starting', async () => {
    const server = new FakeServer(ids('j', 6), () => 'hang');
    const { run } = runOver([{ id: 'A', server, concurrency: 2 }], 'delete');
    await server.until(() => server.inFlight === 2);
    run.abort();
    const summary = await run.done;
    expect(retryFailed(summary, profiles).plan.total).toBe(2);
    expect(retryFailed(summary, profiles, { includeNotStarted: true }).plan.total).toBe(6);
  });
});
