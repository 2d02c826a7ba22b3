/**
 * One pool of simulator TLS material per test run (Vitest's and Playwright's global set-up): made in a
 * temporary directory and named in ARCGIS_SIM_TLS_POOL, which the test processes inherit, so simulators stop
 * running `openssl` three times each (see test/arcgis-sim/tls.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TLS_POOL_ENV, makeTlsPool } from './arcgis-sim/tls';

/** Makes the pool and sets the variable; resolves with the teardown that removes both. */
export async function withTlsPool(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'arcgis-sim-tls-pool-'));
  await makeTlsPool(dir);
  process.env[TLS_POOL_ENV] = dir;
  return async () => {
    delete process.env[TLS_POOL_ENV];
    await rm(dir, { recursive: true, force: true });
  };
}
