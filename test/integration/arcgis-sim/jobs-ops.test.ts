import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../arcgis-sim/index';
import { simClient, useSim } from './client';

const SVC = '/services/Tools/Buffer.GPServer';
const TASK = '/rest/services/Tools/Buffer/GPServer/Buffer%20Points';

describe('arcgis-sim admin job operations', () => {
  const site = useSim({ jobs: 200, cancelDelayMs: 5 });

  it('the jobs resource lists statistics', async () => {
    expect((await site.client.admin(`${SVC}/jobs`, site.token)).json).toEqual({ resources: ['statistics'] });
  });

  it('statistics count the current jobs (POST and GET)', async () => {
    const jobs = site.sim.jobs().filter((j) => j.service === 'Tools/Buffer');
    const count = (status: string): number => jobs.filter((j) => j.status === status).length;
    const expected = {
      total: jobs.length,
      cancelled: count('esriJobCancelled'),
      failed: count('esriJobFailed'),
      succeeded: count('esriJobSucceeded'),
    };
    expect((await site.client.admin(`${SVC}/jobs/statistics`, site.token)).json).toEqual(expected);
    expect(
      (await site.client.get(`/admin${SVC}/jobs/statistics`, { f: 'json', token: site.token })).json,
    ).toEqual(expected);
  });

  it('shows one job, and a code-404 error for an unknown id', async () => {
    const job = site.sim.submitJob('Tools/Buffer', { status: 'esriJobSucceeded', username: 'jsmith' });
    const answer = await site.client.admin(`${SVC}/jobs/${job.jobId}`, site.token);
    expect(answer.json).toMatchObject({ jobId: job.jobId, status: 'esriJobSucceeded', username: 'jsmith' });
    expect(answer.json.endTime).toBeGreaterThanOrEqual(answer.json.submittedTime);
    expect((await site.client.admin(`${SVC}/jobs/jnope`, site.token)).json).toMatchObject({
      status: 'error',
      code: 404,
    });
  });

  it('cancel moves Executing to Cancelling then Cancelled, with an endTime', async () => {
    const job = site.sim.submitJob('Tools/Buffer', { status: 'esriJobExecuting' });
    const cancelled = site.sim.waitForJob('Tools/Buffer', job.jobId, 'esriJobCancelled');
    // Every status the job passes through (the 5 ms cancel delay may end before the answer is read).
    const seen: string[] = [];
    const off = site.sim.onJob((j) => void (j.jobId === job.jobId && seen.push(j.status)));
    expect((await site.client.admin(`${SVC}/jobs/${job.jobId}/cancel`, site.token)).json).toEqual({
      status: 'success',
    });
    expect((await cancelled).endTime).not.toBeNull();
    off();
    expect(seen).toEqual(['esriJobCancelling', 'esriJobCancelled']);
  });

  it('cancel of a Submitted job cancels it at once', async () => {
    const job = site.sim.submitJob('Tools/Buffer', { status: 'esriJobSubmitted' });
    expect((await site.client.admin(`${SVC}/jobs/${job.jobId}/cancel`, site.token)).json).toEqual({
      status: 'success',
    });
    expect(site.sim.getJob('Tools/Buffer', job.jobId)!.status).toBe('esriJobCancelled');
  });

  it('cancel of a finished, waiting or unknown job answers Unable to cancel job (code 500)', async () => {
    for (const status of ['esriJobSucceeded', 'esriJobWaiting', 'esriJobCancelled']) {
      const job = site.sim.submitJob('Tools/Buffer', { status });
      expect((await site.client.admin(`${SVC}/jobs/${job.jobId}/cancel`, site.token)).json).toEqual({
        status: 'error',
        messages: [`Unable to cancel job :[${job.jobId}]`],
        code: 500,
      });
      expect(site.sim.getJob('Tools/Buffer', job.jobId)!.status).toBe(status);
    }
    expect((await site.client.admin(`${SVC}/jobs/jnope/cancel`, site.token)).json.code).toBe(500);
  });

  it('delete removes a job of any status from query, statistics, the job and the REST page', async () => {
    const job = site.sim.submitJob('Tools/Buffer', { status: 'esriJobExecuting', submittedTime: 1000 });
    const before = (await site.client.admin(`${SVC}/jobs/statistics`, site.token)).json.total;
    expect((await site.client.admin(`${SVC}/jobs/${job.jobId}/delete`, site.token)).json).toEqual({
      status: 'success',
    });
    expect((await site.client.admin(`${SVC}/jobs/statistics`, site.token)).json.total).toBe(before - 1);
    const query = await site.client.admin(`${SVC}/jobs/query`, site.token, {
      startTime: '0',
      endTime: '2000',
    });
    expect(query.json.total).toBe(0);
    expect((await site.client.admin(`${SVC}/jobs/${job.jobId}`, site.token)).json.code).toBe(404);
    const page = await site.client.get(`${TASK}/jobs/${job.jobId}`, { f: 'json' });
    expect(page.json).toEqual({ error: { code: 400, message: 'Invalid URL', details: ['Invalid URL'] } });
    expect(site.sim.getJob('Tools/Buffer', job.jobId)).toBeUndefined();
  });

  it('delete of an unknown job answers Unable to delete job (code 400)', async () => {
    expect((await site.client.admin(`${SVC}/jobs/jgone/delete`, site.token)).json).toEqual({
      status: 'error',
      messages: ['Unable to delete job :[jgone]'],
      code: 400,
    });
  });

  it('mutations must be POSTs', async () => {
    const job = site.sim.submitJob('Tools/Buffer', { status: 'esriJobSucceeded' });
    const answer = await site.client.get(`/admin${SVC}/jobs/${job.jobId}/delete`, {
      f: 'json',
      token: site.token,
    });
    expect(answer.json).toMatchObject({ status: 'error', code: 405 });
    expect(site.sim.getJob('Tools/Buffer', job.jobId)).toBeDefined();
  });

  it('purgeQueue cancels New, Submitted and Waiting jobs and leaves running ones', async () => {
    const queued = ['esriJobNew', 'esriJobSubmitted', 'esriJobWaiting'].map((status) =>
      site.sim.submitJob('Analysis/Viewshed', { status }),
    );
    const running = site.sim.submitJob('Analysis/Viewshed', { status: 'esriJobExecuting' });
    const answer = await site.client.admin(
      '/services/Analysis/Viewshed.GPServer/jobs/purgeQueue',
      site.token,
    );
    expect(answer.json).toEqual({ status: 'success' });
    for (const job of queued)
      expect(site.sim.getJob('Analysis/Viewshed', job.jobId)!.status).toBe('esriJobCancelled');
    expect(site.sim.getJob('Analysis/Viewshed', running.jobId)!.status).toBe('esriJobExecuting');
    const left = site.sim.jobs().filter((j) => j.service === 'Analysis/Viewshed');
    expect(left.some((j) => ['esriJobNew', 'esriJobSubmitted', 'esriJobWaiting'].includes(j.status))).toBe(
      false,
    );
  });
});

