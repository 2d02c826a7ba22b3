/**
 * The client against every layout of `jobs/query` the simulator can answer (keyed `results` by default,
 * keyed values with some or no fields, arrays `jobs` and `results`), on sites with different context
 * paths, with statuses the query does not document, and with server numbers that must not drive a loop.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueryShape, SimJob, Simulator } from '../../arcgis-sim';
import { QUERY_SHAPES, startSimulator } from '../../arcgis-sim';
import type { Job } from '../../../electron/core/types';
import { MAX_PAGES } from '../../../electron/core/arcgis/job-query';
import { Clients, expectNoTokenInUrls } from './helpers';

let sim: Simulator;
const clients = new Clients();
const SERVICE = 'Tools/Buffer';

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, jobs: 300, services: 3, jobDurationMs: Infinity });
});

afterEach(async () => {
  sim.setQueryShape('keyed');
  sim.setClaimedTotal(null);
  await clients.closeAll();
});

afterAll(async () => {
  expectNoTokenInUrls(sim);
  await sim.close();
});

const needed = (j: Pick<Job, 'jobId' | 'status' | 'submittedTime'>): string =>
  `${j.jobId} ${j.status} ${j.submittedTime}`;
const full = (j: Pick<Job, 'jobId' | 'status' | 'submittedTime' | 'endTime' | 'username'>): string =>
  `${needed(j)} ${j.endTime} ${j.username}`;
const ofService = (s: Simulator, service = SERVICE): SimJob[] =>
  s.jobs().filter((j) => j.service === service);
const jobLookups = (s: Simulator, from: number): number =>
  s.requests.slice(from).filter((r) => /\/jobs\/j[^/]+$/.test(r.url)).length;

describe.each(QUERY_SHAPES.map((shape) => [shape]))('jobs/query answered as %s', (shape: QueryShape) => {
  it('lists every job of every service with the status and submitted time the server holds', async () => {
    sim.setQueryShape(shape);
    const from = sim.requests.length;
    const r = await clients.make(sim).listJobs({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.failures).toEqual([]);
    expect(r.value.warnings).toEqual([]);
    expect(r.value.jobs.map(needed).sort()).toEqual(sim.jobs().map(needed).sort());
    if (!shape.startsWith('keyed-')) {
      expect(r.value.jobs.map(full).sort()).toEqual(sim.jobs().map(full).sort());
      expect(jobLookups(sim, from)).toBe(0);
    } else {
      // Only jobs whose entry lacked a needed field are read one by one.
      const lacking = shape === 'keyed-empty' ? sim.jobs().length : Math.floor(sim.jobs().length / 2);
      expect(jobLookups(sim, from)).toBeLessThanOrEqual(lacking + 3);
      expect(jobLookups(sim, from)).toBeGreaterThan(0);
    }
  });

  it('filters by status and user on the server, never inventing a status', async () => {
    sim.setQueryShape(shape);
    const client = clients.make(sim);
    const failed = await client.queryJobs(SERVICE, { statuses: ['esriJobFailed'] });
    expect(failed.ok && failed.value.map(needed).sort()).toEqual(
      ofService(sim)
        .filter((j) => j.status === 'esriJobFailed')
        .map(needed)
        .sort(),
    );
    const mine = await client.queryJobs(SERVICE, { username: 'analyst1' });
    expect(mine.ok && mine.value.every((j) => j.username === 'analyst1')).toBe(true);
    expect(mine.ok && mine.value.map((j) => j.jobId).sort()).toEqual(
      ofService(sim)
        .filter((j) => j.username === 'analyst1')
        .map((j) => j.jobId)
        .sort(),
    );
  });
});

describe('statuses the query does not document', () => {
  it('never sends TimedOut, Deleting or Deleted as jobStatus and filters them on the client', async () => {
    const from = sim.requests.length;
    const statuses = ['esriJobTimedOut', 'esriJobFailed', 'esriJobDeleted'] as const;
    const r = await clients.make(sim).queryJobs(SERVICE, { statuses: [...statuses] });
    const sent = sim.requests.slice(from).map((q) => q.params.jobStatus);
    expect(sent.filter((s) => s && !s.startsWith('esriJob'))).toEqual([]);
    for (const s of ['esriJobTimedOut', 'esriJobDeleting', 'esriJobDeleted']) expect(sent).not.toContain(s);
    const expected = ofService(sim).filter((j) => (statuses as readonly string[]).includes(j.status));
    expect(expected.some((j) => j.status === 'esriJobTimedOut')).toBe(true);
    expect(r.ok && r.value.map(needed).sort()).toEqual(expected.map(needed).sort());
  });
});

describe('context paths', () => {
  it.each([['server'], ['gis/jobsite']])('lists every job of a site served under /%s', async (path) => {
    const other = await startSimulator({ seed: 32, jobs: 60, services: 2, contextPath: path });
    try {
      expect(other.url.endsWith(`/${path}`)).toBe(true);
      const client = clients.make(other);
      expect((await client.testConnection()).ok).toBe(true);
      const r = await client.listJobs({});
      expect(r.ok && r.value.jobs.map(needed).sort()).toEqual(other.jobs().map(needed).sort());
      expectNoTokenInUrls(other);
    } finally {
      await clients.closeAll();
      await other.close();
    }
  });
});

describe('server numbers are bounded', () => {
  it('a page claiming 10^12 jobs neither crashes nor loops: pages are capped and the cap is reported', async () => {
    sim.setClaimedTotal(1e12);
    const from = sim.requests.length;
    const r = await clients.make(sim, { concurrency: 8 }).listJobs({}, [SERVICE]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.jobs.map(needed).sort()).toEqual(ofService(sim).map(needed).sort());
    expect(r.value.warnings).toEqual([
      { service: SERVICE, message: expect.stringMatching(/reports 10\^12 jobs; listing stopped at \d+/) },
    ]);
    expect(sim.requests.length - from).toBeLessThanOrEqual(MAX_PAGES + 2);
  });
});

describe('no silent gaps while paging concurrently', () => {
  /** Inserts an old job (so later jobs shift) when the second page of 20 is read, `times` times. */
  function shiftPages(s: Simulator, times: number): () => void {
    let left = times;
    return s.onRequest((req) => {
      if (left > 0 && req.url.includes('/jobs/query') && req.params.start === '21') {
        left--;
        s.submitJob(SERVICE, { status: 'esriJobSucceeded', submittedTime: 1000 + left });
      }
    });
  }

  it('re-reads once when fewer unique jobs arrived than the server counts, and then has them all', async () => {
    const stop = shiftPages(sim, 1);
    try {
      const r = await clients.make(sim).queryJobs(SERVICE, {}, { pageSize: 20 });
      expect(r.ok && r.value.map((j) => j.jobId).sort()).toEqual(
        ofService(sim)
          .map((j) => j.jobId)
          .sort(),
      );
    } finally {
      stop();
    }
  });

  it('says how many jobs may be missing when the list keeps changing', async () => {
    const stop = shiftPages(sim, 2);
    try {
      const r = await clients.make(sim, { concurrency: 1 }).listJobs({}, [SERVICE], { pageSize: 20 });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.warnings).toEqual([
        {
          service: SERVICE,
          message: expect.stringMatching(/^Tools\/Buffer: 1 jobs may be missing.*refresh/),
        },
      ]);
      expect(r.value.jobs.length).toBe(ofService(sim).length - 1);
    } finally {
      stop();
    }
  });
});
