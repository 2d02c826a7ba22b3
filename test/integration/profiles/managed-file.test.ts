/**
 * The profile store with IT's managed file: its profiles listed read-only after the user's, its problems
 * reported without hiding the user's, the file itself never written.
 */
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { newStore, prod, value } from './store-setup';

describe('ProfileStore with a managed file', () => {
  const managed = {
    version: 1,
    profiles: [
      {
        name: 'IT Portal server',
        serverUrl: 'https://gis.corp/server',
        username: 'gisadmin',
        production: true,
      },
      { id: 'it-fixed', name: 'IT Dev', serverUrl: 'https://dev.corp/arcgis', username: 'gisadmin' },
    ],
  };

  it('lists managed profiles after the user ones, marked managed, with stable ids', async () => {
    const { store, configDir, managedPath } = await newStore({ managed });
    value(await store.save(prod));
    const listed = value(await store.list());
    expect(listed.map((p) => [p.name, p.managed])).toEqual([
      ['Production', false],
      ['IT Portal server', true],
      ['IT Dev', true],
    ]);
    expect(listed[1]?.id).toMatch(/^managed-[0-9a-f]{16}$/);
    expect(listed[2]?.id).toBe('it-fixed');
    const again = value(await new ProfileStore({ configDir, managedPath }).list());
    expect(again[1]?.id).toBe(listed[1]?.id);
  });

  it('refuses to edit or delete a managed profile and never writes the managed file', async () => {
    const { store, managedPath, file } = await newStore({ managed });
    const before = await fs.readFile(managedPath, 'utf8');
    const statBefore = await fs.stat(managedPath);
    const message =
      /"IT Dev" is provided by your IT department \(managed profile\) and cannot be (changed|deleted)/;
    expect(await store.save({ ...managed.profiles[1]!, name: 'Mine now' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(message) },
    });
    expect(await store.remove('it-fixed')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(message) },
    });
    expect(await fs.readFile(managedPath, 'utf8')).toBe(before);
    expect((await fs.stat(managedPath)).mtimeMs).toBe(statBefore.mtimeMs);
    await expect(fs.access(file)).rejects.toThrow();
  });

  it('keeps names unique across user and managed profiles', async () => {
    const { store } = await newStore({ managed });
    expect(await store.save({ ...prod, name: 'it dev' })).toMatchObject({
      ok: false,
      error: { message: 'A profile named "IT Dev" already exists: choose another name.' },
    });
  });

  it('reports a damaged managed file, leaves it in place and keeps user profiles working', async () => {
    const { store, managedPath } = await newStore({ managedText: '{ this is not json' });
    value(await store.save(prod));
    const loaded = value(await store.load());
    expect(loaded.profiles.map((p) => p.name)).toEqual(['Production']);
    expect(loaded.problems).toEqual([
      {
        kind: 'config',
        message: expect.stringMatching(
          new RegExp(
            `^The managed profiles file ${managedPath} \\(provided by your IT department\\) is damaged`,
          ),
        ),
      },
    ]);
    expect(loaded.problems[0]?.message).toMatch(/your own profiles are unaffected/);
    expect(await fs.readFile(managedPath, 'utf8')).toBe('{ this is not json');
  });

  it('skips invalid managed entries one by one and ignores secret fields in them', async () => {
    const { store } = await newStore({
      managed: {
        version: 1,
        profiles: [
          { name: 'Good', serverUrl: 'https://good.corp/arcgis', username: 'a', password: 'it-pass-123' },
          { name: 'Bad', serverUrl: 'gopher://bad.corp', username: 'a' },
        ],
      },
    });
    const loaded = value(await store.load());
    expect(loaded.profiles.map((p) => p.name)).toEqual(['Good']);
    expect(loaded.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/"Good" has fields that look like secrets \(password\); they were ignored/),
      expect.stringMatching(/entry 2 was skipped: serverUrl: Use an https/),
    ]);
    expect(JSON.stringify(loaded)).not.toContain('it-pass-123');
  });

  it('reports stored names that are the same name (NFC twins, a case twin), naming each and what to do', async () => {
    const twins = {
      version: 1,
      profiles: [
        { id: 'nfc', name: 'Z\u00fcrich', serverUrl: 'https://a.corp/arcgis', username: 'u' },
        { id: 'nfd', name: 'Zu\u0308rich', serverUrl: 'https://b.corp/arcgis', username: 'u' },
        { id: 'low', name: 'it dev', serverUrl: 'https://c.corp/arcgis', username: 'u' },
        { id: 'up', name: 'IT Dev', serverUrl: 'https://d.corp/arcgis', username: 'u' },
      ],
    };
    const { store } = await newStore({ managed: twins });
    const loaded = value(await store.load());
    expect(loaded.profiles).toHaveLength(4); // both kept: nothing is dropped or picked
    const messages = loaded.problems.map((p) => p.message);
    expect(messages).toEqual([
      '2 servers have the same name (it differs only in letter case or in how an accented letter is ' +
        'encoded): "Z\u00fcrich" (written "Z\\u00fcrich", id nfc, https://a.corp/arcgis) and "Zu\u0308rich" ' +
        '(written "Zu\\u0308rich", id nfd, https://b.corp/arcgis). A name does not choose between them: rename ' +
        'one so each name is unique (gpjobs servers edit ID --name NEW, or Edit server in the window; a ' +
        'managed one is renamed in the managed file).',
      expect.stringMatching(
        /^2 servers have the same name .*"it dev" \(id low, https:\/\/c\.corp\/arcgis\) and "IT Dev" \(id up, https:\/\/d\.corp\/arcgis\)\./,
      ),
    ]);
  });
});
