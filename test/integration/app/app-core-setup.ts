/**
 * The app core tests' set-up: before each test a simulator, a config directory, a keychain service name
 * and an app core over them (the URLs it was asked to open collected in `opened`); after it, all removed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import keytar from '@github/keytar';
import { startSimulator, type SimOptions, type Simulator } from '../../arcgis-sim/index';
import { createAppCore, type AppCore } from '../../../electron/main/app-core';

/** What each test gets: read its fields inside a test (they are replaced before each one). */
export interface AppCoreFixture {
  sim: Simulator;
  core: AppCore;
  configDir: string;
  keychainService: string;
  opened: string[];
}

/** Registers the set-up and clean-up of every test of the calling file; see the module comment. */
export function useAppCore(simOptions: SimOptions, dirPrefix: string): AppCoreFixture {
  const fixture = { opened: [] as string[] } as AppCoreFixture;
  beforeEach(async () => {
    fixture.sim = await startSimulator(simOptions);
    fixture.configDir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
    fixture.keychainService = `gp-job-admin-test-${crypto.randomUUID()}`;
    fixture.opened = [];
    fixture.core = createAppCore({
      configDir: fixture.configDir,
      managedProfilesPath: null,
      keychainService: fixture.keychainService,
      openExternal: async (url) => void fixture.opened.push(url),
    });
  });
  afterEach(async () => {
    await fixture.core.dispose();
    await fixture.sim.close();
    for (const { account } of await keytar.findCredentials(fixture.keychainService)) {
      await keytar.deletePassword(fixture.keychainService, account);
    }
    fs.rmSync(fixture.configDir, { recursive: true, force: true });
  });
  return fixture;
}
