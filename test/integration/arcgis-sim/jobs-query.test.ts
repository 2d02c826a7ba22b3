import { beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../arcgis-sim/index';
import type { SimJob } from '../../arcgis-sim/index';
import { QUERY_SHAPES } from '../../arcgis-sim/index';
import { JOB_STATUSES } from '../../../electron/core/types';
import { simClient, useSim } from './client';

const QUERY = '/services/Tools/Buffer.GPServer/jobs/query';
const NOW = 1_760_000_000_000;
const WEEK = 7 * 24 * 3_600_000;

describe('arcgis-sim jobs/query', () => {
  const site = useSim({ seed: 11, jobs: 600, now: NOW, clock: () => NOW, maxPageSize: 100 });
  let buffer: SimJob[];
  beforeAll(() => {
    buffer = site.sim.jobs().filter((j) => j.service === 'Tools/Buffer');
  });

  it('requires startTime: a code-400 error in the admin shape', async () => {
    const answer = await site.client.admin(QUERY, site.token);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'error', messages: ["'startTime' must be specified."], code: 400 });
  });

  it('rejects a malformed number, start or jobStatus', async () => {
    expect((await site.client.admin(QUERY, site.token, { startTime: '0', number: 'ten' })).json.code).toBe(
      400,
    );
    expect((await site.client.admin(QUERY, site.token, { startTime: '0', start: '0' })).json.code).toBe(400);
    expect(
      (await site.client.admin(QUERY, site.token, { startTime: '0', jobStatus: 'Done' })).json.code,
    ).toBe(400);
    // Only the eight documented statuses are accepted, so a client sending another one is caught.
    for (const jobStatus of ['esriJobTimedOut', 'esriJobDeleting', 'esriJobDeleted']) {
      expect((await site.client.admin(QUERY, site.token, { startTime: '0', jobStatus })).json.code).toBe(400);
    }
  });

  it('answers total, num, start, nextStart, the query echo and results keyed by job id', async () => {
    const answer = await site.client.admin(QUERY, site.token, {
      startTime: '0',
      jobStatus: 'esriJobSucceeded',
      number: '5',
      start: '3',
    });
    const succeeded = buffer.filter((j) => j.status === 'esriJobSucceeded');
    expect(answer.json).toMatchObject({
      total: succeeded.length,
      num: 5,
      start: 3,
      nextStart: 8,
      query: { startTime: 0, jobStatus: 'esriJobSucceeded', number: 5, start: 3 },
    });
    expect(Object.keys(answer.json.results)).toEqual(succeeded.slice(2, 7).map((j) => j.jobId));
  });

  it('keys each job by its id, its value without the id and with machineName in camel case', async () => {
    const answer = await site.client.admin(QUERY, site.token, { startTime: '0', number: '1' });
    const expected = buffer[0]!;
    expect(answer.json.results).toEqual({
      [expected.jobId]: {
        submittedTime: expected.submittedTime,
        endTime: expected.endTime,
        status: expected.status,
        username: expected.username,
        machineName: expected.machinename,
      },
    });
  });

  it('switches to every other layout: arrays jobs/results, keyed values with some or no fields', async () => {
    const expected = buffer[0]!;
    const second = buffer[1]!;
    const bodies: Record<string, unknown> = {};
    for (const shape of QUERY_SHAPES) {
      site.sim.setQueryShape(shape);
      const answer = await site.client.admin(QUERY, site.token, { startTime: '0', number: '2' });
      const { total, num, start, nextStart, query: _q, ...jobs } = answer.json;
      expect({ total, num, start, nextStart }).toEqual({
        total: buffer.length,
        num: 2,
        start: 1,
        nextStart: 3,
      });
      bodies[shape] = jobs;
    }
    site.sim.setQueryShape('keyed');
    const url = `${site.sim.url}/rest/services/Tools/Buffer/GPServer/Buffer%20Points/jobs/${expected.jobId}`;
    expect((bodies['jobs-array'] as { jobs: unknown[] }).jobs[0]).toMatchObject({
      jobId: expected.jobId,
      url,
    });
    expect((bodies['results-array'] as { results: unknown[] }).results[0]).toEqual({
      jobID: expected.jobId,
      jobStatus: expected.status,
      machinename: expected.machinename,
      submittedTime: expected.submittedTime,
      endTime: expected.endTime,
      username: expected.username,
      url,
    });
    expect(bodies['keyed-partial']).toEqual({
      results: {
        [expected.jobId]: {
          jobID: expected.jobId,
          jobStatus: expected.status,
          submittedTime: expected.submittedTime,
        },
        [second.jobId]: { machinename: second.machinename, endTime: second.endTime },
      },
    });
    expect(bodies['keyed-empty']).toEqual({ results: { [expected.jobId]: {}, [second.jobId]: {} } });
  });

  it('shows a job resource with its admin fields and the REST job page url', async () => {
    const expected = buffer[0]!;
    const job = (await site.client.admin(QUERY.replace('query', expected.jobId), site.token)).json;
    expect(job).toEqual({
      jobId: expected.jobId,
      submittedTime: expected.submittedTime,
      endTime: expected.endTime,
      status: expected.status,
      username: expected.username,
      machinename: expected.machinename,
      url: `${site.sim.url}/rest/services/Tools/Buffer/GPServer/Buffer%20Points/jobs/${expected.jobId}`,
    });
  });

  it('pages by 1-based start until nextStart is -1, each job exactly once', async () => {
    const seen: string[] = [];
    let start = 1;
    while (start > 0) {
      const page = await site.client.admin(QUERY, site.token, {
        startTime: '0',
        number: '7',
        start: String(start),
      });
      seen.push(...Object.keys(page.json.results));
      start = page.json.nextStart;
    }
    expect(seen).toEqual(buffer.map((j) => j.jobId));
  });

  it('uses a default page size of 10 and caps number at maxPageSize', async () => {
    expect((await site.client.admin(QUERY, site.token, { startTime: '0' })).json).toMatchObject({
      num: 10,
      start: 1,
    });
    const capped = await site.client.admin(QUERY, site.token, { startTime: '0', number: '5000' });
    expect(capped.json.num).toBe(100);
    expect(Object.keys(capped.json.results)).toHaveLength(Math.min(100, buffer.length));
  });

  it('a start past the end answers an empty page with nextStart -1', async () => {
    const answer = await site.client.admin(QUERY, site.token, {
      startTime: '0',
      start: String(buffer.length + 5),
    });
    expect(answer.json).toMatchObject({ total: buffer.length, results: {}, nextStart: -1 });
  });

  it('filters by submittedTime window, user and machine', async () => {
    const startTime = NOW - 2 * WEEK;
    const endTime = NOW - WEEK;
    const user = 'analyst1';
    const machine = 'GIS02.EXAMPLE.COM';
    const answer = await site.client.admin(QUERY, site.token, {
      startTime: String(startTime),
      endTime: String(endTime),
      userName: user,
      machineName: machine.toLowerCase(),
      number: '100',
    });
    const expected = buffer.filter(
      (j) =>
        j.submittedTime >= startTime &&
        j.submittedTime <= endTime &&
        j.username === user &&
        j.machinename === machine,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(Object.keys(answer.json.results)).toEqual(expected.map((j) => j.jobId));
  });

  it('seeds every status, anonymous and named users, several machines, over about six weeks', () => {
    const all = site.sim.jobs();
    const statuses = new Set(all.map((j) => j.status));
    // Every status ArcGIS Server reports for a job it keeps (Deleting and Deleted only last while it goes).
    const kept = JOB_STATUSES.filter((s) => s !== 'esriJobDeleting' && s !== 'esriJobDeleted');
    expect(kept).toHaveLength(9);
    for (const status of kept) expect(statuses).toContain(status);
    expect(all.some((j) => j.username === null)).toBe(true);
    expect(new Set(all.map((j) => j.username)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((j) => j.machinename)).size).toBeGreaterThanOrEqual(3);
    const oldest = Math.min(...all.map((j) => j.submittedTime));
    expect(NOW - oldest).toBeGreaterThan(5 * WEEK);
    expect(
      all.filter((j) => j.endTime !== null).every((j) => j.endTime! >= j.submittedTime && j.endTime! <= NOW),
    ).toBe(true);
  });

  it('generates the same data for the same seed and different data for another', async () => {
    const again = await startSimulator({ seed: 11, jobs: 600, now: NOW, https: false });
    const other = await startSimulator({ seed: 12, jobs: 600, now: NOW, https: false });
    const strip = (jobs: SimJob[]): unknown[] => jobs.map(({ messages: _m, ...rest }) => rest);
    expect(strip(again.jobs())).toEqual(strip(site.sim.jobs()));
    expect(again.password).toBe(site.sim.password);
    expect(other.jobs()[0]!.jobId).not.toBe(site.sim.jobs()[0]!.jobId);
    await Promise.all([again.close(), other.close()]);
  });
});

describe('arcgis-sim jobs/query at 100,000 jobs', () => {
  it('starts quickly and answers pages quickly', async () => {
    const started = performance.now();
    const sim = await startSimulator({ jobs: 100_000, https: false });
    const startup = performance.now() - started;
    const client = simClient(sim);
    const token = await client.token();
    const t0 = performance.now();
    const first = await client.admin(QUERY, token, { startTime: '0', number: '100' });
    const firstMs = performance.now() - t0;
    const t1 = performance.now();
    for (let start = 101; start <= 2001; start += 100) {
      await client.admin(QUERY, token, { startTime: '0', number: '100', start: String(start) });
    }
    const pagesMs = (performance.now() - t1) / 20;
    expect(first.json.total).toBeGreaterThan(20_000);
    expect(startup).toBeLessThan(4000);
    expect(firstMs).toBeLessThan(1000);
    expect(pagesMs).toBeLessThan(200);
    await client.close();
    await sim.close();
  });
});
