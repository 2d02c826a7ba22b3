import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeychainCredentialStore } from '../../../electron/core/credentials/keychain-store';
import { CredentialVault } from '../../../electron/core/credentials/vault';
import { removeProfileWithCredentials } from '../../../electron/core/profiles/remove-profile';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { rawKeytar, testService } from '../keychain/keychain-service';
import { prod } from './store-setup';
import { tempDir } from './temp-dir';

// Uses the real keychain: run under `bash build/with-keyring.sh`.

async function setup() {
  const dir = await tempDir('remove');
  const managedPath = path.join(dir, 'managed.json');
  await fs.writeFile(
    managedPath,
    JSON.stringify({
      version: 1,
      profiles: [{ id: 'it-1', name: 'IT', serverUrl: 'https://it.corp/arcgis', username: 'a' }],
    }),
  );
  const service = testService();
  const store = new ProfileStore({ configDir: path.join(dir, 'config'), managedPath });
  const vault = new CredentialVault({ keychain: new KeychainCredentialStore({ service }) });
  return { store, vault, service };
}

describe('removeProfileWithCredentials', () => {
  it('deletes the profile and its keychain entry', async () => {
    const { store, vault, service } = await setup();
    const saved = await store.save(prod);
    if (!saved.ok) throw new Error(saved.error.message);
    await vault.set(saved.value.id, 'hunter2');
    const removed = await removeProfileWithCredentials(store, vault, saved.value.id);
    expect(removed).toEqual({ ok: true, value: { profile: saved.value } });
    expect(await store.get(saved.value.id)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await (await rawKeytar()).getPassword(service, saved.value.id)).toBeNull();
  });

  it('forgets a session-only password too', async () => {
    const { store, vault } = await setup();
    const saved = await store.save(prod);
    if (!saved.ok) throw new Error(saved.error.message);
    await vault.useSessionOnly(saved.value.id, 'for-now');
    await removeProfileWithCredentials(store, vault, saved.value.id);
    expect(await vault.status(saved.value.id)).toEqual({ stored: 'none' });
  });

  it('refuses a managed profile and leaves its password alone', async () => {
    const { store, vault, service } = await setup();
    await vault.set('it-1', 'it-pass');
    expect(await removeProfileWithCredentials(store, vault, 'it-1')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(/managed profile/) },
    });
    expect(await (await rawKeytar()).getPassword(service, 'it-1')).toBe('it-pass');
  });

  it('says so when there is no such profile', async () => {
    const { store, vault } = await setup();
    expect(await removeProfileWithCredentials(store, vault, 'nope')).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });

  it('still deletes the profile when the keychain is unreachable, and names the leftover entry', async () => {
    const { store } = await setup();
    const saved = await store.save(prod);
    if (!saved.ok) throw new Error(saved.error.message);
    const offline = new CredentialVault({
      keychain: new KeychainCredentialStore({
        loadKeytar: () => Promise.reject(new Error('Could not connect: No such file or directory')),
      }),
    });
    const removed = await removeProfileWithCredentials(store, offline, saved.value.id);
    expect(removed).toMatchObject({
      ok: true,
      value: {
        profile: saved.value,
        credentialWarning: {
          kind: 'keychain',
          message: expect.stringMatching(
            new RegExp(
              `^"Production" was deleted, but its saved password could not be removed.*${saved.value.id}`,
            ),
          ),
        },
      },
    });
    expect(await store.list()).toEqual({ ok: true, value: [expect.objectContaining({ id: 'it-1' })] });
  });
});
