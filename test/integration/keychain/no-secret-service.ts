/**
 * Child process for the "no Secret Service" test: runs every credential operation against a keychain that
 * cannot be reached and prints the results as one JSON line. It must exit normally, never crash.
 * Usage: node --import tsx no-secret-service.ts <service>
 */
import { KeychainCredentialStore } from '../../../electron/core/credentials/keychain-store';
import { CredentialVault } from '../../../electron/core/credentials/vault';

const service = process.argv[2] ?? 'gp-job-admin-test-missing';
const keychain = new KeychainCredentialStore({ service });
const vault = new CredentialVault({ keychain });
const results = {
  set: await keychain.set('p1', 'never-stored-pw'),
  get: await keychain.get('p1'),
  has: await keychain.has('p1'),
  clear: await keychain.clear('p1'),
  vaultSet: await vault.set('p1', 'never-stored-pw'),
  statusBefore: await vault.status('p1'),
  sessionOnly: await vault.useSessionOnly('p1', 'session-pw'),
  statusAfter: await vault.status('p1'),
  vaultGet: await vault.get('p1'),
};
process.stdout.write(`${JSON.stringify(results)}\n`);
