/**
 * Fault tests: one faulty server with 500 jobs and two healthy ones, all at once. For each fault: every job
 * has exactly one result that agrees with the simulator, retries are bounded, and the healthy servers finish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkRunOptions } from '../../../electron/core/bulk/runner';
import type { BulkRunSummary } from '../../../electron/core/bulk/types';
import { CHECK_ATTEMPTS } from '../../../electron/core/bulk/job-task';
import type { ServerSpec } from './helpers';
import {
  deleteOnFleet,
  expectTruth,
  FAST_BREAKER,
  FAST_RETRY,
  MAX_REQUESTS_PER_JOB,
  maxRequestsForOneJob,
  resultsOf,
  SimFleet,
  tally,
} from './helpers';

let fleet: SimFleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const onJob = (r: { path: string }): boolean => /\/jobs\/[^/]+(\/(delete|cancel))?$/.test(r.path);

/** Starts the fleet, lets `arrange` break server A, runs a delete of everything and checks the truth. */
async function deleteWithFault(
  faulty: ServerSpec,
  arrange: (f: SimFleet) => void | Promise<void>,
  extra: Partial<BulkRunOptions> = {},
): Promise<BulkRunSummary> {
  fleet = await SimFleet.start([
    { jobs: 500, concurrency: 6, ...faulty },
    { jobs: 150, concurrency: 4 },
    { jobs: 150, concurrency: 4 },
  ]);
  const jobs = fleet.jobs();
  await arrange(fleet);
  const summary = await deleteOnFleet(fleet, jobs, extra);
  expectTruth(summary.results, jobs, fleet);
  for (const healthy of [fleet.server(1), fleet.server(2)]) {
    expect(tally(resultsOf(summary.results, healthy))).toEqual({ deleted: 150 });
    expect(healthy.sim.jobs()).toHaveLength(0);
  }
  expect(resultsOf(summary.results, fleet.server(0))).toHaveLength(500);
  expect(maxRequestsForOneJob(fleet.server(0).sim)).toBeLessThanOrEqual(MAX_REQUESTS_PER_JOB);
  return summary;
}

