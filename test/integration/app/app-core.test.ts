/**
 * The desktop app's handlers end to end in Node: every call goes through `dispatch` (the same validation
 * as over IPC) to the real core service, a real simulator over HTTPS and the real keychain.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import keytar from '@github/keytar';
import { dispatch } from '../../../electron/main/dispatch';
import type { InvokeChannel } from '../../../electron/shared/schemas';
import type { BulkProgressView } from '../../../electron/shared/views';
import { useAppCore } from './app-core-setup';

const app = useAppCore({ jobs: 400, seed: 7 }, 'gpja-app-');

async function call<T = unknown>(channel: InvokeChannel, payload?: unknown): Promise<T> {
  const result = await dispatch(channel, payload, app.core.handlers);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

async function addServer(): Promise<string> {
  const saved = await call<{ id: string }>('profiles.save', {
    name: 'Staging',
    serverUrl: `${app.sim.url}/rest/services`,
    authMode: 'server',
    username: app.sim.username,
    caCertPem: app.sim.caPem,
    concurrency: 4,
  });
  await call('credentials.set', { profileId: saved.id, password: app.sim.password });
  return saved.id;
}

describe('the app core behind the IPC contract', () => {
  it('saves a pasted services URL as the site root and keeps the password in the keychain only', async () => {
    const id = await addServer();
    const { profiles } = await call<{ profiles: Array<{ serverUrl: string; credential: string }> }>(
      'profiles.list',
    );
    const [profile] = profiles;
    expect(profile).toMatchObject({ serverUrl: app.sim.url, credential: 'keychain' });
    expect(await keytar.getPassword(app.keychainService, id)).toBe(app.sim.password);
    for (const file of fs.readdirSync(app.configDir)) {
      const full = path.join(app.configDir, file);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full, 'utf8')).not.toContain(app.sim.password);
    }
  });

  it('tests the connection and reports the connection state as an event', async () => {
    const id = await addServer();
    const states: string[] = [];
    app.core.onEvent('connection.state', (s) => states.push(s.state));
    const info = await call<{ isAdmin: boolean; federated: boolean }>('profiles.test', { profileId: id });
    expect(info).toMatchObject({ isAdmin: true, federated: false });
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('lists every job of the server exactly as the simulator holds them', async () => {
    const id = await addServer();
    const listed = await call<{ jobs: Array<{ jobId: string; service: string }>; failures: unknown[] }>(
      'jobs.list',
      { profileId: id },
    );
    expect(listed.failures).toEqual([]);
    // Service by service, in the order discovery sorts services, however the listings finished.
    const runs = listed.jobs.map((j) => j.service).filter((s, i, all) => i === 0 || all[i - 1] !== s);
    expect(runs).toEqual([...new Set(runs)].sort((a, b) => a.localeCompare(b)));
    // The table's fields, and no REST url (the detail view carries that link).
    expect(Object.keys(listed.jobs[0]!).sort()).toEqual([
      'endTime',
      'jobId',
      'machinename',
      'profileId',
      'service',
      'status',
      'submittedTime',
      'username',
    ]);
    expect(listed.jobs.map((j) => j.jobId).sort()).toEqual(
      app.sim
        .jobs()
        .map((j) => j.jobId)
        .sort(),
    );
  });

  it('says when a listing is incomplete: a server claiming 10^12 jobs is listed in part, with why', async () => {
    const id = await addServer();
    app.sim.setClaimedTotal(1e12);
    try {
      const listed = await call<{ warnings: Array<{ service: string; message: string }> }>('jobs.list', {
        profileId: id,
      });
      expect(listed.warnings.length).toBeGreaterThan(0);
      for (const w of listed.warnings)
        expect(w.message).toMatch(/reports 10\^12 jobs; listing stopped at \d+/);
    } finally {
      app.sim.setClaimedTotal(null);
    }
  });

  it('plans, runs and logs a bulk delete whose results agree with the server job by job', async () => {
    const id = await addServer();
    const { jobs } = await call<{ jobs: Array<{ service: string; jobId: string; status: string }> }>(
      'jobs.list',
      {
        profileId: id,
      },
    );
    const chosen = jobs
      .slice(0, 150)
      .map((j) => ({ profileId: id, service: j.service, jobId: j.jobId, status: j.status }));
    const plan = await call<{ planId: string; eligible: number; requiresTypedConfirmation: boolean }>(
      'bulk.plan',
      { action: 'delete', jobs: chosen },
    );
    expect(plan).toMatchObject({ eligible: 150, requiresTypedConfirmation: true });

    const finished = new Promise<BulkProgressView>((resolve) => {
      const results: BulkProgressView['results'] = [];
      app.core.onEvent('bulk.progress', (e) => {
        results.push(...e.results);
        if (e.finished) resolve({ ...e, results });
      });
    });
    const { runId } = await call<{ runId: string }>('bulk.start', { planId: plan.planId });
    const last = await finished;
    expect(last.counts.deleted).toBe(150);
    expect(last.results).toHaveLength(150);
    for (const job of chosen) expect(app.sim.getJob(job.service, job.jobId)).toBeUndefined();
    expect(app.sim.jobs()).toHaveLength(400 - 150);

    const runs = await call<Array<{ runId: string; interrupted: boolean }>>('bulk.listRuns');
    expect(runs[0]).toMatchObject({ runId, interrupted: false });
    const csv = await call<{ text: string }>('bulk.exportResults', { runId, format: 'csv' });
    expect(csv.text.trim().split('\n')).toHaveLength(151);
  });

  it('opens only https pages of configured servers', async () => {
    await addServer();
    await call('app.openExternal', { url: `${app.sim.url}/rest/services` });
    expect(app.opened).toEqual([`${app.sim.url}/rest/services`]);
    const refused = await dispatch(
      'app.openExternal',
      { url: 'https://evil.example.com/' },
      app.core.handlers,
    );
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('tells the user once that a damaged profiles file was kept aside, and where', async () => {
    fs.writeFileSync(path.join(app.configDir, 'profiles.json'), '{"version": 1, "profiles": [ {"name": ');
    const first = await call<{ profiles: unknown[]; problems: Array<{ kind: string; message: string }> }>(
      'profiles.list',
    );
    expect(first.profiles).toEqual([]);
    expect(first.problems).toHaveLength(1);
    const kept = fs.readdirSync(app.configDir).find((f) => f.startsWith('profiles.corrupt-'));
    expect(kept).toBeDefined();
    expect(first.problems[0]!.message).toContain(kept!);
    expect(await call('profiles.list')).toEqual({ profiles: [], problems: [] });
  });

  it('deleting a profile deletes its keychain entry', async () => {
    const id = await addServer();
    await call('profiles.remove', { profileId: id });
    expect(await keytar.getPassword(app.keychainService, id)).toBeNull();
    expect(await call('profiles.list')).toEqual({ profiles: [], problems: [] });
  });
});

describe('one plan from preview to run', () => {
  type Ref = { profileId: string; service: string; jobId: string; status: string };
  const refsOf = (id: string, jobs: Array<Omit<Ref, 'profileId'>>): Ref[] =>
    jobs.map((j) => ({ profileId: id, service: j.service, jobId: j.jobId, status: j.status }));
  const listed = async (id: string) =>
    (await call<{ jobs: Array<Omit<Ref, 'profileId'>> }>('jobs.list', { profileId: id })).jobs;
  const finishedRun = () =>
    new Promise<BulkProgressView>((resolve) => {
      const results: BulkProgressView['results'] = [];
      app.core.onEvent('bulk.progress', (e) => {
        results.push(...e.results);
        if (e.finished) resolve({ ...e, results });
      });
    });

  it('runs exactly the jobs of the confirmed plan, whatever the server gained since, and only once', async () => {
    const id = await addServer();
    const chosen = refsOf(id, (await listed(id)).slice(0, 20));
    const plan = await call<{ planId: string; total: number }>('bulk.plan', {
      action: 'delete',
      jobs: chosen,
    });
    expect(plan.total).toBe(20);
    // The server gains a job and is listed again: the plan's own jobs are unchanged, so it still holds.
    const added = app.sim.submitJob(chosen[0]!.service, { status: 'esriJobSucceeded' });
    await listed(id);

    const finished = finishedRun();
    await call('bulk.start', { planId: plan.planId });
    const last = await finished;
    expect(last.results.map((r) => r.jobId).sort()).toEqual(chosen.map((j) => j.jobId).sort());
    expect(last.counts.deleted).toBe(20);
    expect(app.sim.getJob(added.service, added.jobId)).toBeDefined();
    expect(app.sim.jobs()).toHaveLength(400 + 1 - 20);

    const again = await dispatch('bulk.start', { planId: plan.planId }, app.core.handlers);
    expect(again).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await call<unknown[]>('bulk.listRuns')).toHaveLength(1);
  });

  it('refuses a plan made stale by a refresh of its server, and changes nothing', async () => {
    const id = await addServer();
    const running = app.sim.submitJob(app.sim.jobs()[0]!.service, { status: 'esriJobExecuting' });
    const jobs = await listed(id);
    const target = refsOf(id, jobs).filter((j) => j.jobId === running.jobId);
    const plan = await call<{ planId: string; eligible: number }>('bulk.plan', {
      action: 'cancel',
      jobs: target,
    });
    expect(plan.eligible).toBe(1);
    app.sim.completeJob(running.service, running.jobId, 'esriJobSucceeded');
    await listed(id); // the refresh the user (or the auto-refresh) made after seeing the plan

    const refused = await dispatch('bulk.start', { planId: plan.planId }, app.core.handlers);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (!refused.ok) {
      expect(refused.error.message).toMatch(
        new RegExp(`^Job ${running.jobId} on Staging changed on the server after this plan was made`),
      );
      expect(refused.error.message).toContain('Nothing was changed; the action has to be planned again.');
    }
    expect(app.sim.requests.filter((r) => /\/(cancel|delete)$/.test(r.url.split('?')[0]!))).toEqual([]);
    expect(app.sim.getJob(running.service, running.jobId)?.status).toBe('esriJobSucceeded');
    expect(await call<unknown[]>('bulk.listRuns')).toEqual([]);
  });

  it('refuses an unknown plan id and a discarded plan', async () => {
    const id = await addServer();
    const unknown = await dispatch('bulk.start', { planId: crypto.randomUUID() }, app.core.handlers);
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const plan = await call<{ planId: string }>('bulk.plan', {
      action: 'delete',
      jobs: refsOf(id, (await listed(id)).slice(0, 1)),
    });
    await call('bulk.discard', { planId: plan.planId });
    const discarded = await dispatch('bulk.start', { planId: plan.planId }, app.core.handlers);
    expect(discarded).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(app.sim.jobs()).toHaveLength(400);
  });
});
