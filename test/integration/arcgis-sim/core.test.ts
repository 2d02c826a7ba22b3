import { describe, expect, it } from 'vitest';
import { useSim } from './client';

describe('arcgis-sim core: tokens, discovery, query, cancel and delete over HTTPS', () => {
  const site = useSim({ seed: 7, jobs: 300 });

  it('serves HTTPS on 127.0.0.1 with a certificate signed by its own CA', () => {
    expect(site.sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/arcgis$/);
    expect(site.sim.caPem).toContain('BEGIN CERTIFICATE');
    expect(site.token.length).toBeGreaterThan(20);
  });

  it('lists the root folder with folders and root services', async () => {
    const root = await site.client.admin('/services', site.token);
    expect(root.json).toMatchObject({ folderName: '/', isDefault: true });
    expect(root.json.folders).toEqual(expect.arrayContaining(['Tools', 'Analysis', 'System']));
    expect(root.json.services).toContainEqual(
      expect.objectContaining({ folderName: '/', serviceName: 'SampleWorldCities', type: 'MapServer' }),
    );
  });

  it('pages jobs/query with a 1-based start and nextStart -1 at the end', async () => {
    const first = await site.client.admin('/services/Tools/Buffer.GPServer/jobs/query', site.token, {
      startTime: '0',
      number: '1000',
    });
    const total = first.json.total as number;
    expect(total).toBe(site.sim.jobs().filter((j) => j.service === 'Tools/Buffer').length);
    expect(first.json.nextStart).toBe(-1);
    const last = await site.client.admin('/services/Tools/Buffer.GPServer/jobs/query', site.token, {
      startTime: '0',
      number: '5',
      start: String(total - 1),
    });
    expect(last.json).toMatchObject({ total, num: 5, start: total - 1, nextStart: -1 });
    expect(Object.keys(last.json.results)).toHaveLength(2);
  });

  it('cancels an executing job and deletes a job so it disappears', async () => {
    const running = site.sim.submitJob('Tools/Buffer', { status: 'esriJobExecuting' });
    const cancel = await site.client.admin(
      `/services/Tools/Buffer.GPServer/jobs/${running.jobId}/cancel`,
      site.token,
    );
    expect(cancel.json).toEqual({ status: 'success' });
    expect(site.sim.getJob('Tools/Buffer', running.jobId)?.status).toBe('esriJobCancelling');
    const deleted = await site.client.admin(
      `/services/Tools/Buffer.GPServer/jobs/${running.jobId}/delete`,
      site.token,
    );
    expect(deleted.json).toEqual({ status: 'success' });
    expect(site.sim.getJob('Tools/Buffer', running.jobId)).toBeUndefined();
  });
});
