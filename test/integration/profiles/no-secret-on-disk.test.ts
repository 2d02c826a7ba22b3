import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeychainCredentialStore } from '../../../electron/core/credentials/keychain-store';
import { CredentialVault } from '../../../electron/core/credentials/vault';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { rawKeytar, testService } from '../keychain/keychain-service';
import { readTree, tempDir } from './temp-dir';

// Uses the real keychain: run under `bash build/with-keyring.sh`.

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

describe('no secret on disk', () => {
  it('keeps passwords in the keychain and out of every file in the config directory', async () => {
    const configDir = await tempDir('nosecret');
    const service = testService();
    const store = new ProfileStore({ configDir, managedPath: null });
    const vault = new CredentialVault({ keychain: new KeychainCredentialStore({ service }) });
    const secrets: string[] = [];

    for (const [i, name] of ['Production', 'Staging', 'Dev'].entries()) {
      const password = secret('pw');
      secrets.push(password);
      const saved = await store.save({
        name,
        serverUrl: `https://gis${i}.example.com/arcgis/rest/services?token=${secret('urltoken')}`,
        username: 'siteadmin',
        // What a careless form might send along: must be dropped, never stored.
        ...{ password, token: password },
      });
      if (!saved.ok) throw new Error(saved.error.message);
      expect(await vault.set(saved.value.id, password)).toEqual({ ok: true, value: undefined });
      expect(await (await rawKeytar()).getPassword(service, saved.value.id)).toBe(password);
    }

    const imported = { password: secret('imp-pw'), token: secret('imp-token'), apiKey: secret('imp-key') };
    secrets.push(...Object.values(imported));
    const report = await store.importFile(
      JSON.stringify({
        version: 1,
        profiles: [
          { name: 'Imported', serverUrl: 'https://imp.example.com/server', username: 'a', ...imported },
        ],
      }),
    );
    expect(report).toMatchObject({
      ok: true,
      value: { added: 1, entries: [{ ignoredFields: ['password', 'token', 'apiKey'] }] },
    });

    const exported = await store.exportJson();
    if (!exported.ok) throw new Error(exported.error.message);
    await fs.writeFile(path.join(configDir, 'export.json'), exported.value);

    const files = await readTree(configDir);
    expect(files.map((f) => path.basename(f.file)).sort()).toEqual(['export.json', 'profiles.json']);
    for (const { file, content } of files) {
      for (const s of [...secrets, 'urltoken-']) {
        expect(content.includes(s), `${s} found in ${file}`).toBe(false);
      }
    }
  });
});
