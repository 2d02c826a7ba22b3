import { describe, expect, it } from 'vitest';
import { JobState } from '../../../../renderer/src/lib/job-state.svelte';
import { jobKey } from '../../../../renderer/src/lib/jobs/job-types';
import type { Job } from '../../../../renderer/src/lib/contract-types';
import type { Result, ServerJobsView } from '../../../../electron/shared/views';
import { deferred, fail, fakeApi, listing, ok } from './fake-api';
import { job } from './jobs/make-jobs';

const a1 = job({ profileId: 'a', jobId: 'a1' });
const a2 = job({ profileId: 'a', jobId: 'a2', status: 'esriJobExecuting' });
const b1 = job({ profileId: 'b', jobId: 'b1' });

/** A job state over servers a and b (both shown unless `shown` says otherwise), answering from `jobs`. */
function setup(jobs: Record<string, Job[]>, shown: string[] = ['a', 'b']) {
  const fake = fakeApi();
  fake.answer('jobs.list', ({ profileId }) => ok(listing(profileId, jobs[profileId] ?? [])));
  const state = new JobState(fake.api, () => shown);
  return { fake, state };
}

describe('JobState', () => {
  it('loads the servers asked for and lists the jobs of the shown ones, in order', async () => {
    const { state } = setup({ a: [a1, a2], b: [b1] });
    await state.refresh(['b', 'a']);
    expect(state.jobs.map((j) => j.jobId)).toEqual(['a1', 'a2', 'b1']);
    expect(state.load('a')).toMatchObject({ loading: false, error: null, services: 1 });
    expect(state.load('a').loadedAt).toBeTypeOf('number');
    expect(state.refreshedAt).toBeGreaterThanOrEqual(state.load('a').loadedAt ?? Infinity);
    expect(state.load('zz')).toMatchObject({ loading: false, loadedAt: null });
  });

  it("leaves a hidden server's jobs out of the list", async () => {
    const { state } = setup({ a: [a1], b: [b1] }, ['b']);
    await state.refresh(['a', 'b']);
    expect(state.jobs).toEqual([b1]);
    expect(state.jobsByServer.a).toEqual([a1]);
  });

  it('says a server is loading while its list is on the way, and keeps its rows when the reload fails', async () => {
    const { fake, state } = setup({ a: [a1] });
    await state.refresh(['a']);
    const slow = deferred<Result<ServerJobsView>>();
    fake.answer('jobs.list', () => slow.promise);
    const done = state.refresh(['a']);
    expect(state.loading).toBe(true);
    expect(state.load('a').loading).toBe(true);
    slow.resolve(fail('timeout', 'The server did not answer'));
    await done;
    expect(state.loading).toBe(false);
    expect(state.load('a').error?.kind).toBe('timeout');
    expect(state.jobs).toEqual([a1]);
  });

  it('keeps the newest of two overlapping refreshes of a server', async () => {
    const { fake, state } = setup({});
    const first = deferred<Result<ServerJobsView>>();
    const second = deferred<Result<ServerJobsView>>();
    const answers = [first, second];
    fake.answer('jobs.list', () => answers.shift()!.promise);
    const older = state.refresh(['a']);
    const newer = state.refresh(['a']);
    second.resolve(ok(listing('a', [a2])));
    await newer;
    first.resolve(ok(listing('a', [a1])));
    await older;
    expect(state.jobs).toEqual([a2]);
  });

  it('highlights jobs that failed since the last load, not on the first one', async () => {
    const failedFirst = job({ profileId: 'a', jobId: 'f0', status: 'esriJobFailed' });
    const jobs: Record<string, Job[]> = { a: [failedFirst, a2] };
    const { state } = setup(jobs);
    await state.refresh(['a']);
    expect(state.newFailures.size).toBe(0);
    const failedNow = { ...a2, status: 'esriJobFailed' };
    jobs.a = [failedFirst, failedNow];
    await state.refresh(['a']);
    expect([...state.newFailures]).toEqual([jobKey(failedNow)]);
    state.markFailuresSeen();
    expect(state.newFailures.size).toBe(0);
  });

  it('takes deleted jobs out of the working set as finished rows, shown only when asked', async () => {
    const { state } = setup({ a: [a1, a2], b: [b1] });
    await state.refresh(['a', 'b']);
    state.applyResults([
      { profileId: 'a', service: a1.service, jobId: 'a1', outcome: 'deleted' },
      { profileId: 'a', service: a2.service, jobId: 'a2', outcome: 'cancelled' },
    ]);
    expect(state.jobs.map((j) => `${j.jobId}:${j.status}`)).toEqual([
      'a2:esriJobCancelled',
      'b1:esriJobSucceeded',
    ]);
    expect(state.results.get(jobKey(a1))?.outcome).toBe('deleted');
    expect(state.tableJobs).toBe(state.jobs);
    state.showFinished = true;
    expect(state.tableJobs.map((j) => j.jobId)).toEqual(['a2', 'b1', 'a1']);
  });

  it('drops finished rows on a refresh, but keeps them on the refresh after a run', async () => {
    const jobs: Record<string, Job[]> = { a: [a1, a2] };
    const { state } = setup(jobs);
    await state.refresh(['a']);
    state.applyResults([{ profileId: 'a', service: a1.service, jobId: 'a1', outcome: 'deleted' }]);
    jobs.a = [a2];
    await state.refresh(['a'], true);
    expect(state.finished.size).toBe(1);
    expect(state.results.get(jobKey(a1))?.outcome).toBe('deleted');
    await state.refresh(['a']);
    expect(state.finished.size).toBe(0);
    expect(state.results.size).toBe(0);
  });

  it('forgets everything of a removed server', async () => {
    const { state } = setup({ a: [a1], b: [b1] });
    await state.refresh(['a', 'b']);
    state.applyResults([{ profileId: 'a', service: a1.service, jobId: 'a1', outcome: 'deleted' }]);
    state.forget('a');
    expect(Object.keys(state.jobsByServer)).toEqual(['b']);
    expect(Object.keys(state.loads)).toEqual(['b']);
    expect(state.finished.size).toBe(0);
    expect(state.results.size).toBe(0);
  });

  it('asks for a job detail with the job reference only', async () => {
    const { fake, state } = setup({});
    fake.answer('jobs.detail', () => fail('not-found', 'The job is gone'));
    const r = await state.jobDetail(a1);
    expect(r.ok).toBe(false);
    expect(fake.payloads('jobs.detail')).toEqual([{ profileId: 'a', service: a1.service, jobId: 'a1' }]);
  });
});
