/**
 * A saved password belongs to what it was entered for (the exact server, admin and portal URLs, sign-in
 * mode, user name and CA certificate): an edit that changes any of these forgets it (the app asks again),
 * and `gpjobs servers edit` refuses such an edit without a new password.
 */
import { describe, expect, it } from 'vitest';
import { JobAdminService } from '../../../electron/core/service/job-admin-service';
import { rawKeytar, testService } from '../keychain/keychain-service';
import { tempDir } from '../profiles/temp-dir';
import { sandbox } from '../cli/helpers';
import { TEST_CA_PEM } from '../../fixtures/test-ca';

async function service(): Promise<{ svc: JobAdminService; keychain: string }> {
  const keychain = testService();
  const svc = new JobAdminService({
    configDir: await tempDir('host'),
    managedProfilesPath: null,
    keychainService: keychain,
  });
  return { svc, keychain };
}

const base = { name: 'Prod', serverUrl: 'https://gis.example.com/arcgis', username: 'siteadmin' };

describe('the saved password follows the host, not the profile', () => {
  it.each([
    ['server URL', { serverUrl: 'https://gis.attacker.example/arcgis' }],
    ['admin URL', { adminUrl: 'https://machine.elsewhere.example:6443/arcgis' }],
    ['portal URL', { authMode: 'portal' as const, portalUrl: 'https://portal.elsewhere.example/portal' }],
    ['server port', { serverUrl: 'https://gis.example.com:8443/arcgis' }],
    ['server path', { serverUrl: 'https://gis.example.com/server' }],
    ['admin port', { adminUrl: 'https://gis.example.com:6443/arcgis' }],
    ['sign-in mode', { authMode: 'portal' as const, portalUrl: 'https://gis.example.com/portal' }],
    ['user name', { username: 'someone-else' }],
    ['CA certificate', { caCertPem: TEST_CA_PEM }],
  ])('changing the %s forgets the password', async (_what, change) => {
    const { svc, keychain } = await service();
    const saved = await svc.saveProfile(base);
    if (!saved.ok) throw new Error(saved.error.message);
    const id = saved.value.id;
    expect((await svc.setPassword(id, 'pw-1')).ok).toBe(true);
    const moved = await svc.saveProfile({ ...saved.value, ...change });
    expect(moved.ok).toBe(true);
    expect((await svc.vault.status(id)).stored).toBe('none');
    expect(await (await rawKeytar()).getPassword(keychain, id)).toBeNull();
    await svc.dispose();
  });

  it('keeps it for edits that leave those alone (name, host case, colour, concurrency, tags)', async () => {
    const { svc } = await service();
    const saved = await svc.saveProfile(base);
    if (!saved.ok) throw new Error(saved.error.message);
    const id = saved.value.id;
    expect((await svc.setPassword(id, 'pw-1')).ok).toBe(true);
    for (const change of [
      { name: 'Production' },
      { serverUrl: 'https://GIS.example.com/arcgis/rest/services' },
      { color: '#00838f', concurrency: 2, production: true, tags: ['emea'] },
    ]) {
      const r = await svc.saveProfile({ ...saved.value, ...change });
      expect(r.ok).toBe(true);
      expect((await svc.vault.status(id)).stored).toBe('keychain');
    }
    await svc.dispose();
  });
});

describe('gpjobs servers edit to another host', () => {
  it('requires --password-stdin, changes nothing without it, and takes the new password with it', async () => {
    const cli = await sandbox();
    const add = ['servers', 'add', '--name', 'Prod', '--url', base.serverUrl, '--username', 'siteadmin'];
    expect((await cli.run([...add, '--no-verify', '--password-stdin'], { stdin: 'pw-1\n' })).code).toBe(0);
    const refused = await cli.run(['servers', 'edit', 'Prod', '--url', 'https://other.example/arcgis']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'This edit of "Prod" changes the server URL, and its saved password is only used with what it was entered for',
    );
    const listed = await cli.run(['servers', 'list', '--format', 'json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ serverUrl: base.serverUrl, password: 'keychain' }]);
    const [entry] = await (await rawKeytar()).findCredentials(cli.keychainService);
    expect(entry?.password).toBe('pw-1');

    const moved = await cli.run(
      ['servers', 'edit', 'Prod', '--url', 'https://other.example/arcgis', '--password-stdin'],
      {
        stdin: 'pw-2\n',
      },
    );
    expect(moved.code).toBe(0);
    const after = await (await rawKeytar()).findCredentials(cli.keychainService);
    expect(after.map((c) => c.password)).toEqual(['pw-2']);
  });
});
