import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../arcgis-sim/index';
import { simClient } from './client';

const HOUR = 3_600_000;

describe('arcgis-sim jobs directory retention', () => {
  it('clean removes finished jobs older than maxFileAge; active ones stay', async () => {
    let now = 1_760_000_000_000;
    const sim = await startSimulator({
      jobs: 300,
      https: false,
      now,
      clock: () => now,
      retention: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAgeMinutes: 360 },
    });
    const client = simClient(sim);
    const token = await client.token();
    const oldFinished = sim.jobs().filter((j) => j.endTime !== null && j.endTime < now - 6 * HOUR);
    expect(oldFinished.length).toBeGreaterThan(0);
    const active = sim.jobs().filter((j) => j.endTime === null);
    const answer = await client.admin('/system/directories/arcgisjobs/clean', token);
    expect(answer.json).toEqual({ status: 'success' });
    for (const job of oldFinished) expect(sim.getJob(job.service, job.jobId)).toBeUndefined();
    for (const job of active) expect(sim.getJob(job.service, job.jobId)).toBeDefined();
    now += 1000 * HOUR;
    expect(sim.clean()).toBeGreaterThan(0);
    expect(sim.jobs().every((j) => j.endTime === null)).toBe(true);
    await client.close();
    await sim.close();
  });

  it('edit switches the jobs directory to NONE, after which nothing is cleaned', async () => {
    const sim = await startSimulator({
      jobs: 100,
      https: false,
      retention: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED' },
    });
    const client = simClient(sim);
    const token = await client.token();
    const edit = await client.admin('/system/directories/arcgisjobs/edit', token, {
      cleanupMode: 'NONE',
      maxFileAge: '0',
    });
    expect(edit.json).toEqual({ status: 'success' });
    const dir = await client.admin('/system/directories/arcgisjobs', token);
    expect(dir.json).toMatchObject({ cleanupMode: 'NONE', maxFileAge: 0 });
    expect(sim.clean()).toBe(0);
    expect(sim.jobs()).toHaveLength(100);
    await client.close();
    await sim.close();
  });
});