describe('bulk delete under faults', () => {
  it('survives token expiry mid-run: the client refreshes and every job is deleted', async () => {
    let deletes = 0;
    const summary = await deleteWithFault({}, (f) => {
      const sim = f.server(0).sim;
      sim.onRequest((r) => {
        if (!r.url.includes('/delete')) return;
        deletes++;
        if (deletes === 100 || deletes === 300) sim.expireTokens();
      });
    });
    expect(tally(resultsOf(summary.results, fleet!.server(0)))).toEqual({ deleted: 500 });
    expect(deletes).toBeGreaterThan(300);
  });

  it('checks the job after an HTTP 500 and retries while it is still there: every job deleted', async () => {
    const summary = await deleteWithFault(
      {},
      (f) => void f.server(0).sim.addFault({ kind: 'http500', rate: 0.05, match: onJob }),
    );
    expect(tally(resultsOf(summary.results, fleet!.server(0)))).toEqual({ deleted: 500 });
  });

  it('reports a job whose delete keeps answering HTTP 500 as failed once the budget is spent', async () => {
    let doomed = '';
    const summary = await deleteWithFault({}, (f) => {
      doomed = f.server(0).sim.jobs()[7]!.jobId;
      f.server(0).sim.addFault({ kind: 'http500', match: (r) => r.path.endsWith(`/${doomed}/delete`) });
    });
    const a = resultsOf(summary.results, fleet!.server(0));
    expect(tally(a)).toEqual({ deleted: 499, failed: 1 });
    expect(a.find((r) => r.outcome === 'failed')).toMatchObject({
      jobId: doomed,
      kind: 'server',
      code: 500,
      message: expect.stringMatching(/^Gave up after 4 attempts/),
    });
  });

  it("never records a job as gone on a front end's JSON 404 to the check: the job is reported failed", async () => {
    let doomed = '';
    const summary = await deleteWithFault({}, (f) => {
      const sim = f.server(0).sim;
      doomed = sim.jobs()[7]!.jobId;
      sim.addFault({ kind: 'http500', match: (r) => r.path.endsWith(`/${doomed}/delete`) });
      sim.addFault({ kind: 'http404-json', match: (r) => r.path.endsWith(`/jobs/${doomed}`) });
    });
    const a = resultsOf(summary.results, fleet!.server(0));
    expect(tally(a)).toEqual({ deleted: 499, failed: 1 });
    expect(a.find((r) => r.jobId === doomed)).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(/Could not check the job afterwards: .*nothing is known about/),
    });
    expect(
      fleet!
        .server(0)
        .sim.jobs()
        .map((j) => j.jobId),
    ).toEqual([doomed]);
  });

  it('retries connection resets until the jobs are deleted', async () => {
    const summary = await deleteWithFault(
      {},
      (f) => void f.server(0).sim.addFault({ kind: 'reset', rate: 0.05, match: onJob }),
    );
    expect(tally(resultsOf(summary.results, fleet!.server(0)))).toEqual({ deleted: 500 });
    expect(fleet!.server(0).sim.requests.length).toBeGreaterThan(500);
  });

  it('checks the job after an HTML page instead of JSON and retries: every job deleted', async () => {
    const summary = await deleteWithFault({}, (f) => {
      f.server(0).sim.addFault({ kind: 'html-login', rate: 0.03, match: onJob });
      f.server(0).sim.addFault({ kind: 'http500-html', rate: 0.03, match: onJob });
    });
    expect(tally(resultsOf(summary.results, fleet!.server(0)))).toEqual({ deleted: 500 });
  });

  it('treats slow answers past the timeout as interrupted, never as deleted without confirmation', async () => {
    const summary = await deleteWithFault(
      { timeoutMs: 1_000 },
      (f) => void f.server(0).sim.addFault({ kind: 'slow', delayMs: 2_500, rate: 0.05, match: onJob }),
    );
    const a = resultsOf(summary.results, fleet!.server(0));
    const retried = a.filter((r) => r.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const r of retried) {
      // Deleted by the retry, or found gone (the slow request got there first), or honestly failed.
      if (r.outcome === 'already-gone') expect(r.message).toMatch(/Gone after an interrupted request/);
      else if (r.outcome === 'failed') expect(r.kind).toBe('timeout');
      else expect(r.outcome).toBe('deleted');
    }
    expect(a.filter((r) => r.outcome === 'failed').length).toBeLessThan(retried.length);
  });

  it('waits out a server that goes down and comes back, and finishes its jobs', async () => {
    let downAt = 0;
    let wentDown = false;
    let cameBack = false;
    const summary = await deleteWithFault(
      {},
      (f) => {
        const sim = f.server(0).sim;
        sim.onRequest((r) => {
          if (r.url.includes('/delete') && ++downAt === 120 && !wentDown) {
            wentDown = true;
            void sim.setDown(true);
          }
        });
      },
      {
        progressIntervalMs: 5,
        onProgress: (e) => {
          const a = e.servers.find((s) => s.profileId === fleet!.server(0).profile.id)!;
          if (wentDown && !cameBack && a.state === 'cooling-down') {
            cameBack = true;
            void fleet!.server(0).sim.setDown(false);
          }
        },
      },
    );
    expect(cameBack).toBe(true);
    const a = tally(resultsOf(summary.results, fleet!.server(0)));
    expect(a.failed ?? 0).toBe(0);
    expect((a.deleted ?? 0) + (a['already-gone'] ?? 0)).toBe(500);
    expect(fleet!.server(0).sim.jobs()).toHaveLength(0);
  });

  it('gives up on a server that stays down without hammering it, while the others finish', async () => {
    const summary = await deleteWithFault({}, (f) => f.server(0).sim.setDown(true));
    const a = resultsOf(summary.results, fleet!.server(0));
    expect(tally(a)).toEqual({ failed: 500 });
    const notAttempted = a.filter((r) => r.attempts === 0);
    expect(notAttempted.length).toBeGreaterThanOrEqual(
      500 - (FAST_BREAKER.threshold + 6 + FAST_BREAKER.maxProbes),
    );
    expect(notAttempted[0]!.message).toMatch(/Not attempted: Sim A could not be reached/);
    // Threshold jobs, those in flight with them, and the probes; each with at most 4 tries and one check.
    const jobsTried = FAST_BREAKER.threshold + 5 + FAST_BREAKER.maxProbes;
    expect(fleet!.server(0).ops.calls).toBeLessThanOrEqual(
      jobsTried * (FAST_RETRY.maxAttempts + CHECK_ATTEMPTS),
    );
    expect(fleet!.server(0).sim.jobs()).toHaveLength(500);
  });
});
