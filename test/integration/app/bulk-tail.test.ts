/**
 * A bulk run's tail: after `done` the service still closes the run's audit file and applies the audit
 * retention. `settled()` waits for it (shutdown and the benchmark rely on that), over a real simulator, the
 * real keychain and a real audit directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../arcgis-sim/index';
import { testService } from '../keychain/keychain-service';
import { addSimProfile } from './sim-profile';
import { JobAdminService } from '../../../electron/core';

let sim: Simulator;
let service: JobAdminService;
let configDir: string;

beforeEach(async () => {
  sim = await startSimulator({ jobs: 40, seed: 5 });
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpja-tail-'));
  service = new JobAdminService({ configDir, managedProfilesPath: null, keychainService: testService() });
});

afterEach(async () => {
  await service.dispose();
  await sim.close();
  fs.rmSync(configDir, { recursive: true, force: true });
});

it('settled() waits for the tail of every ended run (its audit retention)', async () => {
  const profileId = await addSimProfile(service, sim, { name: 'Tail' });
  const listed = await service.listJobs(profileId);
  if (!listed.ok) throw new Error(listed.error.message);
  const refs = listed.value.jobs
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
