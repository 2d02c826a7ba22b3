import { describe, expect, it } from 'vitest';
import { BulkRuns } from '../../../../renderer/src/lib/bulk-runs.svelte';
import { Workspace } from '../../../../renderer/src/lib/workspace.svelte';
import type { BulkProgressView, HeldPlanView, Job } from '../../../../renderer/src/lib/contract-types';
import { EMPTY_CONTEXT, planContext } from '../../../../renderer/src/lib/plan-context';
import { fail, fakeApi, listing, ok, profile } from './fake-api';
import { job } from './jobs/make-jobs';

const a1 = job({ profileId: 'a', jobId: 'a1' });
const a2 = job({ profileId: 'a', jobId: 'a2', status: 'esriJobFailed' });

function plan(total: number, planId = 'plan-1'): HeldPlanView {
  return {
    planId,
    action: 'delete',
    total,
    eligible: total,
    skipped: 0,
    running: 0,
    servers: [],
    requiresTypedConfirmation: false,
  };
}

/** A progress event of the run in flight: its last progress with these changes. */
function progress(bulk: BulkRuns, over: Partial<BulkProgressView>): BulkProgressView {
  if (!bulk.progress) throw new Error('no run in flight');
  return { ...bulk.progress, ...over };
}

/**
 * The arguments of the next call of an async method, once the call has finished: the method runs as
 * before, the test waits on its own promise instead of polling.
 */
function nextCall<T extends object, K extends keyof T>(target: T, method: K): Promise<unknown[]> {
  const original = target[method] as (...args: unknown[]) => Promise<unknown>;
  return new Promise((resolve) => {
    (target as Record<K, unknown>)[method] = async (...args: unknown[]) => {
      (target as Record<K, unknown>)[method] = original;
      await original.apply(target, args);
      resolve(args);
    };
  });
}

/** A workspace with server a loaded, and bulk runs listening, over one fake API. */
async function setup() {
  const fake = fakeApi();
  const jobs: Record<string, Job[]> = { a: [a1, a2] };
  fake.answer('profiles.list', () => ok({ profiles: [profile('a')], problems: [] }));
  fake.answer('jobs.list', ({ profileId }) => ok(listing(profileId, jobs[profileId] ?? [])));
  fake.answer('bulk.plan', ({ jobs: refs }) => ok(plan(refs.length)));
  fake.answer('bulk.start', () => ok({ runId: 'r1', plan: plan(2) }));
  fake.answer('bulk.listRuns', () => ok([]));
  const workspace = new Workspace(fake.api);
  await workspace.start();
  const bulk = new BulkRuns(workspace);
  bulk.start();
  return { fake, jobs, workspace, bulk };
}

