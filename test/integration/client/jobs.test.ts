import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimJob, Simulator } from '../../arcgis-sim';
import { startSimulator } from '../../arcgis-sim';
import type { JobStatus } from '../../../electron/core/types';
import { Clients, expectNoTokenInUrls } from './helpers';

let sim: Simulator;
let big: Simulator;
const clients = new Clients();

beforeAll(async () => {
  [sim, big] = await Promise.all([
    startSimulator({ seed: 21, jobs: 400, services: 6, jobDurationMs: Infinity }),
    startSimulator({ seed: 22, jobs: 5000, services: 1, maxPageSize: 100, jobDurationMs: Infinity }),
  ]);
});

afterEach(async () => {
  sim.setLatency(0);
  big.setLatency(0);
  await clients.closeAll();
});

afterAll(async () => {
  expectNoTokenInUrls(sim);
  expectNoTokenInUrls(big);
  await Promise.all([sim.close(), big.close()]);
});

function busiest(s: Simulator): string {
  const counts = new Map<string, number>();
  for (const j of s.jobs()) counts.set(j.service, (counts.get(j.service) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

function ids(jobs: { jobId: string }[]): string[] {
  return jobs.map((j) => j.jobId).sort();
}

describe('service discovery', () => {
  it('finds every GP, map and image service in root and folders, marking those without jobs', async () => {
    const r = await clients.make(sim).discoverServices();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const expected = sim
      .services()
      .filter((s) => ['GPServer', 'MapServer', 'ImageServer'].includes(s.type))
      .map((s) => ({ id: s.id, folder: s.folder, name: s.name, asynchronous: s.asynchronous }))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(r.value.map(({ id, folder, name, asynchronous }) => ({ id, folder, name, asynchronous }))).toEqual(
      expected,
    );
    expect(r.value.some((s) => !s.asynchronous)).toBe(true);
    expect(r.value.some((s) => s.folder === '')).toBe(true);
  });

  it('walks the folders concurrently, within the profile concurrency', async () => {
    sim.setLatency(30);
    const client = clients.make(sim, { concurrency: 3 });
    await client.testConnection();
    sim.resetStats();
    expect((await client.discoverServices()).ok).toBe(true);
    expect(sim.stats.maxInFlight).toBeGreaterThan(1);
    expect(sim.stats.maxInFlight).toBeLessThanOrEqual(3);
  });
});

describe('paging', () => {
  it('fetches several thousand jobs page by page: exact count, no duplicates, within concurrency', async () => {
    const service = busiest(big);
    const expected = big.jobs().filter((j) => j.service === service);
    expect(expected.length).toBeGreaterThan(4000);
    big.setLatency(10);
    const client = clients.make(big, { concurrency: 4 });
    await client.testConnection();
    big.resetStats();
    const before = big.requests.length;
    const r = await client.queryJobs(service, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(expected.length);
    expect(new Set(r.value.map((j) => j.jobId)).size).toBe(expected.length);
    expect(ids(r.value)).toEqual(ids(expected));
    const pages = big.requests.slice(before).filter((q) => q.url.endsWith('/jobs/query'));
    expect(pages).toHaveLength(Math.ceil(expected.length / 100));
    expect(pages[0]!.params.number).toBe('1000');
    expect(pages.slice(1).every((p) => p.params.number === '100')).toBe(true);
    expect(big.stats.maxInFlight).toBeGreaterThan(1);
    expect(big.stats.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('never exceeds a concurrency of one', async () => {
    const client = clients.make(big, { concurrency: 1 });
    await client.testConnection();
    big.resetStats();
    const r = await client.queryJobs(busiest(big), { statuses: ['esriJobSucceeded', 'esriJobFailed'] });
    expect(r.ok).toBe(true);
    expect(big.stats.maxInFlight).toBe(1);
  });

  it('normalises jobs: ms times, null anonymous users, the job URL of a page that carries it', async () => {
    const service = busiest(sim);
    sim.setQueryShape('jobs-array');
    const r = await clients.make(sim).queryJobs(service, {});
    sim.setQueryShape('keyed');
    if (!r.ok) throw new Error(r.error.message);
    const byId = new Map(sim.jobs().map((j) => [j.jobId, j]));
    for (const job of r.value) {
      const s = byId.get(job.jobId)!;
      expect(job).toMatchObject({
        service,
        status: s.status,
        submittedTime: s.submittedTime,
        username: s.username,
      });
      expect(job.url).toMatch(/\/GPServer\/[^/]+\/jobs\//);
    }
    expect(r.value.some((j) => j.username === null)).toBe(true);
  });
});

describe('filters', () => {
  let service: string;
  let all: SimJob[];
  beforeAll(() => {
    service = busiest(sim);
    all = sim.jobs().filter((j) => j.service === service);
  });

  it('filters by one status', async () => {
    const r = await clients.make(sim).queryJobs(service, { statuses: ['esriJobSucceeded'] });
    expect(r.ok && ids(r.value)).toEqual(ids(all.filter((j) => j.status === 'esriJobSucceeded')));
  });

  it('makes one query per status for several statuses and merges them', async () => {
    const statuses: JobStatus[] = ['esriJobFailed', 'esriJobCancelled', 'esriJobExecuting'];
    const before = sim.requests.length;
    const r = await clients.make(sim).queryJobs(service, { statuses });
    expect(r.ok && ids(r.value)).toEqual(ids(all.filter((j) => statuses.includes(j.status as JobStatus))));
    const sent = sim.requests
      .slice(before)
      .filter((q) => q.url.endsWith('/jobs/query'))
      .map((q) => q.params.jobStatus);
    expect(sent.sort()).toEqual([...statuses].sort());
  });

  it('filters by a time window', async () => {
    const times = all.map((j) => j.submittedTime).sort((a, b) => a - b);
    const startTime = times[Math.floor(times.length / 4)]!;
    const endTime = times[Math.floor((times.length * 3) / 4)]!;
    const r = await clients.make(sim).queryJobs(service, { startTime, endTime });
    const expected = all.filter((j) => j.submittedTime >= startTime && j.submittedTime <= endTime);
    expect(expected.length).toBeGreaterThan(0);
    expect(r.ok && ids(r.value)).toEqual(ids(expected));
  });

  it('filters by user', async () => {
    const user = all.find((j) => j.username)!.username!;
    const r = await clients.make(sim).queryJobs(service, { username: user });
    expect(r.ok && ids(r.value)).toEqual(ids(all.filter((j) => j.username === user)));
  });

  it('filters by machine', async () => {
    const machine = all[0]!.machinename;
    const r = await clients.make(sim).queryJobs(service, { machineName: machine });
    expect(r.ok && ids(r.value)).toEqual(ids(all.filter((j) => j.machinename === machine)));
  });

  it('combines filters', async () => {
    const user = all.find((j) => j.username && j.status === 'esriJobSucceeded')!.username!;
    const r = await clients.make(sim).queryJobs(service, { username: user, statuses: ['esriJobSucceeded'] });
    expect(r.ok && ids(r.value)).toEqual(
      ids(all.filter((j) => j.username === user && j.status === 'esriJobSucceeded')),
    );
  });

  it('lists jobs across every asynchronous service', async () => {
    const r = await clients.make(sim).listJobs({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.failures).toEqual([]);
    expect(r.value.jobs.length).toBe(sim.jobs().length);
  });
});

describe('one job', () => {
  it('gets a job and its REST page with messages', async () => {
    const s = sim.jobs().find((j) => j.status === 'esriJobSucceeded')!;
    const client = clients.make(sim);
    const job = await client.getJob(s.service, s.jobId);
    expect(job.ok && job.value).toMatchObject({
      jobId: s.jobId,
      status: 'esriJobSucceeded',
      service: s.service,
    });
    if (!job.ok) return;
    const detail = await client.getJobDetail(job.value);
    expect(detail.ok && detail.value.jobStatus).toBe('esriJobSucceeded');
    expect(detail.ok && detail.value.messages.map((m) => m.description)).toEqual(
      s.messages.map((m) => m.description),
    );
  });

  it('finds the REST page through the service tasks when the job has no URL', async () => {
    const s = sim.jobs().find((j) => j.status === 'esriJobFailed')!;
    const detail = await clients.make(sim).getJobDetail({ service: s.service, jobId: s.jobId, url: null });
    expect(detail.ok && detail.value.messages.some((m) => m.type === 'esriJobMessageTypeError')).toBe(true);
  });

  it('reports a missing job as not-found', async () => {
    const service = busiest(sim);
    const r = await clients.make(sim).getJob(service, 'jdoesnotexist0000');
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'not-found',
      code: 404,
      message: expect.stringMatching(/not found/),
    });
  });

  it('refuses hostile service names and dot-segment job ids before any request', async () => {
    const client = clients.make(sim);
    await client.testConnection();
    const before = sim.requests.length;
    for (const r of [
      await client.getJob('Tools/Buffer', '..'),
      await client.deleteJob('Tools/Buffer', '.'),
      await client.cancelJob('../../admin/security', 'j1'),
      await client.queryJobs('Tools/../../x', {}),
      await client.getJobDetail({ service: 'Tools/Buffer', jobId: 'a\nb', url: null }),
    ]) {
      expect(r.ok ? null : r.error.kind).toBe('invalid-input');
    }
    expect(sim.requests.length).toBe(before);
  });

  it('sends a job id of any characters as one encoded path segment', async () => {
    const client = clients.make(sim);
    await client.testConnection();
    const before = sim.requests.length;
    const r = await client.getJob('Tools/Buffer', '..%2F../admin');
    expect(r.ok ? null : r.error.kind).toBe('not-found');
    const sent = sim.requests.slice(before).map((q) => q.url);
    expect(sent).toEqual(['/arcgis/admin/services/Tools/Buffer.GPServer/jobs/..%252F..%2Fadmin']);
  });

  it('gives service job statistics', async () => {
    const service = busiest(sim);
    const r = await clients.make(sim).jobStatistics(service);
    const all = sim.jobs().filter((j) => j.service === service);
    expect(r.ok && r.value).toMatchObject({
      total: all.length,
      succeeded: all.filter((j) => j.status === 'esriJobSucceeded').length,
    });
  });
});

describe('cancel and delete', () => {
  it('cancels an executing job', async () => {
    const service = busiest(sim);
    const job = sim.submitJob(service, { status: 'esriJobExecuting' });
    const r = await clients.make(sim).cancelJob(service, job.jobId);
    expect(r.ok).toBe(true);
    expect((await sim.waitForJob(service, job.jobId, 'esriJobCancelled')).status).toBe('esriJobCancelled');
  });

  it('keeps the server code when a finished job cannot be cancelled', async () => {
    const s = sim.jobs().find((j) => j.status === 'esriJobSucceeded')!;
    const r = await clients.make(sim).cancelJob(s.service, s.jobId);
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'server',
      code: 500,
      serverMessage: `Unable to cancel job :[${s.jobId}]`,
    });
  });

  it('deletes a job; it is gone, and a second delete keeps code 400', async () => {
    const service = busiest(sim);
    const job = sim.submitJob(service, { status: 'esriJobSucceeded' });
    const client = clients.make(sim);
    expect(await client.deleteJob(service, job.jobId)).toEqual({ ok: true, value: undefined });
    expect(sim.getJob(service, job.jobId)).toBeUndefined();
    expect((await client.getJob(service, job.jobId)).ok).toBe(false);
    const again = await client.deleteJob(service, job.jobId);
    expect(again.ok ? null : again.error).toMatchObject({ kind: 'server', code: 400, transient: false });
  });
});
