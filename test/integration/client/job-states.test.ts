/**
 * The client against the simulator's job-state knobs no other client test turns: `workersPerService`
 * (jobs queue as Waiting while every worker is busy) and `cancelDelayMs: Infinity` (a tool that ignores
 * cancel, so its job stays Cancelling). Admin cancel is documented for Submitted and Executing jobs only
 * ("Cancel Job"), delete for any job ("Delete Job"); API notes §3.5, §3.6, §7.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimJob, Simulator } from '../../arcgis-sim';
import { Clients, useClientSims } from './helpers';

const SERVICE = 'Tools/Buffer';
const clients = new Clients();
const site = useClientSims({ seed: 61, jobs: 0, services: 1, jobDurationMs: Infinity }, clients);

describe('one worker per service (workersPerService: 1)', () => {
  let sim: Simulator;
  let running: SimJob;
  let waiting: SimJob[];
  beforeAll(async () => {
    sim = await site({ workersPerService: 1 });
    running = sim.submitJob(SERVICE);
    waiting = [sim.submitJob(SERVICE), sim.submitJob(SERVICE)];
    await sim.waitForJob(SERVICE, running.jobId, 'esriJobExecuting');
    for (const j of waiting) await sim.waitForJob(SERVICE, j.jobId, 'esriJobWaiting');
  });

  it('lists the queued jobs as Waiting, and filters by that status on the server', async () => {
    const client = clients.make(sim);
    const all = await client.queryJobs(SERVICE, {});
    expect(all.ok && all.value.map((j) => `${j.jobId} ${j.status}`).sort()).toEqual(
      [`${running.jobId} esriJobExecuting`, ...waiting.map((j) => `${j.jobId} esriJobWaiting`)].sort(),
    );
    const queued = await client.queryJobs(SERVICE, { statuses: ['esriJobWaiting'] });
    expect(queued.ok && queued.value.map((j) => j.jobId).sort()).toEqual(waiting.map((j) => j.jobId).sort());
  });

  it("keeps the server's refusal of an admin cancel of a Waiting job, and the job stays queued", async () => {
    const r = await clients.make(sim).cancelJob(SERVICE, waiting[0]!.jobId);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'server', code: 500 });
    expect(sim.getJob(SERVICE, waiting[0]!.jobId)?.status).toBe('esriJobWaiting');
  });

  it('deleting the running job frees its worker for a waiting one, which the client then reads as Executing', async () => {
    const client = clients.make(sim);
    expect((await client.deleteJob(SERVICE, running.jobId)).ok).toBe(true);
    const next = await sim.waitForJob(SERVICE, waiting[0]!.jobId, 'esriJobExecuting');
    const read = await client.getJob(SERVICE, next.jobId);
    expect(read.ok && read.value.status).toBe('esriJobExecuting');
    const gone = await client.getJob(SERVICE, running.jobId);
    expect(gone.ok ? null : gone.error.kind).toBe('not-found');
  });
});

describe('a tool that ignores cancel (cancelDelayMs: Infinity)', () => {
  it('a confirmed cancel leaves the job Cancelling, which the client lists as such and can still delete', async () => {
    const sim = await site({ cancelDelayMs: Infinity });
    const job = sim.submitJob(SERVICE);
    await sim.waitForJob(SERVICE, job.jobId, 'esriJobExecuting');
    const client = clients.make(sim);
    expect((await client.cancelJob(SERVICE, job.jobId)).ok).toBe(true);
    expect(sim.getJob(SERVICE, job.jobId)?.status).toBe('esriJobCancelling');
    const read = await client.getJob(SERVICE, job.jobId);
    expect(read.ok && read.value.status).toBe('esriJobCancelling');
    const listed = await client.queryJobs(SERVICE, { statuses: ['esriJobCancelling'] });
    expect(listed.ok && listed.value.map((j) => j.jobId)).toEqual([job.jobId]);
    // A second cancel is refused (only Submitted or Executing jobs are cancelled), the delete is not.
    const again = await client.cancelJob(SERVICE, job.jobId);
    expect(again.ok ? null : again.error.code).toBe(500);
    expect((await client.deleteJob(SERVICE, job.jobId)).ok).toBe(true);
    expect(sim.getJob(SERVICE, job.jobId)).toBeUndefined();
  });
});

describe("the jobs directory's clean-up (retention, clean)", () => {
  it('a job the clean-up swept is gone for the client: read as not found, a delete refused, no longer listed', async () => {
    const later = { ms: 0 };
    const sim = await site({
      clock: () => Date.now() + later.ms,
      retention: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAgeMinutes: 24 * 60 },
    });
    const client = clients.make(sim);
    const dir = await client.jobsDirectory();
    expect(dir.ok && dir.value).toMatchObject({ cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED' });
    if (!dir.ok) return;
    const done = sim.submitJob(SERVICE, { status: 'esriJobSucceeded' });
    const listed = await client.queryJobs(SERVICE, {});
    expect(listed.ok && listed.value.map((j) => j.jobId)).toEqual([done.jobId]);
    later.ms = 2 * 86_400_000; // two days on: past the one-day maximum file age
    expect((await client.cleanJobsDirectory(dir.value.name)).ok).toBe(true);
    expect(sim.getJob(SERVICE, done.jobId)).toBeUndefined();
    const read = await client.getJob(SERVICE, done.jobId);
    expect(read.ok ? null : read.error).toMatchObject({
      kind: 'not-found',
      message: expect.stringMatching(/removed by the jobs directory clean-up/),
    });
    const del = await client.deleteJob(SERVICE, done.jobId);
    expect(del.ok ? null : del.error.code).toBe(400);
    const after = await client.queryJobs(SERVICE, {});
    expect(after.ok && after.value).toEqual([]);
  });
});
