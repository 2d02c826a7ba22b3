import { describe, expect, it } from 'vitest';
import {
  KEYCHAIN_SERVICE,
  KeychainCredentialStore,
  keychainError,
  noKeychainMessage,
} from '../../../../electron/core/credentials/keychain-store';

// The real keychain is exercised in test/integration/keychain; here only what cannot happen on this
// machine on purpose: the native module failing to load.
const missingNativeModule = () =>
  Promise.reject(new Error('Failed to load keytar native addon, checked ["../build/Release"] on linux-x64'));

const NO_SECRET_SERVICE =
  'No keychain (Secret Service) is available on this machine: install and unlock gnome-keyring or another ' +
  'Secret Service provider, or keep the password for this session only.';

describe('keychain errors', () => {
  it('explain a missing Secret Service in plain words and keep the raw text aside', () => {
    expect(keychainError(new Error('Could not connect: No such file or directory'), 'linux')).toEqual({
      kind: 'keychain',
      message: NO_SECRET_SERVICE,
      serverMessage: 'Could not connect: No such file or directory',
    });
    expect(keychainError(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'), 'linux').message).toBe(
      NO_SECRET_SERVICE,
    );
    expect(
      keychainError(
        new Error('The name org.freedesktop.secrets was not provided by any .service files'),
        'linux',
      ).message,
    ).toBe(NO_SECRET_SERVICE);
  });

  it('tell a locked keyring apart from a missing one', () => {
    expect(keychainError(new Error('Cannot create an item in a locked collection'), 'linux').message).toMatch(
      /^The keychain is locked: unlock it/,
    );
  });

  it('do not mention the Secret Service on macOS or Windows', () => {
    expect(noKeychainMessage('darwin')).not.toMatch(/Secret Service/);
    expect(noKeychainMessage('win32')).toMatch(/keep the password for this session only/);
  });
});

describe('KeychainCredentialStore without its native module', () => {
  it('uses the gp-job-admin service by default', () => {
    expect(new KeychainCredentialStore().service).toBe(KEYCHAIN_SERVICE);
    expect(KEYCHAIN_SERVICE).toBe('gp-job-admin');
  });

  it('returns a keychain error value from every operation instead of throwing', async () => {
    const store = new KeychainCredentialStore({ loadKeytar: missingNativeModule });
    for (const r of [
      await store.get('p1'),
      await store.set('p1', 'pw'),
      await store.clear('p1'),
      await store.has('p1'),
    ]) {
      expect(r).toMatchObject({
        ok: false,
        error: {
          kind: 'keychain',
          message: expect.stringMatching(
            /^The keychain module \(@github\/keytar\) could not be loaded.*session only\.$/,
          ),
          serverMessage: expect.stringMatching(/native addon/),
        },
      });
    }
  });

  it('checks its input before touching the keychain', async () => {
    let loads = 0;
    const store = new KeychainCredentialStore({
      loadKeytar: () => {
        loads++;
        return missingNativeModule();
      },
    });
    expect(await store.set('p1', '')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await store.get('')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(loads).toBe(0);
  });

  it('turns a keychain call that never answers into an error', async () => {
    const store = new KeychainCredentialStore({
      timeoutMs: 10,
      loadKeytar: async () => ({
        getPassword: () => new Promise<string | null>(() => undefined),
        setPassword: () => new Promise<void>(() => undefined),
        deletePassword: () => new Promise<boolean>(() => undefined),
      }),
    });
    expect(await store.get('p1')).toMatchObject({
      ok: false,
      error: { kind: 'keychain', transient: true, message: expect.stringMatching(/did not answer in time/) },
    });
  });
});
