/**
 * A listing overlapped with discovery stops each early service with one abort signal, which every page of
 * that service listens to while it waits for a request slot, is in flight or waits to retry. A service of
 * many pages must not make Node warn of a listener leak (the warning went to the console of every large
 * listing: the fleet benchmark printed it dozens of times). Real simulator, sockets and keychain.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { JobAdminService } from '../../../electron/core';
import { startSimulator, type Simulator } from '../../arcgis-sim/index';
import { testService } from '../keychain/keychain-service';
import { addSimProfile } from './sim-profile';

let sim: Simulator;
let service: JobAdminService;
let configDir: string;
const warnings: Error[] = [];
const onWarning = (w: Error): void => void warnings.push(w);

beforeEach(async () => {
  // Pages of one job: each service has dozens of pages, far more than Node's default of 10 listeners.
  sim = await startSimulator({ jobs: 400, seed: 5, maxPageSize: 1 });
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpja-overlap-listeners-'));
  service = new JobAdminService({ configDir, managedProfilesPath: null, keychainService: testService() });
  process.on('warning', onWarning);
});

afterEach(async () => {
  process.off('warning', onWarning);
  await service.dispose();
  await sim.close();
  fs.rmSync(configDir, { recursive: true, force: true });
});

it('lists a many-paged server a second time without a listener-leak warning', async () => {
  const profileId = await addSimProfile(service, sim);
  const first = await service.listJobs(profileId);
  if (!first.ok) throw new Error(first.error.message);
  expect(first.value.jobs).toHaveLength(sim.jobs().length);
  // The second listing starts the known services' pages while discovery runs (the overlapped path).
  const second = await service.listJobs(profileId);
  if (!second.ok) throw new Error(second.error.message);
  expect(second.value.jobs).toHaveLength(sim.jobs().length);
  // Node emits 'warning' on the next tick; one more turn of the loop lets it arrive before the check.
  await new Promise<void>((resolve) => setImmediate(resolve));
  expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
});
