/**
 * The profile store with a user file it cannot use whole: the file moved aside byte for byte, its valid
 * entries kept, the damage reported once (electron/core/profiles/damaged-file.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { PROFILES_FILE_VERSION } from '../../../electron/core/profiles/schema';
import { newStore, prod, staging, value } from './store-setup';

describe('ProfileStore with a damaged file', () => {
  it('moves a file that is not JSON aside, byte for byte, and says where', async () => {
    const { store, file, configDir } = await newStore();
    await fs.mkdir(configDir, { recursive: true });
    await fs.writeFile(file, '{"version":1,"profiles":[{"name":"half-writ');
    const loaded = value(await store.load());
    const aside = path.join(configDir, 'profiles.corrupt-2024-05-01T12-30-00-000Z.json');
    expect(loaded.profiles).toEqual([]);
    expect(loaded.problems).toEqual([
      {
        kind: 'config',
        message: expect.stringMatching(/not valid JSON.*import the kept file/),
      },
    ]);
    expect(loaded.problems[0]?.message).toContain(`was kept as ${aside}`);
    expect(await fs.readFile(aside, 'utf8')).toBe('{"version":1,"profiles":[{"name":"half-writ');
    await expect(fs.access(file)).rejects.toThrow();
  });

  it('reports the damage once, then works normally', async () => {
    const { store, file, configDir } = await newStore();
    await fs.mkdir(configDir, { recursive: true });
    await fs.writeFile(file, 'garbage');
    expect(value(await store.load()).problems).toHaveLength(1);
    expect(value(await store.load()).problems).toEqual([]);
    value(await store.save(prod));
    expect(value(await store.list()).map((p) => p.name)).toEqual(['Production']);
  });

  it('keeps the valid entries, reports each bad one, and still moves the original aside', async () => {
    const { store, file, configDir } = await newStore();
    await fs.mkdir(configDir, { recursive: true });
    const bad = {
      version: 1,
      profiles: [
        { id: 'a', ...prod },
        { id: 'b', ...staging, concurrency: 999 },
        { id: 'c', name: 7, serverUrl: ['x'], username: null },
        { id: 'a', ...staging, name: 'Copy' },
        'not an object',
        { id: 'd', ...staging },
      ],
    };
    const text = JSON.stringify(bad);
    await fs.writeFile(file, text);
    const loaded = value(await store.load());
    const message = loaded.problems[0]?.message ?? '';
    expect(message).toMatch(/Profile 2 \("Staging"\) is invalid: concurrency: Concurrency is 1 to 64/);
    expect(message).toMatch(/Profile 3 is invalid: name: .*/);
    expect(message).toMatch(/Profile 4 \("Copy"\) repeats an id/);
    expect(message).toMatch(/Profile 5 is invalid/);
    expect(message).toMatch(/The other 2 profiles were kept/);
    expect(loaded.profiles.map((p) => p.id)).toEqual(['a', 'd']);
    const aside = path.join(configDir, 'profiles.corrupt-2024-05-01T12-30-00-000Z.json');
    expect(message).toContain(`kept as ${aside}`);
    expect(await fs.readFile(aside, 'utf8')).toBe(text);
    // The kept profiles are on disk: the next start reads them without any notice.
    const again = value(await new ProfileStore({ configDir, managedPath: null }).load());
    expect(again).toMatchObject({ problems: [] });
    expect(again.profiles.map((p) => p.id)).toEqual(['a', 'd']);
  });

  it('never overwrites an earlier kept file', async () => {
    const { store, file, configDir } = await newStore();
    await fs.mkdir(configDir, { recursive: true });
    await fs.writeFile(file, 'first damage');
    value(await store.load());
    await fs.writeFile(file, 'second damage');
    const loaded = value(await store.load());
    const second = path.join(configDir, 'profiles.corrupt-2024-05-01T12-30-00-000Z-1.json');
    expect(loaded.problems[0]?.message).toContain(second);
    expect(
      await fs.readFile(path.join(configDir, 'profiles.corrupt-2024-05-01T12-30-00-000Z.json'), 'utf8'),
    ).toBe('first damage');
    expect(await fs.readFile(second, 'utf8')).toBe('second damage');
  });

  it.each([
    ['a named pipe', (file: string) => execFileSync('mkfifo', [file])],
    ['a directory', (file: string) => mkdirSync(file)],
  ])('refuses %s as profiles.json without hanging or moving it', async (_what, make) => {
    const { store, file, configDir } = await newStore();
    await fs.mkdir(configDir, { recursive: true });
    make(file);
    const listed = await store.list();
    expect(listed).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(listed.ok ? '' : listed.error.message).toMatch(
      /could not be read: it (is not a regular file|is a directory)/,
    );
    expect(await store.save(prod)).toMatchObject({ ok: false });
    expect(await fs.readdir(configDir)).toEqual(['profiles.json']);
  });

  it('leaves a file from a newer version untouched and refuses to save over it', async () => {
    const { store, file, configDir } = await newStore();
    await fs.mkdir(configDir, { recursive: true });
    const text = JSON.stringify({ version: PROFILES_FILE_VERSION + 1, profiles: [{ anything: true }] });
    await fs.writeFile(file, text);
    expect(await store.list()).toMatchObject({
      ok: false,
      error: { kind: 'config', message: expect.stringMatching(/left untouched.*newer GP Job Admin/) },
    });
    expect(await store.save(prod)).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(await fs.readFile(file, 'utf8')).toBe(text);
    expect(await fs.readdir(configDir)).toEqual(['profiles.json']);
  });
});
