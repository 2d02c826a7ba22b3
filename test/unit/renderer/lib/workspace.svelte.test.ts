import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../renderer/src/lib/workspace.svelte';
import type { Job } from '../../../../renderer/src/lib/contract-types';
import { fail, fakeApi, listing, memoryStorage, ok, profile } from './fake-api';
import { job } from './jobs/make-jobs';

const a1 = job({ profileId: 'a', jobId: 'a1' });
const b1 = job({ profileId: 'b', jobId: 'b1' });

/** A workspace over servers a and b, with b hidden when asked. */
function setup(hideB = false) {
  const fake = fakeApi();
  const jobs: Record<string, Job[]> = { a: [a1], b: [b1] };
  const profiles = [profile('a'), profile('b')];
  fake.answer('profiles.list', () => ok({ profiles, problems: [] }));
  fake.answer('jobs.list', ({ profileId }) => ok(listing(profileId, jobs[profileId] ?? [])));
  const storage = memoryStorage(hideB ? { 'gpja.hiddenServers': '["b"]' } : {});
  return { fake, jobs, profiles, workspace: new Workspace(fake.api, storage) };
}

describe('Workspace', () => {
  it('starts by loading the profiles, then the jobs of the shown servers only', async () => {
    const { fake, workspace } = setup(true);
    await workspace.start();
    expect(fake.calls.map((c) => c.channel)).toEqual(['profiles.list', 'jobs.list']);
    expect(fake.payloads('jobs.list').map((p) => p.profileId)).toEqual(['a']);
    expect(workspace.profiles.map((p) => p.id)).toEqual(['a', 'b']);
    expect(workspace.shownProfiles.map((p) => p.id)).toEqual(['a']);
    expect(workspace.jobs).toEqual([a1]);
    expect(workspace.profilesReady).toBe(true);
    expect(fake.listeners('connection.state')).toBe(1);
    fake.emit('connection.state', { profileId: 'a', state: 'error', error: null, lastRefresh: null });
    expect(workspace.connections.a?.state).toBe('error');
    workspace.stop();
    expect(fake.listeners('connection.state')).toBe(0);
  });

  it('shows a hidden server: loads its jobs the first time, and the table follows', async () => {
    const { fake, workspace } = setup(true);
    await workspace.start();
    workspace.toggleShown('b');
    await workspace.refresh('b'); // wait for the load the toggle started
    expect(fake.payloads('jobs.list').filter((p) => p.profileId === 'b').length).toBe(2);
    expect(workspace.jobs).toEqual([a1, b1]);
    workspace.toggleShown('b');
    expect(workspace.jobs).toEqual([a1]);
    expect(workspace.hidden).toEqual(['b']);
    const before = fake.calls.length;
    workspace.toggleShown('b'); // loaded already: no new request
    expect(fake.calls.length).toBe(before);
    expect(workspace.jobs).toEqual([a1, b1]);
  });

  it('removes a server with its rows and results', async () => {
    const { fake, profiles, workspace } = setup();
    fake.answer('profiles.remove', () => ok({ credentialWarning: null }));
    await workspace.start();
    workspace.applyResults([{ profileId: 'a', service: a1.service, jobId: 'a1', outcome: 'deleted' }]);
    expect(workspace.finished.size).toBe(1);
    profiles.shift();
    expect((await workspace.removeProfile('a')).ok).toBe(true);
    expect(workspace.profiles.map((p) => p.id)).toEqual(['b']);
    expect(workspace.jobsByServer).toEqual({ b: [b1] });
    expect(workspace.finished.size).toBe(0);
    expect(workspace.results.size).toBe(0);
  });

  it('keeps the server and its rows when the removal fails', async () => {
    const { fake, workspace } = setup();
    fake.answer('profiles.remove', () => fail('config', 'Managed by IT'));
    await workspace.start();
    const r = await workspace.removeProfile('a');
    expect(r.ok ? null : r.error.message).toBe('Managed by IT');
    expect(workspace.jobs).toEqual([a1, b1]);
  });

  it('loads every shown server after an import that added profiles', async () => {
    const { fake, profiles, workspace } = setup();
    fake.answer('profiles.import', () => ok({ added: 1, duplicates: 0, invalid: 0, entries: [] }));
    await workspace.start();
    profiles.push(profile('c'));
    await workspace.importProfiles('[…]');
    expect(fake.payloads('jobs.list').map((p) => p.profileId)).toEqual(['a', 'b', 'a', 'b', 'c']);
  });

  it('shows the finished rows when the table asks, and refreshes after a run keeping them', async () => {
    const { jobs, workspace } = setup();
    await workspace.start();
    workspace.applyResults([{ profileId: 'a', service: a1.service, jobId: 'a1', outcome: 'deleted' }]);
    expect(workspace.tableJobs).toEqual([b1]);
    workspace.showFinished = true;
    expect(workspace.showFinished).toBe(true);
    expect(workspace.tableJobs.map((j) => j.jobId)).toEqual(['b1', 'a1']);
    jobs.a = [];
    await workspace.refreshAfterRun(['a']);
    expect(workspace.tableJobs.map((j) => j.jobId)).toEqual(['b1', 'a1']);
    await workspace.refresh();
    expect(workspace.tableJobs.map((j) => j.jobId)).toEqual(['b1']);
    expect(workspace.loading).toBe(false);
  });

  it('gives one-off calls (open external) as values', async () => {
    const { fake, workspace } = setup();
    fake.answer('app.openExternal', ({ url }) =>
      url.startsWith('https://a.') ? ok(null) : fail('invalid-input', 'Not a configured server'),
    );
    expect((await workspace.openExternal('https://a.example.com/arcgis/rest')).ok).toBe(true);
    expect((await workspace.openExternal('https://evil.example.net')).ok).toBe(false);
  });
});
