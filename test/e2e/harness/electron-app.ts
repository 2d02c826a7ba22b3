/**
 * The Electron path (when the binary is installed): the real app, launched with `_electron` on the built
 * main bundle, isolated by environment: its own config directory, keychain service and managed-profiles file.
 */
import path from 'node:path';
import { _electron } from '@playwright/test';
import type { AppHandle } from './app-handle';

/** What the Electron path needs. */
export interface ElectronAppOptions {
  executablePath: string;
  mainScript: string;
  configDir: string;
  keychainService: string;
  managedProfilesPath: string;
}

/** Launches the app and resolves with its first window once the renderer has loaded. */
export async function launchElectronApp(options: ElectronAppOptions): Promise<AppHandle> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  delete env.ELECTRON_RUN_AS_NODE;
  const electronApp = await _electron.launch({
    executablePath: options.executablePath,
    args: [path.resolve(options.mainScript)],
    env: {
      ...env,
      GPJOBS_CONFIG_DIR: options.configDir,
      GPJOBS_KEYCHAIN_SERVICE: options.keychainService,
      GPJOBS_MANAGED_CONFIG: options.managedProfilesPath,
    },
  });
  const page = await electronApp.firstWindow();
  await page.waitForLoadState('load');
  return { kind: 'electron', page, close: () => electronApp.close() };
}
