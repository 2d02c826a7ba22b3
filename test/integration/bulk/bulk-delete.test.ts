import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../electron/core/audit/audit-log';
import { readRunResults, readRuns } from '../../../electron/core/audit/audit-reader';
import { planBulk } from '../../../electron/core/bulk/plan';
import { startBulkRun } from '../../../electron/core/bulk/runner';
import { expectTruth, FAST_BREAKER, FAST_RETRY, resultsOf, SimFleet } from './helpers';
import { tempDir } from '../profiles/temp-dir';

describe('bulk delete over three simulated servers', () => {
  it('deletes 2,000 jobs with the right result for each, agreeing with every server job by job', async () => {
    const fleet = await SimFleet.forTest([
      { jobs: 800, concurrency: 8 },
      { jobs: 700, concurrency: 6 },
      { jobs: 500, concurrency: 4 },
    ]);
    const jobs = fleet.jobs();
    expect(jobs).toHaveLength(2_000);
    const file = path.join(await tempDir('bulk'), 'audit.jsonl');
    const run = startBulkRun({
      jobs,
      action: 'delete',
      profiles: fleet.profiles(),
      operations: fleet.operations(),
      audit: await openAuditLog(file),
      retry: FAST_RETRY,
      breaker: FAST_BREAKER,
    });
    const summary = await run.done;

    expect(summary.counts).toEqual({
      deleted: 2_000,
      cancelled: 0,
      'already-gone': 0,
      skipped: 0,
      failed: 0,
    });
    expectTruth(summary.results, jobs, fleet);
    for (const s of fleet.servers) expect(s.sim.jobs()).toHaveLength(0);
    const [logged] = await readRuns(file);
    expect(logged).toMatchObject({ runId: summary.runId, interrupted: false, done: 2_000, total: 2_000 });
    expect(logged!.servers).toEqual(['Sim A', 'Sim B', 'Sim C']);
    const fromLog = await readRunResults(file, summary.runId);
    expect(fromLog!.results.filter((r) => r.outcome === 'deleted')).toHaveLength(2_000);
  });

  it('cancels only Submitted and Executing jobs and skips the rest', async () => {
    const fleet = await SimFleet.forTest([{ jobs: 300, concurrency: 4 }]);
    const jobs = fleet.jobs();
    const plan = planBulk(jobs, 'cancel', fleet.profiles());
    expect(plan.eligible).toBeGreaterThan(0);
    const run = startBulkRun({ plan, operations: fleet.operations(), retry: FAST_RETRY });
    const summary = await run.done;
    const sim = fleet.server(0).sim;
    expectTruth(summary.results, jobs, fleet);
    for (const r of summary.results) {
      const now = sim.getJob(r.service, r.jobId)!.status;
      if (r.outcome === 'cancelled') expect(['esriJobCancelling', 'esriJobCancelled']).toContain(now);
      else expect(r.outcome).toBe('skipped');
    }
    expect(summary.counts.cancelled).toBe(plan.eligible);
    expect(summary.counts.skipped).toBe(plan.skipped);
  });
});

describe('concurrency', () => {
  it('never sends more simultaneous requests to a server than its concurrency, and does send that many', async () => {
    const fleet = await SimFleet.forTest([
      { jobs: 150, concurrency: 3, latencyMs: 15 },
      { jobs: 250, concurrency: 7, latencyMs: 15 },
    ]);
    const jobs = fleet.jobs();
    const summary = await startBulkRun({
      jobs,
      action: 'delete',
      profiles: fleet.profiles(),
      operations: fleet.operations(),
      retry: FAST_RETRY,
    }).done;
    expect(summary.counts.deleted).toBe(400);
    expect(fleet.server(0).sim.stats.maxInFlight).toBe(3);
    expect(fleet.server(1).sim.stats.maxInFlight).toBe(7);
    expect(resultsOf(summary.results, fleet.server(1))).toHaveLength(250);
  });
});
