/**
 * Child of locked-keyring.test.ts, run inside its own D-Bus session with its own gnome-keyring (so locking
 * it disturbs no other test): saves a password, locks the keyring, and prints what the store, the vault
 * and `gpjobs` then report, as one JSON line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { passwordFrom } from '../../../electron/core/arcgis/password';
import { KeychainCredentialStore } from '../../../electron/core/credentials/keychain-store';
import { CredentialVault } from '../../../electron/core/credentials/vault';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { dispatch } from '../../../electron/main/dispatch';
import { createAppCore } from '../../../electron/main/app-core';

async function main(): Promise<void> {
  const [configDir, cli] = process.argv.slice(2) as [string, string];
  const service = 'gp-job-admin-locked-test';
  const store = new KeychainCredentialStore({ service });
  const vault = new CredentialVault({ keychain: store });
  const profiles = new ProfileStore({ configDir, managedPath: null });
  const saved = await profiles.save({
    name: 'Locked',
    serverUrl: 'https://gis.example.com/arcgis',
    username: 'a',
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const id = saved.value.id;
  await vault.set(id, 'pw');
  const unlockedMissing = await store.get('no-such-profile');
  execFileSync('dbus-send', [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.Lock',
    'array:objpath:/org/freedesktop/secrets/collection/login',
  ]);
  const get = await store.get(id);
  const status = await vault.status(id);
  const forClient = await passwordFrom(vault, id)();
  const core = createAppCore({
    configDir,
    managedProfilesPath: null,
    keychainService: service,
    openExternal: async () => undefined,
  });
  const app = {
    list: await dispatch('profiles.list', undefined, core.handlers),
    status: await dispatch('credentials.status', { profileId: id }, core.handlers),
  };
  await core.dispose();
  const env = {
    ...process.env,
    GPJOBS_CONFIG_DIR: configDir,
    GPJOBS_KEYCHAIN_SERVICE: service,
    GPJOBS_MANAGED_CONFIG: `${configDir}/none.json`,
  };
  const listed = spawnSync(process.execPath, [cli, 'servers', 'list', '--format', 'json'], {
    env,
    encoding: 'utf8',
  });
  const jobs = spawnSync(process.execPath, [cli, 'jobs', 'list'], { env, encoding: 'utf8' });
  process.stdout.write(
    `${JSON.stringify({ unlockedMissing, get, status, forClient, app, listed: listed.stdout, jobs: { code: jobs.status, stderr: jobs.stderr } })}\n`,
  );
}

void main();