describe('arcgis-sim state machine and REST job endpoints', () => {
  const site = useSim({ jobs: 20, workersPerService: 1, jobDurationMs: Infinity, cancelDelayMs: 5 }, false);

  it('submitJob answers Submitted; jobs run one per worker and the rest wait', async () => {
    const transitions: string[] = [];
    const stop = site.sim.onJob((job, previous) =>
      transitions.push(`${job.jobId}:${previous}>${job.status}`),
    );
    const first = await site.client.post(`${TASK}/submitJob`, { f: 'json' });
    expect(first.json).toEqual({
      jobId: expect.stringMatching(/^j[0-9a-f]{32}$/),
      jobStatus: 'esriJobSubmitted',
    });
    const a = first.json.jobId as string;
    await site.sim.waitForJob('Tools/Buffer', a, 'esriJobExecuting');
    const b = (await site.client.post(`${TASK}/submitJob`, { f: 'json' })).json.jobId as string;
    await site.sim.waitForJob('Tools/Buffer', b, 'esriJobWaiting');
    site.sim.completeJob('Tools/Buffer', a, 'esriJobFailed');
    await site.sim.waitForJob('Tools/Buffer', b, 'esriJobExecuting');
    site.sim.completeJob('Tools/Buffer', b);
    stop();
    expect(transitions).toEqual([
      `${a}:null>esriJobNew`,
      `${a}:esriJobNew>esriJobSubmitted`,
      `${a}:esriJobSubmitted>esriJobExecuting`,
      `${b}:null>esriJobNew`,
      `${b}:esriJobNew>esriJobSubmitted`,
      `${b}:esriJobSubmitted>esriJobWaiting`,
      `${a}:esriJobExecuting>esriJobFailed`,
      `${b}:esriJobWaiting>esriJobExecuting`,
      `${b}:esriJobExecuting>esriJobSucceeded`,
    ]);
    expect(site.sim.getJob('Tools/Buffer', a)!.endTime).not.toBeNull();
  });

  it('jobs finish on their own after jobDurationMs', async () => {
    const quick = await startSimulator({ jobs: 0, https: false, jobDurationMs: 5 });
    const job = quick.submitJob('Tools/Buffer');
    const done = await new Promise<string>((resolve) =>
      quick.onJob((j) => {
        if (j.jobId === job.jobId && j.endTime !== null) resolve(j.status);
      }),
    );
    expect(['esriJobSucceeded', 'esriJobFailed', 'esriJobTimedOut']).toContain(done);
    await quick.close();
  });

  it('the REST job page shows jobStatus, messages and progress while executing', async () => {
    const id = (await site.client.post(`${TASK}/submitJob`, { f: 'json' })).json.jobId as string;
    await site.sim.waitForJob('Tools/Buffer', id, 'esriJobExecuting');
    const page = await site.client.get(`${TASK}/jobs/${id}`, { f: 'json' });
    expect(page.json).toMatchObject({
      jobId: id,
      jobStatus: 'esriJobExecuting',
      progress: { type: 'default' },
    });
    expect(page.json.messages[0]).toEqual({
      type: 'esriJobMessageTypeInformative',
      description: 'Submitted.',
    });
    site.sim.completeJob('Tools/Buffer', id);
    const done = await site.client.get(`${TASK}/jobs/${id}`, { f: 'json' });
    expect(done.json.jobStatus).toBe('esriJobSucceeded');
    expect(done.json.results).toMatchObject({ Output: { paramUrl: 'results/Output' } });
    const output = await site.client.get(`${TASK}/jobs/${id}/results/Output`, { f: 'json' });
    expect(output.json).toEqual({ paramName: 'Output', dataType: 'GPString', value: `results of ${id}` });
    expect(done.json.messages.at(-1).description).toMatch(/^Succeeded at /);
  });

  it('REST cancel: Executing goes to Cancelling; a Submitted or finished job is refused', async () => {
    const running = site.sim.submitJob('Tools/Buffer', { status: 'esriJobExecuting' });
    const answer = await site.client.post(`${TASK}/jobs/${running.jobId}/cancel`, { f: 'json' });
    expect(answer.json).toEqual({ jobId: running.jobId, jobStatus: 'esriJobCancelling' });
    await site.sim.waitForJob('Tools/Buffer', running.jobId, 'esriJobCancelled');
    for (const status of ['esriJobSubmitted', 'esriJobSucceeded']) {
      const job = site.sim.submitJob('Tools/Buffer', { status });
      const refused = await site.client.post(`${TASK}/jobs/${job.jobId}/cancel`, { f: 'json' });
      expect(refused.json).toEqual({
        error: { code: 400, message: 'Invalid or missing input parameters.', details: [] },
      });
    }
  });

  it('records the submitting user, or null when anonymous', async () => {
    const token = await site.client.token();
    const named = await site.client.post(`${TASK}/submitJob`, { f: 'json', token });
    const anonymous = await site.client.post(`${TASK}/submitJob`, { f: 'json' });
    expect(site.sim.getJob('Tools/Buffer', named.json.jobId)!.username).toBe(site.sim.username);
    expect(site.sim.getJob('Tools/Buffer', anonymous.json.jobId)!.username).toBeNull();
  });

  it('a synchronous service, an unknown task or an unknown job answer Invalid URL', async () => {
    const invalid = { error: { code: 400, message: 'Invalid URL', details: ['Invalid URL'] } };
    const sync = await site.client.post(
      '/rest/services/Utilities/PrintingTools/GPServer/Export%20Web%20Map%20Task/submitJob',
      {
        f: 'json',
      },
    );
    expect(sync.json).toEqual(invalid);
    expect(
      (await site.client.post('/rest/services/Tools/Buffer/GPServer/Nope/submitJob', { f: 'json' })).json,
    ).toEqual(invalid);
    expect((await site.client.get(`${TASK}/jobs/jmissing`, { f: 'json' })).json).toEqual(invalid);
  });

  it('deleting a running job frees its worker for the next one', async () => {
    const solo = await startSimulator({
      jobs: 0,
      https: false,
      workersPerService: 1,
      jobDurationMs: Infinity,
    });
    const a = solo.submitJob('Tools/Buffer');
    await solo.waitForJob('Tools/Buffer', a.jobId, 'esriJobExecuting');
    const b = solo.submitJob('Tools/Buffer');
    await solo.waitForJob('Tools/Buffer', b.jobId, 'esriJobWaiting');
    const soloClient = simClient(solo);
    const token = await soloClient.token();
    await soloClient.admin(`${SVC}/jobs/${a.jobId}/delete`, token);
    await solo.waitForJob('Tools/Buffer', b.jobId, 'esriJobExecuting');
    await soloClient.close();
    await solo.close();
  });

  it('a tool that ignores cancel stays Cancelling', async () => {
    const stuck = await startSimulator({ jobs: 0, https: false, cancelDelayMs: Infinity });
    const job = stuck.submitJob('Tools/Buffer', { status: 'esriJobExecuting' });
    const stuckClient = simClient(stuck);
    const token = await stuckClient.token();
    expect((await stuckClient.admin(`${SVC}/jobs/${job.jobId}/cancel`, token)).json.status).toBe('success');
    expect((await stuckClient.admin(`${SVC}/jobs/${job.jobId}`, token)).json.status).toBe(
      'esriJobCancelling',
    );
    await stuckClient.close();
    await stuck.close();
  });
});
