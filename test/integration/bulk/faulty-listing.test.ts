/**
 * A filtered clean-up on flaky sites: two servers of 600 jobs, each answering 5% of all requests with a
 * proxy's HTML 500 page and resetting 2% of connections (token, discovery, job pages, deletes, checks).
 * The listing must still find 100% of the matching jobs, and every job must get one result that agrees
 * with the server. It runs in every layout of `jobs/query` the simulator answers, so retries and the
 * per-job reads that fill in a partial page are exercised together.
 */
import { afterEach, expect, it } from 'vitest';
import { QUERY_SHAPES } from '../../arcgis-sim';
import { deleteOnFleet, expectTruth, SimFleet, tally } from './helpers';

let fleet: SimFleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

it.each(QUERY_SHAPES)(
  '2 servers x 600 jobs answering 5 in 100 requests with HTML 500s and resetting 2 in 100, jobs/query as %s: a filtered delete gets every failed job',
  async (shape) => {
    fleet = await SimFleet.start([
      { jobs: 600, concurrency: 6 },
      { jobs: 600, concurrency: 6 },
    ]);
    const wanted = fleet.jobs().filter((j) => j.status === 'esriJobFailed');
    expect(wanted.length).toBeGreaterThan(60);
    for (const { sim } of fleet.servers) {
      sim.setQueryShape(shape);
      sim.addFault({ kind: 'http500-html', rate: 0.05 });
      sim.addFault({ kind: 'reset', rate: 0.02 });
    }
    const listed = await Promise.all(
      fleet.servers.map((s) => s.client.listJobs({ statuses: ['esriJobFailed'] })),
    );
    const jobs = listed.flatMap((r) => {
      expect(r.ok && { failures: r.value.failures, warnings: r.value.warnings }).toEqual({
        failures: [],
        warnings: [],
      });
      return r.ok ? r.value.jobs : [];
    });
    const key = (j: { profileId: string; jobId: string }): string => `${j.profileId}/${j.jobId}`;
    expect(jobs.map(key).sort()).toEqual(wanted.map(key).sort());
    // The faults really fired: the faulty listing took more requests than a clean one of the same jobs.
    const faultyRequests = fleet.servers.map((s) => s.sim.requests.length);
    for (const s of fleet.servers) s.sim.clearFaults();
    await Promise.all(fleet.servers.map((s) => s.client.listJobs({ statuses: ['esriJobFailed'] })));
    fleet.servers.forEach((s, i) => {
      const clean = s.sim.requests.length - faultyRequests[i]!;
      expect(faultyRequests[i]!).toBeGreaterThan(clean);
      s.sim.addFault({ kind: 'http500-html', rate: 0.05 });
      s.sim.addFault({ kind: 'reset', rate: 0.02 });
    });

    const summary = await deleteOnFleet(fleet, jobs);
    expectTruth(summary.results, jobs, fleet);
    expect(tally(summary.results)).toEqual({ deleted: wanted.length });
    for (const { sim, profile } of fleet.servers) {
      expect(sim.jobs().filter((j) => j.status === 'esriJobFailed')).toEqual([]);
      expect(sim.jobs()).toHaveLength(600 - wanted.filter((j) => j.profileId === profile.id).length);
    }
  },
);
