/**
 * The core as the app builds it (`JobAdminService`: profile store, vault, one client per profile, bulk
 * service with its audit log), in a throwaway config directory, with one profile per simulator. Passwords
 * are kept for this run only (the vault's session store), so the benchmark needs no keychain and writes
 * no secret anywhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JobAdminService } from '../../electron/core/service/job-admin-service';
import type { Job, JobRef, Profile } from '../../electron/core/types';
import type { SimProcess } from './sim-fleet';

/** A core service with a profile per simulator. */
export interface BenchCore {
  service: JobAdminService;
  profiles: Profile[];
  configDir: string;
  dispose(): Promise<void>;
}

/** Saves a profile per simulator (its CA trusted, `concurrency` requests at once) and its password. */
export async function addSimProfiles(
  service: JobAdminService,
  sims: readonly SimProcess[],
  concurrency: number,
): Promise<Profile[]> {
  const profiles: Profile[] = [];
  for (const [i, sim] of sims.entries()) {
    const saved = await service.saveProfile({
      name: `Bench server ${i + 1}`,
      serverUrl: sim.url,
      username: sim.username,
      caCertPem: sim.caPem,
      concurrency,
    });
    if (!saved.ok) throw new Error(`profile for ${sim.url}: ${saved.error.message}`);
    const pw = await service.setPassword(saved.value.id, sim.password, true);
    if (!pw.ok) throw new Error(`password for ${sim.url}: ${pw.error.message}`);
    profiles.push(saved.value);
  }
  return profiles;
}

/** Opens a core over `sims` in a fresh temporary config directory. */
export async function openBenchCore(sims: readonly SimProcess[], concurrency: number): Promise<BenchCore> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gpjobs-bench-'));
  const configDir = path.join(root, 'config');
  const service = new JobAdminService({
    configDir,
    managedProfilesPath: null,
    keychainService: `gp-job-admin-bench-${process.pid}`,
  });
  const profiles = await addSimProfiles(service, sims, concurrency);
  return {
    service,
    profiles,
    configDir,
    dispose: async () => {
      await service.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Every server's jobs as the core lists them (`JobAdminService.listJobs`), one array per profile in the
 * order of `core.profiles`; a listing that fails stops the benchmark (a part must not measure fewer jobs).
 */
export async function listEachServer(core: BenchCore): Promise<Job[][]> {
  return Promise.all(
    core.profiles.map(async (p) => {
      const listed = await core.service.listJobs(p.id);
      if (!listed.ok) throw new Error(`listing ${p.name}: ${listed.error.message}`);
      return listed.value.jobs;
    }),
  );
}

/** The reference a bulk plan takes for a listed job (what the window sends with `bulk.plan`). */
export function jobRefOf(job: Pick<Job, 'profileId' | 'service' | 'jobId' | 'status'>): JobRef {
  return { profileId: job.profileId, service: job.service, jobId: job.jobId, status: job.status };
}
