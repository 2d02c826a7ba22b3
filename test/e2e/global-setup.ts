/** Playwright global setup: the simulators' TLS material, made once for the run (see test/tls-pool.ts). */
import { withTlsPool } from '../tls-pool';

/** Makes the pool; Playwright calls the returned teardown after the last test. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  return withTlsPool();
}