describe('BulkRuns', () => {
  it('plans, then runs the confirmed plan and starts from an empty progress', async () => {
    const { fake, bulk } = await setup();
    const context = planContext([a1, a2], null);
    expect(await bulk.prepare('delete', [a1, a2], context)).toBe(true);
    expect(bulk.plan?.total).toBe(2);
    expect(bulk.context).toBe(context);
    expect(bulk.planning).toBeNull();
    await bulk.confirm();
    expect(bulk.plan).toBeNull();
    expect(bulk.context).toBe(EMPTY_CONTEXT);
    expect(fake.payloads('bulk.plan')[0]?.jobs.map((j) => j.jobId)).toEqual(['a1', 'a2']);
    expect(fake.payloads('bulk.start')).toEqual([{ planId: 'plan-1' }]); // the plan shown, by its id only
    expect(bulk.progress).toMatchObject({ runId: 'r1', total: 2, done: 0, finished: false });
    expect(bulk.active).toBe(true);
  });

  it('plans nothing for no jobs, and keeps a refused plan as the error', async () => {
    const { fake, bulk } = await setup();
    expect(await bulk.prepare('delete', [])).toBe(false);
    expect(fake.payloads('bulk.plan')).toHaveLength(0);
    fake.answer('bulk.plan', () => fail('not-found', 'No such server'));
    expect(await bulk.prepare('cancel', [a1])).toBe(false);
    expect(bulk.error?.message).toBe('No such server');
    expect(bulk.plan).toBeNull();
  });

  it('drops a discarded plan here and in the backend, without starting anything', async () => {
    const { fake, bulk } = await setup();
    fake.answer('bulk.discard', () => ok(null));
    await bulk.prepare('delete', [a1]);
    expect(bulk.busy).toBe(true); // no auto-refresh while a plan awaits confirmation
    bulk.discardPlan();
    await bulk.confirm();
    expect(fake.payloads('bulk.start')).toHaveLength(0);
    expect(fake.payloads('bulk.discard')).toEqual([{ planId: 'plan-1' }]);
    expect(bulk.busy).toBe(false);
  });

  it('plans the same jobs again when the backend refuses the confirmed plan as stale, and runs only the new plan once confirmed', async () => {
    const { fake, bulk } = await setup();
    const why =
      'Job a2 on A changed on the server after this plan was made. Nothing was changed; the action has to be planned again.';
    const starts: string[] = [];
    fake.answer('bulk.start', ({ planId }) => {
      starts.push(planId);
      return starts.length === 1 ? fail('invalid-input', why) : ok({ runId: 'r1', plan: plan(1, planId) });
    });
    let planned = 0;
    fake.answer('bulk.plan', ({ jobs: refs }) =>
      ok({ ...plan(refs.length, `plan-${++planned}`), eligible: 2 - planned + 1 }),
    );
    const contexts: string[][] = [];
    const contextOf = (jobs: readonly Job[]) => {
      contexts.push(jobs.map((j) => `${j.jobId}:${j.status}`));
      return planContext(jobs, null);
    };
    // The window's copy of a1 when the user selected it; the workspace has listed it since as succeeded.
    const seen = { ...a1, status: 'esriJobExecuting' };
    await bulk.prepare('delete', [seen, a2], contextOf);
    expect(bulk.replanned).toBeNull();
    await bulk.confirm();

    expect(starts).toEqual(['plan-1']);
    expect(bulk.error).toBeNull();
    expect(bulk.progress).toBeNull(); // nothing ran
    expect(bulk.plan).toMatchObject({ planId: 'plan-2', eligible: 1 });
    expect(bulk.replanned).toEqual({ reason: why, eligibleBefore: 2 });
    expect(bulk.busy).toBe(true); // no auto-refresh while the new plan awaits confirmation
    // Planned again from the jobs as the window lists them now, with a fresh context.
    expect(fake.payloads('bulk.plan').map((p) => p.jobs.map((j) => `${j.jobId}:${j.status}`))).toEqual([
      ['a1:esriJobExecuting', 'a2:esriJobFailed'],
      ['a1:esriJobSucceeded', 'a2:esriJobFailed'],
    ]);
    expect(contexts).toEqual([
      ['a1:esriJobExecuting', 'a2:esriJobFailed'],
      ['a1:esriJobSucceeded', 'a2:esriJobFailed'],
    ]);

    await bulk.confirm();
    expect(starts).toEqual(['plan-1', 'plan-2']);
    expect(bulk.replanned).toBeNull();
    expect(bulk.progress).toMatchObject({ runId: 'r1', finished: false });
  });

  it("shows a refused start that is not the plan's (a keychain failure) as the error, and plans nothing again", async () => {
    const { fake, bulk } = await setup();
    fake.answer('bulk.start', () => fail('keychain', 'The keychain is locked'));
    await bulk.prepare('delete', [a1, a2]);
    await bulk.confirm();
    expect(bulk.error?.message).toBe('The keychain is locked');
    expect(fake.payloads('bulk.plan')).toHaveLength(1);
    expect(bulk.plan).toBeNull();
    expect(bulk.replanned).toBeNull();
    expect(bulk.active).toBe(false);
  });

  it('says why and opens no empty confirmation when the plan made again acts on no job', async () => {
    const { fake, bulk } = await setup();
    fake.answer('bulk.start', () =>
      fail(
        'invalid-input',
        'This plan was already started, discarded or has expired. Nothing was changed; the action has to be planned again.',
      ),
    );
    let planned = 0;
    fake.answer('bulk.plan', ({ jobs: refs }) =>
      ok({
        ...plan(refs.length, `plan-${++planned}`),
        eligible: planned === 1 ? 1 : 0,
        skipped: planned === 1 ? 0 : 1,
      }),
    );
    fake.answer('bulk.discard', () => ok(null));
    await bulk.prepare('cancel', [a1]);
    await bulk.confirm();
    expect(bulk.plan).toBeNull();
    expect(bulk.replanned).toBeNull();
    expect(bulk.busy).toBe(false);
    expect(bulk.error?.message).toMatch(
      /has expired\. .*none of these jobs can be cancelled now, so nothing was run\.$/,
    );
    expect(fake.payloads('bulk.discard')).toEqual([{ planId: 'plan-2' }]);
    expect(fake.payloads('bulk.start')).toHaveLength(1);
  });

  it('forgets why a plan was made again once it is discarded or a new one is asked for', async () => {
    const { fake, bulk } = await setup();
    fake.answer('bulk.start', () => fail('invalid-input', 'stale'));
    fake.answer('bulk.discard', () => ok(null));
    await bulk.prepare('delete', [a1]);
    await bulk.confirm();
    expect(bulk.replanned).not.toBeNull();
    bulk.discardPlan();
    expect(bulk.replanned).toBeNull();
    await bulk.prepare('delete', [a1]);
    await bulk.confirm();
    expect(bulk.replanned).not.toBeNull();
    await bulk.prepare('delete', [a2]);
    expect(bulk.replanned).toBeNull();
  });

  it('feeds progress results into the workspace and refreshes the touched servers when the run ends', async () => {
    const { fake, jobs, workspace, bulk } = await setup();
    await bulk.prepare('delete', [a1, a2]);
    await bulk.confirm();
    const deleted = { profileId: 'a', service: a1.service, jobId: 'a1', outcome: 'deleted' as const };
    fake.emit('bulk.progress', progress(bulk, { done: 1, results: [deleted] }));
    expect(workspace.jobs).toEqual([a2]);
    expect(bulk.progress?.done).toBe(1);
    jobs.a = [a2];
    const failed = { profileId: 'a', service: a2.service, jobId: 'a2', outcome: 'failed' as const };
    const counts = { deleted: 1, cancelled: 0, 'already-gone': 0, skipped: 0, failed: 1 };
    const refreshed = nextCall(workspace, 'refreshAfterRun');
    const listed = nextCall(bulk, 'loadRuns');
    fake.emit('bulk.progress', progress(bulk, { done: 2, finished: true, counts, results: [failed] }));
    expect(bulk.active).toBe(false);
    expect(bulk.canRetry).toBe(true);
    expect(await refreshed).toEqual([['a']]);
    await listed;
    expect(fake.payloads('jobs.list').map((p) => p.profileId)).toEqual(['a', 'a']);
    expect(fake.payloads('bulk.listRuns')).toHaveLength(1);
    expect(workspace.load('a').loading).toBe(false);
    expect(workspace.finished.size).toBe(1); // the refresh after a run keeps the finished rows
  });

  it('keeps progress that arrived before the start answer', async () => {
    const earlier = await setup();
    await earlier.bulk.prepare('delete', [a1, a2]);
    await earlier.bulk.confirm();
    const { fake, bulk } = await setup();
    await bulk.prepare('delete', [a1, a2]);
    fake.answer('bulk.start', () => {
      fake.emit('bulk.progress', progress(earlier.bulk, { done: 1 }));
      return ok({ runId: 'r1', plan: plan(2) });
    });
    await bulk.confirm();
    expect(bulk.progress?.done).toBe(1);
  });

  it('pauses, resumes and aborts only the run in flight', async () => {
    const { fake, bulk } = await setup();
    fake.answer('bulk.pause', () => ok(null));
    fake.answer('bulk.abort', () => fail('not-found', 'The run has ended'));
    await bulk.pause();
    expect(fake.payloads('bulk.pause')).toHaveLength(0);
    await bulk.prepare('delete', [a1]);
    await bulk.confirm();
    await bulk.pause();
    expect(fake.payloads('bulk.pause')).toEqual([{ runId: 'r1' }]);
    expect(bulk.error).toBeNull();
    await bulk.abort();
    expect(bulk.error?.message).toBe('The run has ended');
  });

  it('retries the failed jobs of a finished run as a new run', async () => {
    const { fake, bulk } = await setup();
    fake.answer('bulk.retryFailed', () => ok({ runId: 'r2', plan: plan(1) }));
    await bulk.prepare('delete', [a1, a2]);
    await bulk.confirm();
    await bulk.retryFailed(); // still running: nothing to retry yet
    expect(fake.payloads('bulk.retryFailed')).toHaveLength(0);
    fake.emit('bulk.progress', progress(bulk, { done: 2, finished: true }));
    await bulk.retryFailed();
    expect(fake.payloads('bulk.retryFailed')).toEqual([{ runId: 'r1' }]);
    expect(bulk.progress).toMatchObject({ runId: 'r2', total: 1, done: 0 });
  });

  it('loads the run history and the retention, reloading the history when a change removed runs', async () => {
    const { fake, bulk } = await setup();
    fake.answer('bulk.listRuns', () => fail('config', 'The audit folder is unreadable'));
    await bulk.loadRuns();
    expect(bulk.runsError?.message).toBe('The audit folder is unreadable');
    expect(bulk.runsLoading).toBe(false);
    fake.answer('bulk.listRuns', () => ok([]));
    fake.answer('bulk.retention', ({ keepDays }) =>
      ok({ keepDays: keepDays ?? null, minimumDays: null, removed: 3 }),
    );
    await bulk.keepRuns(30);
    expect(fake.payloads('bulk.retention')).toEqual([{ keepDays: 30 }]);
    expect(bulk.retention?.keepDays).toBe(30);
    expect(bulk.runsError).toBeNull();
    await bulk.keepRuns();
    expect(fake.payloads('bulk.retention')[1]).toEqual({});
  });

  it('keeps a refused export as the error', async () => {
    const { fake, bulk } = await setup();
    fake.answer('bulk.exportResults', () => fail('not-found', 'No such run'));
    await bulk.exportResults('csv', 'old-run');
    expect(fake.payloads('bulk.exportResults')).toEqual([{ runId: 'old-run', format: 'csv' }]);
    expect(bulk.error?.message).toBe('No such run');
  });

  it('stops listening', async () => {
    const { fake, bulk } = await setup();
    bulk.stop();
    expect(fake.listeners('bulk.progress')).toBe(0);
  });
});
