/**
 * A locked keyring is reported as locked, never as "no password saved": libsecret's lookup answers
 * "nothing" for an entry in a locked keyring, so the store asks the Secret Service which it is.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { expect, it } from 'vitest';
import { CLI } from '../cli/helpers';
import { tempDir } from '../profiles/temp-dir';

const ROOT = path.resolve(import.meta.dirname, '../../..');

it('a locked keyring is reported as locked by the store, the vault, the client and gpjobs', async () => {
  const env = { ...process.env };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const child = spawn(
    'dbus-run-session',
    [
      '--',
      'bash',
      'build/keyring-daemon.sh',
      process.execPath,
      '--import',
      'tsx',
      'test/integration/hostile/locked-keyring-child.ts',
      await tempDir('locked'),
      CLI,
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  await once(child, 'close');
  const line = stdout.split('\n').find((l) => l.startsWith('{'));
  expect(line, stdout).toBeDefined();
  const r = JSON.parse(line!);
  expect(r.unlockedMissing).toEqual({ ok: true, value: null });
  const locked = expect.objectContaining({
    kind: 'keychain',
    message: expect.stringMatching(/^The keychain is locked/),
  });
  expect(r.get).toEqual({ ok: false, error: locked });
  expect(r.status).toEqual({ stored: 'none', keychainError: locked });
  expect(r.forClient).toEqual({ ok: false, error: locked });
  // The window is told "locked", never "not stored".
  expect(r.app.list).toMatchObject({
    ok: true,
    value: { profiles: [{ name: 'Locked', credential: 'locked' }] },
  });
  expect(r.app.status).toMatchObject({ ok: true, value: { stored: 'locked' } });
  expect(JSON.parse(r.listed)).toMatchObject([{ name: 'Locked', password: 'none (keychain locked)' }]);
  expect(r.jobs.code).not.toBe(0);
  expect(r.jobs.stderr).toContain('The keychain is locked');
  expect(r.jobs.stderr).not.toContain('No password is saved');
}, 60_000);
