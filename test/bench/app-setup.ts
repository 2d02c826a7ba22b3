/**
 * The app's core as the main process builds it (`createAppCore`: the handlers the window calls), in a
 * throwaway config directory, with a profile and a session-only password per simulator, set up through
 * the same handlers the window uses. For the figures that must take the app's own path to the jobs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppCore } from '../../electron/main/app-core';
import type { AppCore } from '../../electron/main/app-core';
import { dispatch } from '../../electron/main/dispatch';
import type { SimProcess } from './sim-fleet';

/** An app core with a profile per simulator. */
export interface BenchApp {
  core: AppCore;
  profileIds: string[];
  dispose(): Promise<void>;
}

/** Calls one channel as the window does (validated by `dispatch`); throws on an error answer. */
export async function callApp<T>(core: AppCore, channel: string, payload: unknown): Promise<T> {
  const r = (await dispatch(channel, payload, core.handlers)) as
    { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

/** Opens an app core over `sims` (each profile at `concurrency`). */
export async function openBenchApp(
  sims: ReadonlyArray<Pick<SimProcess, 'url' | 'username' | 'password' | 'caPem'>>,
  concurrency: number,
): Promise<BenchApp> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gpjobs-bench-app-'));
  const core = createAppCore({
    configDir: path.join(root, 'config'),
    managedProfilesPath: null,
    keychainService: `gp-job-admin-bench-${process.pid}`,
    openExternal: async () => undefined,
  });
  const dispose = async (): Promise<void> => {
    await core.dispose();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const profileIds: string[] = [];
    for (const [i, sim] of sims.entries()) {
      const saved = await callApp<{ id: string }>(core, 'profiles.save', {
        name: `Bench server ${i + 1}`,
        serverUrl: sim.url,
        authMode: 'server',
        username: sim.username,
        caCertPem: sim.caPem,
        concurrency,
      });
      await callApp(core, 'credentials.set', {
        profileId: saved.id,
        password: sim.password,
        sessionOnly: true,
      });
      profileIds.push(saved.id);
    }
    return { core, profileIds, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}
