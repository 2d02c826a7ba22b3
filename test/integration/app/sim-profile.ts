/** Shared set-up of the core service tests: a simulator's profile saved, with its password in the keychain. */
import type { JobAdminService } from '../../../electron/core';
import type { ProfileInput } from '../../../electron/core/profiles/schema';
import type { Simulator } from '../../arcgis-sim/index';

/** Saves a profile for `sim` (server tokens, its CA trusted, concurrency 4, unless `over` says otherwise); its id. */
export async function addSimProfile(
  service: JobAdminService,
  sim: Simulator,
  over: Partial<ProfileInput> = {},
): Promise<string> {
  const saved = await service.saveProfile({
    name: 'Simulator',
    serverUrl: sim.url,
    authMode: 'server',
    username: sim.username,
    caCertPem: sim.caPem,
    concurrency: 4,
    ...over,
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const stored = await service.setPassword(saved.value.id, sim.password);
  if (!stored.ok) throw new Error(stored.error.message);
  return saved.value.id;
}
