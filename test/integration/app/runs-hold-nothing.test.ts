/**
 * A core that runs a clean-up every night for months must not hold more after each run: over a real
 * simulator and the real keychain, run after run through the app's path (plan held, started by id, its
 * tail settled), and plans the user never confirmed, nothing reachable from the core grows: every `Map`,
 * `Set` and array reachable through the core's properties (its registries, caches, clients, their pools'
 * own properties; every entry walked, and the test fails if the census could not walk one) has the same
 * size after the last run as after the second, no run or tail is kept once ended, and at most the
 * registry's capacity of unconfirmed plans is held. State held only in closures is not seen (state-census.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../arcgis-sim/index';
import { collectionSizes, grown, notWalked } from '../../bench/state-census';
import { testService } from '../keychain/keychain-service';
import { addSimProfile } from './sim-profile';
import { JobAdminService } from '../../../electron/core';
import type { JobRef } from '../../../electron/core';

const RUNS = 10;
const PER_RUN = 60;

let sim: Simulator;
let service: JobAdminService;
let configDir: string;
let profileId: string;

beforeEach(async () => {
  sim = await startSimulator({ jobs: RUNS * PER_RUN * 2, seed: 23 });
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpja-hold-'));
  service = new JobAdminService({ configDir, managedProfilesPath: null, keychainService: testService() });
  profileId = await addSimProfile(service, sim, { name: 'Nightly' });
});

afterEach(async () => {
  await service.dispose();
  await sim.close();
  fs.rmSync(configDir, { recursive: true, force: true });
});

/** Every collection reachable through the core's properties, every entry walked (none left unwalked). */
function census(): Map<string, number> {
  const sizes = collectionSizes(service, { walkMax: Infinity });
  expect(notWalked(sizes)).toEqual([]);
  return sizes;
}

/** The bulk service's private registries: plans awaiting confirmation, runs going, tails not ended. */
function bulkHeld(): { plans: number; active: number; tails: number } {
  const bulk = service.bulk as unknown as {
    plans: { entries: Map<string, unknown> };
    active: Map<string, unknown>;
    tails: Set<unknown>;
  };
  return { plans: bulk.plans.entries.size, active: bulk.active.size, tails: bulk.tails.size };
}

describe('what the core holds from run to run', () => {
  it('grows by nothing after each run, and holds at most its capacity of unconfirmed plans', async () => {
    const listed = await service.listJobs(profileId);
    if (!listed.ok) throw new Error(listed.error.message);
    const done = listed.value.jobs.filter(
      (j) => j.status === 'esriJobSucceeded' || j.status === 'esriJobFailed',
    );
    expect(done.length).toBeGreaterThanOrEqual(RUNS * PER_RUN);
    const refs: JobRef[] = done.map(({ profileId: p, service: s, jobId, status }) => ({
      profileId: p,
      service: s,
      jobId,
      status,
    }));
    let afterSecond: Map<string, number> | null = null;
    for (let run = 0; run < RUNS; run++) {
      const batch = refs.slice(run * PER_RUN, (run + 1) * PER_RUN);
      // Each night a plan the user looked at and left, then the one that runs.
      const left = await service.bulk.prepare('delete', batch.slice(0, 5));
      expect(left.ok).toBe(true);
      const held = await service.bulk.prepare('delete', batch);
      if (!held.ok) throw new Error(held.error.message);
      let events = 0;
      const started = await service.bulk.start(held.value.planId, { onProgress: () => void events++ });
      if (!started.ok) throw new Error(started.error.message);
      const summary = await started.value.done;
      await service.bulk.settled();
      expect(summary.counts.deleted).toBe(PER_RUN);
      expect(events).toBeGreaterThan(0);
      expect(bulkHeld()).toMatchObject({ active: 0, tails: 0 });
      if (run === 1) afterSecond = census();
    }
    // The plans never started: the registry holds 8 at most (the oldest goes when a ninth comes), and each
    // run's own plan left it when started, so 7 of the 10 left behind are held.
    expect(bulkHeld()).toEqual({ plans: 7, active: 0, tails: 0 });
    // Everything else the core reaches, but for the plans held (checked above) and the profile store's read
    // cache, which it keeps only once the profiles file is older than its settle time (absent after run 2).
    const aside = ['root.bulk.plans', 'root.profiles.cache'];
    const changed = grown(afterSecond!, census()).filter(
      ([at]) => !aside.some((prefix) => at.startsWith(prefix)),
    );
    expect(changed).toEqual([]);
    expect((await service.bulk.listRuns()).length).toBe(RUNS);
  });
});
