import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../electron/core/audit/audit-log';
import { readRunResults } from '../../../electron/core/audit/audit-reader';
import { MESSAGES } from '../../../electron/core/bulk/job-result';
import { startBulkRun } from '../../../electron/core/bulk/runner';
import { expectTruth, FAST_RETRY, SimFleet } from './helpers';
import { tempDir } from '../profiles/temp-dir';

/** Resolves after one macrotask turn: long enough for the runner to take any step it would take. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('abort against a real server', () => {
  it('starts nothing after abort, and keeps and logs the results so far', async () => {
    const fleet = await SimFleet.forTest([{ jobs: 600, concurrency: 4, latencyMs: 5 }]);
    const jobs = fleet.jobs();
    const { ops, sim } = fleet.server(0);
    const file = path.join(await tempDir('bulk'), 'audit.jsonl');
    const audit = await openAuditLog(file);
    const run = startBulkRun({
      jobs,
      action: 'delete',
      profiles: fleet.profiles(),
      operations: fleet.operations(),
      audit,
      retry: FAST_RETRY,
    });
    await ops.until(() => ops.calls >= 100);
    run.abort();
    const callsAtAbort = ops.calls;
    const summary = await run.done;
    await sim.waitForIdle();

    expect(ops.calls).toBe(callsAtAbort);
    expect(sim.stats.inFlight).toBe(0);
    expectTruth(summary.results, jobs, fleet);
    expect(summary.counts.deleted).toBeGreaterThanOrEqual(90);
    expect(summary.results.filter((r) => r.message === MESSAGES.notStarted).length).toBeGreaterThan(400);
    expect(summary.aborted).toBe(true);
    // Every result is in the log, and the log says the run was aborted (not interrupted).
    const logged = await readRunResults(file, summary.runId);
    expect(logged!.results).toHaveLength(600);
    expect(logged!.run).toMatchObject({ aborted: true, interrupted: false });
    expect(logged!.results.filter((r) => r.outcome === 'deleted')).toHaveLength(summary.counts.deleted);
  });
});

describe('pause against a real server', () => {
  it('sends no request while paused and finishes everything after resume', async () => {
    const fleet = await SimFleet.forTest([{ jobs: 500, concurrency: 4, latencyMs: 2 }]);
    const jobs = fleet.jobs();
    const { ops, sim } = fleet.server(0);
    const run = startBulkRun({
      jobs,
      action: 'delete',
      profiles: fleet.profiles(),
      operations: fleet.operations(),
      retry: FAST_RETRY,
    });
    await ops.until(() => ops.calls >= 50);
    run.pause();
    await ops.until(() => ops.inFlight === 0);
    const calls = ops.calls;
    const received = sim.requests.length;
    for (let i = 0; i < 5; i++) await turn();
    expect(ops.calls).toBe(calls);
    expect(sim.requests.length).toBe(received);
    expect(run.snapshot()).toMatchObject({ paused: true, finished: false });

    run.resume();
    const summary = await run.done;
    expect(summary.counts.deleted).toBe(500);
    expectTruth(summary.results, jobs, fleet);
  });
});
