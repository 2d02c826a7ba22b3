/**
 * Jobs of every service type the Delete Job operation covers, over real sockets and TLS: GP jobs and the
 * Export Tiles jobs of map and image services are discovered from each service's JSON, listed in every
 * `jobs/query` layout, read, cancelled and deleted; services that make no jobs cost no job request, and a
 * result map service without a `jobs` resource is skipped quietly and never asked again.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueryShape, Simulator } from '../../arcgis-sim';
import { startSimulator } from '../../arcgis-sim';
import { Clients, expectNoTokenInUrls } from './helpers';

let sim: Simulator;
const clients = new Clients();
const SHAPES: QueryShape[] = ['keyed', 'keyed-partial', 'keyed-empty', 'jobs-array', 'results-array'];
const MAP = 'Basemaps/Streets.MapServer';
const IMAGE = 'Imagery/Elevation.ImageServer';
const RESULT_MAP = 'Analysis/Viewshed.MapServer';

beforeAll(async () => {
  sim = await startSimulator({
    seed: 7,
    jobs: 120,
    tileServices: true,
    tileJobs: 30,
    jobDurationMs: Infinity,
  });
});

afterEach(async () => {
  sim.setQueryShape('keyed');
  await clients.closeAll();
});

afterAll(async () => {
  expectNoTokenInUrls(sim);
  await sim.close();
});

const keys = (jobs: { service: string; jobId: string }[]) =>
  jobs.map((j) => `${j.service} ${j.jobId}`).sort();
const paths = (from: number) => sim.requests.slice(from).map((r) => decodeURIComponent(r.url.split('?')[0]!));

describe('discovery of every service type', () => {
  it('decides from each service JSON which services make jobs', async () => {
    const r = await clients.make(sim).discoverServices();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const makes = r.value.filter((s) => s.asynchronous).map((s) => `${s.id} ${s.type}`);
    expect(makes).toEqual(
      expect.arrayContaining([
        `${MAP} MapServer`,
        `${IMAGE} ImageServer`,
        `${RESULT_MAP} MapServer`,
        'Tools/Buffer GPServer',
      ]),
    );
    const idle = r.value.filter((s) => !s.asynchronous).map((s) => s.id);
    expect(idle.sort()).toEqual([
      'Basemaps/Topographic.MapServer',
      'SampleWorldCities.MapServer',
      'Utilities/PrintingTools',
    ]);
    expect(r.value.some((s) => s.type === ('GeometryServer' as string))).toBe(false);
  });

  it('scans only the types a profile asks for', async () => {
    const client = clients.make(sim, { serviceTypes: ['ImageServer'] });
    const from = sim.requests.length;
    const r = await client.listJobs({});
    expect(r.ok && keys(r.value.jobs)).toEqual(keys(sim.jobs().filter((j) => j.service === IMAGE)));
    expect(
      paths(from)
        .filter((p) => p.includes('/jobs'))
        .every((p) => p.includes('Elevation.ImageServer')),
    ).toBe(true);
  });
});

describe('listing jobs of every type', () => {
  it.each(SHAPES)('lists GP and Export Tiles jobs with their service type (%s)', async (shape) => {
    sim.setQueryShape(shape);
    const r = await clients.make(sim).listJobs({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.failures).toEqual([]);
    expect(r.value.warnings).toEqual([]);
    expect(keys(r.value.jobs)).toEqual(keys(sim.jobs()));
    const tiles = r.value.jobs.filter((j) => j.service === MAP || j.service === IMAGE);
    expect(tiles.length).toBe(30);
    expect(tiles.every((j) => j.jobId.endsWith('_et') && j.status !== 'unknown')).toBe(true);
  });

  it('costs no job request for services that make none, and asks a missing jobs resource once', async () => {
    const client = clients.make(sim);
    const first = sim.requests.length;
    const firstList = await client.listJobs({});
    expect(firstList.ok).toBe(true);
    const firstPaths = paths(first);
    expect(
      firstPaths.filter((p) => p.includes(`${RESULT_MAP.replace('.MapServer', '')}.MapServer/jobs`)),
    ).toHaveLength(1);
    const second = sim.requests.length;
    const r = await client.listJobs({});
    expect(r.ok && r.value.failures).toEqual([]);
    // The result map service without jobs counts in neither listing's services.
    const listedServices = new Set(sim.jobs().map((j) => j.service)).size;
    expect(firstList.ok && firstList.value.services).toBe(listedServices);
    expect(r.ok && r.value.services).toBe(listedServices);
    const secondPaths = paths(second);
    for (const idle of [
      'Topographic.MapServer',
      'SampleWorldCities.MapServer',
      'PrintingTools.GPServer',
      'Viewshed.MapServer',
    ]) {
      expect(firstPaths.filter((p) => p.includes(`${idle}/jobs`))).toEqual(
        idle === 'Viewshed.MapServer' ? [expect.stringContaining('/jobs/query')] : [],
      );
      expect(secondPaths.filter((p) => p.includes(idle))).toEqual([]);
    }
    // The second listing reads the folder listings and the jobs of job-making services only.
    expect(
      secondPaths.filter((p) => !p.includes('/jobs/') && !/\/admin\/services(\/[^/.]+)?$/.test(p)),
    ).toEqual([]);
  });
});

describe('one export-tiles job', () => {
  it('deletes exactly the export-tiles jobs asked for, beside GP jobs', async () => {
    const client = clients.make(sim);
    const tiles = sim
      .jobs()
      .filter((j) => j.service === MAP)
      .slice(0, 3);
    const gpBefore = sim.jobs().filter((j) => !j.jobId.endsWith('_et')).length;
    for (const j of tiles) expect((await client.deleteJob(j.service, j.jobId)).ok).toBe(true);
    for (const j of tiles) expect(sim.getJob(j.service, j.jobId)).toBeUndefined();
    expect(sim.jobs().filter((j) => !j.jobId.endsWith('_et'))).toHaveLength(gpBefore);
  });

  it('cancels an executing export-tiles job of an image service', async () => {
    const job = sim.submitJob(IMAGE, { status: 'esriJobExecuting' });
    expect(job.jobId).toMatch(/_et$/);
    const client = clients.make(sim);
    expect((await client.cancelJob(IMAGE, job.jobId)).ok).toBe(true);
    await sim.waitForJob(IMAGE, job.jobId, 'esriJobCancelled');
  });

  it('reads the REST job page of a map service job, which has no task', async () => {
    const job = sim.jobs().find((j) => j.service === MAP)!;
    const client = clients.make(sim);
    const got = await client.getJob(MAP, job.jobId);
    expect(got.ok && got.value.service).toBe(MAP);
    const detail = await client.getJobDetail(
      got.ok ? got.value : { service: MAP, jobId: job.jobId, url: null },
    );
    expect(detail.ok && detail.value.jobStatus).toBe(job.status);
    expect(sim.requests.at(-1)!.url).toContain(`/rest/services/Basemaps/Streets/MapServer/jobs/${job.jobId}`);
  });

  it('lists and deletes a job whose id holds any characters, sent as one encoded segment', async () => {
    const odd = 'j 1+%2F/..?#ジ_et';
    sim.submitJob(MAP, { status: 'esriJobSucceeded', jobId: odd });
    const client = clients.make(sim);
    const listed = await client.queryJobs(MAP, {});
    expect(listed.ok && listed.value.some((j) => j.jobId === odd)).toBe(true);
    const from = sim.requests.length;
    expect((await client.deleteJob(MAP, odd)).ok).toBe(true);
    expect(sim.requests.slice(from).map((r) => r.url)).toEqual([
      `/arcgis/admin/services/Basemaps/Streets.MapServer/jobs/${encodeURIComponent(odd)}/delete`,
    ]);
    expect(sim.getJob(MAP, odd)).toBeUndefined();
  });
});
