import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeychainCredentialStore } from '../../../electron/core/credentials/keychain-store';
import { CredentialVault } from '../../../electron/core/credentials/vault';
import { rawKeytar, testService } from './keychain-service';

// Runs against the real Secret Service: `bash build/with-keyring.sh npx vitest run test/integration/keychain`.

describe('KeychainCredentialStore on the real keychain', () => {
  it('saves a password and reads it back', async () => {
    const store = new KeychainCredentialStore({ service: testService() });
    expect(await store.set('profile-1', 'S3cret pässwörd ✓')).toEqual({ ok: true, value: undefined });
    expect(await store.get('profile-1')).toEqual({ ok: true, value: 'S3cret pässwörd ✓' });
    expect(await store.has('profile-1')).toEqual({ ok: true, value: true });
  });

  it('keeps one entry per profile, in the keychain under the service and the profile id', async () => {
    const service = testService();
    const store = new KeychainCredentialStore({ service });
    await store.set('profile-1', 'one');
    await store.set('profile-2', 'two');
    const entries = await (await rawKeytar()).findCredentials(service);
    expect(entries.map((e) => [e.account, e.password]).sort()).toEqual([
      ['profile-1', 'one'],
      ['profile-2', 'two'],
    ]);
  });

  it('overwrites a saved password', async () => {
    const service = testService();
    const store = new KeychainCredentialStore({ service });
    await store.set('profile-1', 'old');
    await store.set('profile-1', 'new');
    expect(await store.get('profile-1')).toEqual({ ok: true, value: 'new' });
    expect(await (await rawKeytar()).findCredentials(service)).toHaveLength(1);
  });

  it('deletes a password, and deleting a missing one is fine', async () => {
    const service = testService();
    const store = new KeychainCredentialStore({ service });
    await store.set('profile-1', 'pw');
    expect(await store.clear('profile-1')).toEqual({ ok: true, value: undefined });
    expect(await store.get('profile-1')).toEqual({ ok: true, value: null });
    expect(await (await rawKeytar()).getPassword(service, 'profile-1')).toBeNull();
    expect(await store.clear('profile-1')).toEqual({ ok: true, value: undefined });
  });

  it('returns null for a profile that never had a password', async () => {
    const store = new KeychainCredentialStore({ service: testService() });
    expect(await store.get('nobody')).toEqual({ ok: true, value: null });
    expect(await store.has('nobody')).toEqual({ ok: true, value: false });
  });

  it('keeps services apart: the same profile id under another service is another entry', async () => {
    const a = new KeychainCredentialStore({ service: testService() });
    const b = new KeychainCredentialStore({ service: testService() });
    await a.set('profile-1', 'for-a');
    await b.set('profile-1', 'for-b');
    await a.clear('profile-1');
    expect(await a.get('profile-1')).toEqual({ ok: true, value: null });
    expect(await b.get('profile-1')).toEqual({ ok: true, value: 'for-b' });
  });
});

describe('CredentialVault on the real keychain', () => {
  it('reports where a password is without revealing it', async () => {
    const vault = new CredentialVault({ keychain: new KeychainCredentialStore({ service: testService() }) });
    expect(await vault.status('p1')).toEqual({ stored: 'none' });
    await vault.set('p1', 'hunter2');
    const status = await vault.status('p1');
    expect(status).toEqual({ stored: 'keychain' });
    expect(JSON.stringify(status)).not.toContain('hunter2');
    expect(await vault.get('p1')).toEqual({ ok: true, value: 'hunter2' });
  });

  it('moves a session-only password into the keychain once saving works', async () => {
    const vault = new CredentialVault({ keychain: new KeychainCredentialStore({ service: testService() }) });
    await vault.useSessionOnly('p1', 'for-now');
    expect((await vault.status('p1')).stored).toBe('session');
    await vault.set('p1', 'for-good');
    expect(await vault.status('p1')).toEqual({ stored: 'keychain' });
    expect(await vault.get('p1')).toEqual({ ok: true, value: 'for-good' });
  });
});

describe('without a Secret Service', () => {
  it('gives a keychain error value, not a crash, and keeps a session password only on request', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'no-secret-service.ts')],
      {
        cwd: path.resolve(import.meta.dirname, '../../..'),
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

    const results = JSON.parse(stdout) as Record<string, unknown>;
    const noKeychain = {
      ok: false,
      error: {
        kind: 'keychain',
        message:
          'No keychain (Secret Service) is available on this machine: install and unlock gnome-keyring or another ' +
          'Secret Service provider, or keep the password for this session only.',
      },
    };
    for (const op of ['set', 'get', 'has', 'clear', 'vaultSet'])
      expect(results[op]).toMatchObject(noKeychain);
    expect(results.statusBefore).toMatchObject({ stored: 'none', keychainError: noKeychain.error });
    expect(results.sessionOnly).toEqual({ ok: true, value: undefined });
    expect(results.statusAfter).toEqual({ stored: 'session' });
    expect(results.vaultGet).toEqual({ ok: true, value: 'session-pw' });
  });
});
