/**
 * A bulk delete through the real client against simulators whose front end answers 429 or 503 with
 * `Retry-After` (the simulator's `retryAfter` knob): the run waits as asked through its injected sleep
 * (recorded, never waited in real time), every job ends with the simulator's truth, and a server that asks
 * for more than a minute has its jobs failed with that reason while the others finish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Sleep } from '../../../electron/core/bulk/types';
import {
  deleteOnFleet,
  expectTruth,
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

const onDelete = (r: { path: string }): boolean => r.path.endsWith('/delete');

function recordingSleep(): { naps: number[]; sleep: Sleep } {
  const naps: number[] = [];
  return { naps, sleep: async (ms) => void naps.push(ms) };
}

describe('bulk delete behind a front end that answers Retry-After', () => {
  it('waits as asked on 429 and 503 and deletes every job', async () => {
    fleet = await SimFleet.start([
      { jobs: 200, concurrency: 4 },
      { jobs: 60, concurrency: 4 },
    ]);
    const jobs = fleet.jobs();
    const sim = fleet.server(0).sim;
    sim.addFault({ kind: 'http429', retryAfter: '2', rate: 0.05, match: onDelete });
    sim.addFault({ kind: 'http503', retryAfter: '3', count: 5, match: onDelete });
    const { naps, sleep } = recordingSleep();
    const summary = await deleteOnFleet(fleet, jobs, { sleep });
    expectTruth(summary.results, jobs, fleet);
    expect(tally(summary.results)).toEqual({ deleted: 260 });
    expect(sim.jobs()).toHaveLength(0);
    // The waits asked for, not the test policy's backoff of at most 100 ms.
    expect(naps.some((ms) => ms > 2500 && ms <= 3000)).toBe(true);
    expect(naps.some((ms) => ms > 1500 && ms <= 2000)).toBe(true);
    expect(maxRequestsForOneJob(sim)).toBeLessThanOrEqual(MAX_REQUESTS_PER_JOB);
  });

  it('fails the jobs of a server that asks for more than a minute, naming the wait; the others finish', async () => {
    fleet = await SimFleet.start([
      { jobs: 100, concurrency: 4 },
      { jobs: 60, concurrency: 4 },
    ]);
    const jobs = fleet.jobs();
    const limited = fleet.server(0);
    limited.sim.addFault({ kind: 'http429', retryAfter: '600', match: onDelete });
    const { naps, sleep } = recordingSleep();
    const summary = await deleteOnFleet(fleet, jobs, { sleep });
    expectTruth(summary.results, jobs, fleet);
    expect(tally(resultsOf(summary.results, fleet.server(1)))).toEqual({ deleted: 60 });
    const failed = resultsOf(summary.results, limited);
    expect(tally(failed)).toEqual({ failed: 100 });
    const host = new URL(limited.sim.url).host;
    expect(failed.every((r) => r.message!.includes(host) && /retried in 600 s/.test(r.message!))).toBe(true);
    // One delete per job tried (no check, no retry), and the lane held after five in a row.
    const deletes = limited.sim.requests.filter((r) => r.url.endsWith('/delete'));
    expect(deletes.length).toBeLessThanOrEqual(5 + 4);
    expect(limited.sim.requests.some((r) => /\/jobs\/[^/]+$/.test(r.url))).toBe(false);
    expect(naps.every((ms) => ms <= 60_000)).toBe(true);
  });
});
