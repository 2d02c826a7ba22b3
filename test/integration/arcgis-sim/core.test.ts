import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../arcgis-sim/index';
import type { Simulator } from '../../arcgis-sim/index';
import type { SimClient } from './client';
import { simClient } from './client';

describe('arcgis-sim core: tokens, discovery, query, cancel and delete over HTTPS', () => {
  let sim: Simulator;
  let client: SimClient;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, jobs: 300 });
    client = simClient(sim);
    token = await client.token();
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  it('serves HTTPS on 127.0.0.1 with a certificate signed by its own CA', () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/arcgis$/);
    expect(sim.caPem).toContain('BEGIN CERTIFICATE');
    expect(token.length).toBeGreaterThan(20);
  });

  it('lists the root folder with folders and root services', async () => {
    const root = await client.admin('/services', token);
    expect(root.json).toMatchObject({ folderName: '/', isDefault: true });
    expect(root.json.folders).toEqual(expect.arrayContaining(['Tools', 'Analysis', 'System']));
    expect(root.json.services).toContainEqual(
      expect.objectContaining({ folderName: '/', serviceName: 'SampleWorldCities', type: 'MapServer' }),
    );
  });

  it('pages jobs/query with a 1-based start and nextStart -1 at the end', async () => {
    const first = await client.admin('/services/Tools/Buffer.GPServer/jobs/query', token, {
      startTime: '0',
      number: '1000',
    });
    const total = first.json.total as number;
    expect(total).toBe(sim.jobs().filter((j) => j.service === 'Tools/Buffer').length);
    expect(first.json.nextStart).toBe(-1);
    const last = await client.admin('/services/Tools/Buffer.GPServer/jobs/query', token, {
      startTime: '0',
      number: '5',
      start: String(total - 1),
    });
    expect(last.json).toMatchObject({ total, num: 5, start: total - 1, nextStart: -1 });
    expect(Object.keys(last.json.results)).toHaveLength(2);
  });

  it('cancels an executing job and deletes a job so it disappears', async () => {
    const running = sim.submitJob('Tools/Buffer', { status: 'esriJobExecuting' });
    const cancel = await client.admin(`/services/Tools/Buffer.GPServer/jobs/${running.jobId}/cancel`, token);
    expect(cancel.json).toEqual({ status: 'success' });
    expect(sim.getJob('Tools/Buffer', running.jobId)?.status).toBe('esriJobCancelling');
    const deleted = await client.admin(`/services/Tools/Buffer.GPServer/jobs/${running.jobId}/delete`, token);
    expect(deleted.json).toEqual({ status: 'success' });
    expect(sim.getJob('Tools/Buffer', running.jobId)).toBeUndefined();
  });
});
