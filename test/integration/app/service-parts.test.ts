/**
 * The parts the core service shares between listing and bulk runs, over a real simulator and the real
 * keychain: the job cache (listing fills it, plans trust it), the client pool (one client per profile,
 * a client of its own for a run at another concurrency) and the bulk runs' tail (settled()).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../arcgis-sim/index';
import { testService } from '../keychain/keychain-service';
import { addSimProfile } from './sim-profile';
import { JobAdminService } from '../../../electron/core';
import type { Job } from '../../../electron/core';

let sim: Simulator;
let service: JobAdminService;
let configDir: string;
let profileId: string;

beforeEach(async () => {
  sim = await startSimulator({ jobs: 60, seed: 11 });
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpja-parts-'));
  service = new JobAdminService({ configDir, managedProfilesPath: null, keychainService: testService() });
  profileId = await addSimProfile(service, sim, { name: 'Parts' });
});

afterEach(async () => {
  await service.dispose();
  await sim.close();
  fs.rmSync(configDir, { recursive: true, force: true });
});

async function listed(): Promise<Job[]> {
  const r = await service.listJobs(profileId);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.jobs;
}

describe('the job cache shared by listing and bulk plans', () => {
  it('a plan trusts the status the last listing reported over the caller’s', async () => {
    const done = (await listed()).find((j) => j.status === 'esriJobSucceeded')!;
    const ref = { profileId, service: done.service, jobId: done.jobId, status: 'esriJobExecuting' };
    const plan = await service.bulk.plan('cancel', [ref]);
    expect(plan.ok && plan.value.jobs[0]).toMatchObject({ status: 'esriJobSucceeded', eligible: false });
    const unknown = await service.bulk.plan('cancel', [{ ...ref, jobId: 'jnotlisted' }]);
    expect(unknown.ok && unknown.value.jobs[0]).toMatchObject({ status: 'esriJobExecuting', eligible: true });
  });

  it('a filtered listing updates the jobs it saw and keeps the others as the full listing left them', async () => {
    const all = await listed();
    const done = all.find((j) => j.status === 'esriJobSucceeded')!;
    const failed = all.filter((j) => j.status === 'esriJobFailed');
    expect(failed.length).toBeGreaterThan(0);
    const filtered = await service.listJobs(profileId, { statuses: ['esriJobFailed'] });
    expect(filtered.ok && filtered.value.jobs.map((j) => j.jobId).sort()).toEqual(
      failed.map((j) => j.jobId).sort(),
    );
    const ref = { profileId, service: done.service, jobId: done.jobId, status: 'esriJobExecuting' };
    const plan = await service.bulk.plan('cancel', [ref]);
    expect(plan.ok && plan.value.jobs[0]).toMatchObject({ status: 'esriJobSucceeded', eligible: false });
  });
});

describe('a listing streamed service by service', () => {
  it('hands every job over as each service is listed, holds none in the result, and fills the cache', async () => {
    const whole = await listed();
    const chunks: Job[][] = [];
    const streamed = await service.listJobs(profileId, {}, { onJobs: (jobs) => chunks.push(jobs) });
    if (!streamed.ok) throw new Error(streamed.error.message);
    expect(streamed.value.jobs).toEqual([]);
    const key = (j: Job): string => `${j.service} ${j.jobId} ${j.status}`;
    expect(chunks.flat().map(key).sort()).toEqual(whole.map(key).sort());
    // One chunk per service that has jobs, each of one service.
    expect(chunks.every((c) => new Set(c.map((j) => j.service)).size === 1)).toBe(true);
    expect(chunks.length).toBe(new Set(whole.map((j) => j.service)).size);
    expect(service.jobs.size).toBe(whole.length);
    const done = whole.find((j) => j.status === 'esriJobSucceeded')!;
    const plan = await service.bulk.plan('cancel', [{ ...done, status: 'esriJobExecuting' }]);
    expect(plan.ok && plan.value.jobs[0]).toMatchObject({ status: 'esriJobSucceeded', eligible: false });
  });
});

describe('a listing that leaves the job cache alone (cache: false)', () => {
  const key = (j: { service: string; jobId: string }): string => `${j.service} ${j.jobId}`;

  it('lists every job, streamed or not, without caching one; a listing without the option fills the cache', async () => {
    const chunks: Job[][] = [];
    const streamed = await service.listJobs(profileId, {}, { cache: false, onJobs: (j) => chunks.push(j) });
    const whole = await service.listJobs(profileId, {}, { cache: false });
    if (!streamed.ok || !whole.ok) throw new Error('listing failed');
    expect(whole.value.jobs.length).toBe(60);
    expect(chunks.flat().map(key).sort()).toEqual(whole.value.jobs.map(key).sort());
    expect(service.jobs.size).toBe(0);
    expect(whole.value.jobs.every((j) => service.jobs.find({ ...j, profileId }) === undefined)).toBe(true);
    const cached = await listed();
    expect(service.jobs.size).toBe(60);
    expect(cached.every((j) => service.jobs.find(j) !== undefined)).toBe(true);
  });

  it('keeps the last listing as it was, so plans still see what that listing reported', async () => {
    const all = await listed();
    const generation = service.jobs.generation(profileId);
    // A job submitted since: the uncached listing shows it, the cache still holds only the last listing.
    const fresh = sim.submitJob(all[0]!.service);
    const after = await service.listJobs(profileId, {}, { cache: false });
    expect(after.ok && after.value.jobs.map(key)).toContain(key(fresh));
    expect(service.jobs.generation(profileId)).toBe(generation);
    expect(service.jobs.size).toBe(all.length);
    expect(service.jobs.find({ ...fresh, profileId })).toBeUndefined();
    expect(service.jobs.find(all[0]!)).toBeDefined();
  });
});

describe('the client pool', () => {
  it('a run at the profile’s concurrency shares its client; another concurrency gets one of its own', async () => {
    const shared = await service.client(profileId);
    const same = await service.clients.lease(profileId, 4);
    const own = await service.clients.lease(profileId, 2);
    if (!shared.ok || !same.ok || !own.ok) throw new Error('no client');
    expect(same.value.client).toBe(shared.value);
    expect(own.value.client).not.toBe(shared.value);
    // Its own limiter, but the server's one Retry-After pause.
    expect(own.value.client.hold).toBe(shared.value.hold);
    await own.value.release();
    await same.value.release();
    // Releasing the shared lease leaves the pooled client working.
    expect((await shared.value.discoverServices()).ok).toBe(true);
  });

  it('rebuilds a changed profile’s client, and forgets a removed profile’s listing', async () => {
    const before = await service.client(profileId);
    const entry = await service.profile(profileId);
    if (!before.ok || !entry.ok) throw new Error('no profile');
    const { managed: _managed, ...profile } = entry.value;
    expect((await service.saveProfile({ ...profile, name: 'Parts renamed' })).ok).toBe(true);
    const after = await service.client(profileId);
    expect(after.ok && after.value).not.toBe(before.value);
    const job = (await listed())[0]!;
    expect(service.jobs.find(job)).toBeDefined();
    expect((await service.removeProfile(profileId)).ok).toBe(true);
    expect(service.jobs.find(job)).toBeUndefined();
  });

  it('keeps a Retry-After pause across a save of the profile that leaves its URL, not one that moves it', async () => {
    const before = await service.client(profileId);
    const entry = await service.profile(profileId);
    if (!before.ok || !entry.ok) throw new Error('no profile');
    before.value.hold.holdFor(30_000); // the server asked to be left alone for 30 s
    const until = before.value.hold.pausedUntil;
    const { managed: _managed, ...profile } = entry.value;
    expect((await service.saveProfile({ ...profile, name: 'Parts renamed' })).ok).toBe(true);
    const renamed = await service.client(profileId);
    if (!renamed.ok) throw new Error('no client');
    expect(renamed.value).not.toBe(before.value);
    expect(renamed.value.hold.pausedUntil).toBe(until);
    const moved = {
      ...profile,
      name: 'Parts moved',
      serverUrl: profile.serverUrl.replace('127.0.0.1', 'localhost'),
    };
    expect((await service.saveProfile(moved)).ok).toBe(true);
    const other = await service.client(profileId);
    expect(other.ok && other.value.hold.pausedUntil).toBe(0);
  });

  it('drops a Retry-After pause when a save changes only the admin URL (most requests go there)', async () => {
    const before = await service.client(profileId);
    const entry = await service.profile(profileId);
    if (!before.ok || !entry.ok) throw new Error('no profile');
    before.value.hold.holdFor(30_000);
    const { managed: _managed, ...profile } = entry.value;
    const adminUrl = profile.serverUrl.replace('127.0.0.1', 'localhost');
    expect((await service.saveProfile({ ...profile, adminUrl })).ok).toBe(true);
    const other = await service.client(profileId);
    if (!other.ok) throw new Error('no client');
    expect(other.value.hold.pausedUntil).toBe(0);
  });
});

describe('a bulk run’s tail', () => {
  // After `done` the service still releases leases, closes the run's audit files and applies the audit
  // retention; shutdown and the benchmark wait for it with settled().
  it('settled() waits for the tail of every ended run (its audit retention)', async () => {
    const refs = (await listed())
      .slice(0, 6)
      .map(({ service: s, jobId, status }) => ({ profileId, service: s, jobId, status }));
    // Hold the tail's last step until the test lets it go.
    const applyRetention = service.audit.applyRetention.bind(service.audit);
    let reached!: () => void;
    const tailReached = new Promise<void>((resolve) => (reached = resolve));
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    service.audit.applyRetention = async (now?: number) => {
      reached();
      await held;
      return applyRetention(now);
    };
    const planned = await service.bulk.prepare('delete', refs);
    if (!planned.ok) throw new Error(planned.error.message);
    const started = await service.bulk.start(planned.value.planId);
    if (!started.ok) throw new Error(started.error.message);
    expect((await started.value.done).counts.deleted).toBe(6);
    let isSettled = false;
    const settled = service.bulk.settled().then(() => (isSettled = true));
    await tailReached;
    await new Promise<void>((resolve) => setImmediate(resolve)); // one turn for a wrongly early settle to land
    expect(isSettled).toBe(false);
    letGo();
    await settled;
    expect(isSettled).toBe(true);
  });
});
