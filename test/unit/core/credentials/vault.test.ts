import { describe, expect, it } from 'vitest';
import { KeychainCredentialStore } from '../../../../electron/core/credentials/keychain-store';
import { CredentialVault } from '../../../../electron/core/credentials/vault';

/** A vault whose keychain cannot load (what a machine without the native module or Secret Service sees). */
function vaultWithoutKeychain(): CredentialVault {
  const keychain = new KeychainCredentialStore({
    loadKeytar: () => Promise.reject(new Error('Could not connect: No such file or directory')),
  });
  return new CredentialVault({ keychain });
}

describe('CredentialVault without a keychain', () => {
  it('reports no password and why the keychain could not be asked', async () => {
    const status = await vaultWithoutKeychain().status('p1');
    expect(status).toEqual({
      stored: 'none',
      keychainError: expect.objectContaining({
        kind: 'keychain',
        message: expect.stringMatching(/Secret Service/),
      }),
    });
  });

  it('never falls back to memory on its own when saving fails', async () => {
    const vault = vaultWithoutKeychain();
    expect(await vault.set('p1', 'hunter2')).toMatchObject({ ok: false, error: { kind: 'keychain' } });
    expect(await vault.get('p1')).toMatchObject({ ok: false, error: { kind: 'keychain' } });
    expect((await vault.status('p1')).stored).toBe('none');
  });

  it('keeps the password for this session when the caller opts in', async () => {
    const vault = vaultWithoutKeychain();
    expect(await vault.useSessionOnly('p1', 'hunter2')).toEqual({ ok: true, value: undefined });
    expect(await vault.status('p1')).toEqual({ stored: 'session' });
    expect(await vault.get('p1')).toEqual({ ok: true, value: 'hunter2' });
  });

  it('never puts the secret in the status', async () => {
    const vault = vaultWithoutKeychain();
    await vault.useSessionOnly('p1', 'hunter2');
    expect(JSON.stringify(await vault.status('p1'))).not.toContain('hunter2');
  });

  it('forgets the session copy on clear even when the keychain cannot be reached', async () => {
    const vault = vaultWithoutKeychain();
    await vault.useSessionOnly('p1', 'hunter2');
    expect(await vault.clear('p1')).toMatchObject({ ok: false, error: { kind: 'keychain' } });
    expect((await vault.status('p1')).stored).toBe('none');
  });

  it('forgets every session password at once', async () => {
    const vault = vaultWithoutKeychain();
    await vault.useSessionOnly('p1', 'a');
    await vault.useSessionOnly('p2', 'b');
    vault.forgetSession();
    expect([(await vault.status('p1')).stored, (await vault.status('p2')).stored]).toEqual(['none', 'none']);
  });

  it('refuses an empty session password', async () => {
    expect(await vaultWithoutKeychain().useSessionOnly('p1', '')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  });
});
