/**
 * A policy saved in the desktop app (through the main-process handlers the app uses, behind the same
 * payload validation as IPC) is the policy `gpjobs policies run` runs: same file, same filter, same result.
 * The app's own preview and Run now touch exactly the previewed jobs, in a run tagged with the policy.
 */
import { describe, expect, it } from 'vitest';
import { installedGpjobs } from '../../../electron/core';
import { dispatch } from '../../../electron/main/dispatch';
import type { BulkProgressView, PolicyPreviewView, PolicyView } from '../../../electron/shared/views';
import type { SimJob } from '../../arcgis-sim/index';
import { addSim, keys, sandbox, simulator } from '../cli/helpers';
import { appHandlers } from './app-handlers';

const mutations = (jobs: { requests: { url: string }[] }) =>
  jobs.requests.filter((r) => /\/(delete|cancel)$/.test(r.url.split('?')[0]!));

async function setUp() {
  const [a, b] = await Promise.all([simulator({ seed: 21, jobs: 120 }), simulator({ seed: 22, jobs: 120 })]);
  const cli = await sandbox();
  await addSim(cli, a, 'Alpha');
  await addSim(cli, b, 'Beta');
  const { core, call } = appHandlers(cli);
  return { cli, a, b, call, core };
}

const SUCCEEDED_IN_ANALYSIS = (j: SimJob) =>
  j.status === 'esriJobSucceeded' && j.service.startsWith('Analysis/');

describe('policies saved in the app', () => {
  it('run the same way from gpjobs policies run', async () => {
    const { cli, a, b, call } = await setUp();
    const saved = await call<PolicyView>('policies.save', {
      policy: {
        name: 'From the app',
        servers: 'all',
        services: ['Analysis/*'],
        statuses: ['esriJobSucceeded'],
      },
    });
    expect(saved.schedule.cron).toContain(`${installedGpjobs().posix} policies run 'From the app' --yes`);
    const kept = [a, b].map((s) => keys(s.jobs().filter((j) => !SUCCEEDED_IN_ANALYSIS(j))));
    const expected = a.jobs().concat(b.jobs()).filter(SUCCEEDED_IN_ANALYSIS).length;
    expect(expected).toBeGreaterThan(0);
    const ran = await cli.run(['policies', 'run', 'from the app', '--yes']);
    expect(ran.code).toBe(0);
    expect([a, b].map((s) => keys(s.jobs()))).toEqual(kept);
    const listed = await call<{ policies: PolicyView[] }>('policies.list');
    expect(listed.policies[0]!.lastRun).toMatchObject({ action: 'delete', counts: { deleted: expected } });
  });

  it('preview shows the plan by server, and Run now runs exactly it; the cap refuses before any request', async () => {
    const { a, b, call, core } = await setUp();
    await call('policies.save', {
      policy: { name: 'Capped', servers: ['Alpha'], statuses: ['esriJobFailed'], maxJobs: 1 },
    });
    const capped = await call<PolicyPreviewView>('policies.preview', { name: 'Capped' });
    expect(capped.overCap).toContain('more than its cap of 1');
    const refused = await dispatch('policies.start', { previewId: capped.previewId }, core.handlers);
    expect(refused.ok ? '' : refused.error.message).toContain('refused, nothing was sent');
    expect(mutations(a).concat(mutations(b))).toEqual([]);

    await call('policies.save', {
      policy: { name: 'Capped', servers: ['Alpha'], statuses: ['esriJobFailed'], maxJobs: 500 },
      replacing: 'Capped',
    });
    const preview = await call<PolicyPreviewView>('policies.preview', { name: 'capped' });
    const failed = a.jobs().filter((j) => j.status === 'esriJobFailed');
    expect(preview.overCap).toBeNull();
    expect(preview.servers).toEqual(['Alpha']);
    expect(preview.plan.eligible).toBe(failed.length);
    expect(preview.plan.servers.map((s) => s.name)).toEqual(['Alpha']);
    const finished = new Promise<BulkProgressView>((resolve) =>
      core.onEvent('bulk.progress', (e) => e.finished && resolve(e)),
    );
    const started = await call<{ runId: string }>('policies.start', { previewId: preview.previewId });
    const last = await finished;
    expect(last.runId).toBe(started.runId);
    expect(last.counts.deleted).toBe(failed.length);
    expect(a.jobs().filter((j) => j.status === 'esriJobFailed')).toEqual([]);
    expect(mutations(b)).toEqual([]);
  });
});
