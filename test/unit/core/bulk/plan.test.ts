import { describe, expect, it } from 'vitest';
import { planBulk } from '../../../../electron/core/bulk/plan';
import type { BulkJob, BulkProfile } from '../../../../electron/core/bulk/types';

const profiles: BulkProfile[] = [
  { id: 'p1', name: 'Prod', concurrency: 8, production: true, serverUrl: 'https://prod/arcgis' },
  { id: 'p2', name: 'Test', concurrency: 200, production: false },
];

const job = (profileId: string, service: string, jobId: string, status: string): BulkJob => ({
  profileId,
  service,
  jobId,
  status,
});

const jobs: BulkJob[] = [
  job('p1', 'Tools/Buffer', 'a', 'esriJobSucceeded'),
  job('p1', 'Tools/Buffer', 'b', 'esriJobExecuting'),
  job('p1', 'Tools/Buffer', 'c', 'esriJobSubmitted'),
  job('p1', 'Clip', 'd', 'esriJobWaiting'),
  job('p2', 'Clip', 'e', 'esriJobFailed'),
  job('p2', 'Clip', 'f', 'esriJobExecuting'),
];

describe('planBulk', () => {
  it('counts jobs per server, service and status', () => {
    const plan = planBulk(jobs, 'delete', profiles);
    expect(plan.total).toBe(6);
    expect(plan.servers.map((s) => [s.name, s.total])).toEqual([
      ['Prod', 4],
      ['Test', 2],
    ]);
    const buffer = plan.servers[0]!.services.find((s) => s.service === 'Tools/Buffer')!;
    expect(buffer.statuses).toEqual([
      { status: 'esriJobSucceeded', count: 1, eligible: 1 },
      { status: 'esriJobExecuting', count: 1, eligible: 1 },
      { status: 'esriJobSubmitted', count: 1, eligible: 1 },
    ]);
  });

  it('makes every job eligible for delete and counts the running ones it cancels first', () => {
    const plan = planBulk(jobs, 'delete', profiles);
    expect(plan.eligible).toBe(6);
    expect(plan.skipped).toBe(0);
    expect(plan.running).toBe(4);
    expect(plan.servers[0]!.running).toBe(3);
  });

  it('lets cancel touch only Submitted and Executing jobs and skips the rest with a reason', () => {
    const plan = planBulk(jobs, 'cancel', profiles);
    expect(plan.jobs.filter((j) => j.eligible).map((j) => j.jobId)).toEqual(['b', 'c', 'f']);
    expect(plan.skipped).toBe(3);
    expect(plan.running).toBe(0);
    const waiting = plan.jobs.find((j) => j.jobId === 'd')!;
    expect(waiting.skipReason).toMatch(/Not cancellable: the job is Waiting/);
  });

  it('drops duplicate entries and counts them', () => {
    const plan = planBulk([...jobs, jobs[0]!, jobs[4]!], 'delete', profiles);
    expect(plan.total).toBe(6);
    expect(plan.duplicates).toBe(2);
  });

  it('skips jobs of an unknown profile instead of failing them', () => {
    const plan = planBulk([job('gone', 'Clip', 'x', 'esriJobSucceeded')], 'delete', profiles);
    expect(plan.jobs[0]).toMatchObject({
      eligible: false,
      skipReason: expect.stringMatching(/No server profile/),
    });
    expect(plan.servers[0]!.name).toMatch(/Unknown profile gone/);
  });

  it('names the production servers touched and clamps concurrency', () => {
    const plan = planBulk(jobs, 'delete', profiles);
    expect(plan.productionServers).toEqual(['Prod']);
    expect(plan.servers.map((s) => s.concurrency)).toEqual([8, 64]);
    expect(planBulk(jobs, 'delete', profiles, { concurrency: { p1: 2 } }).servers[0]!.concurrency).toBe(2);
  });

  it('does not name a production server whose jobs are all skipped', () => {
    const plan = planBulk([job('p1', 'Clip', 'z', 'esriJobSucceeded')], 'cancel', profiles);
    expect(plan.productionServers).toEqual([]);
  });
});
