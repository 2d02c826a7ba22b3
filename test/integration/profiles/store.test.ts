import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { PROFILES_FILE_VERSION } from '../../../electron/core/profiles/schema';
import { TEST_CA_PEM } from '../../fixtures/test-ca';
import { newStore, prod, staging, value } from './store-setup';

describe('ProfileStore basics', () => {
  it('lists nothing, and writes nothing, when there is no file', async () => {
    const { store, configDir } = await newStore();
    expect(await store.list()).toEqual({ ok: true, value: [] });
    await expect(fs.access(configDir)).rejects.toThrow();
  });

  it('creates a profile with an id and the defaults, and finds it again from a new store', async () => {
    const { store, configDir, managedPath } = await newStore();
    const saved = value(await store.save(prod));
    expect(saved).toMatchObject({ ...prod, concurrency: 8, production: false });
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    const again = new ProfileStore({ configDir, managedPath });
    expect(await again.get(saved.id)).toEqual({ ok: true, value: { ...saved, managed: false } });
  });

  it('updates in place when saved with an existing id', async () => {
    const { store } = await newStore();
    const a = value(await store.save(prod));
    const b = value(await store.save(staging));
    value(await store.save({ ...a, name: 'Prod (renamed)', concurrency: 16 }));
    expect(value(await store.list()).map((p) => [p.id, p.name, p.concurrency])).toEqual([
      [a.id, 'Prod (renamed)', 16],
      [b.id, 'Staging', 8],
    ]);
  });

  it('refuses a second profile with the same name in another case', async () => {
    const { store } = await newStore();
    value(await store.save(prod));
    expect(await store.save({ ...staging, name: 'PRODUCTION' })).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'A profile named "Production" already exists: choose another name.',
      },
    });
  });

  it('refuses a name that differs only in its Unicode form (NFD against NFC), keeping the first', async () => {
    const { store } = await newStore();
    value(await store.save({ ...prod, name: 'Z\u00fcrich' }));
    expect(await store.save({ ...staging, name: ' ZU\u0308RICH ' })).toMatchObject({
      ok: false,
      error: { message: 'A profile named "Z\u00fcrich" already exists: choose another name.' },
    });
    expect(value(await store.list()).map((p) => p.name)).toEqual(['Z\u00fcrich']);
  });

  it('saves an edit of a stored twin that keeps its name, and still refuses renaming onto a twin', async () => {
    const { store, file } = await newStore();
    const a = value(await store.save({ ...prod, name: 'Z\u00fcrich' }));
    const b = value(await store.save(staging));
    // Twins as an older version could store them: the second one's name is the NFD spelling.
    const stored = JSON.parse(await fs.readFile(file, 'utf8')) as { profiles: { name: string }[] };
    stored.profiles[1]!.name = 'Zu\u0308rich';
    await fs.writeFile(file, JSON.stringify(stored));
    const url = 'https://other.example.com/arcgis';
    expect(await store.save({ ...staging, id: b.id, name: 'Zu\u0308rich', serverUrl: url })).toMatchObject({
      ok: true,
    });
    expect(value(await store.get(b.id))).toMatchObject({ name: 'Zu\u0308rich', serverUrl: url });
    expect(await store.save({ ...prod, id: a.id, name: 'ZU\u0308RICH' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  });

  it('returns invalid input as a value with the field named', async () => {
    const { store } = await newStore();
    expect(await store.save({ ...prod, concurrency: 0 })).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: expect.stringMatching(/^Concurrent requests: Concurrency is 1 to 64/),
      },
    });
  });

  it('removes a profile, and says when there is none', async () => {
    const { store } = await newStore();
    const a = value(await store.save(prod));
    expect(await store.remove(a.id)).toEqual({ ok: true, value: undefined });
    expect(await store.list()).toEqual({ ok: true, value: [] });
    expect(await store.remove(a.id)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('keeps the file private to the user (0600 in a 0700 directory)', async () => {
    const { store, file, configDir } = await newStore();
    value(await store.save(prod));
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(configDir)).mode & 0o777).toBe(0o700);
  });
});

describe('ProfileStore concurrency', () => {
  it('loses no update when many saves run at once, from one store or two', async () => {
    const { store, configDir, managedPath } = await newStore();
    const other = new ProfileStore({ configDir, managedPath });
    const names = Array.from({ length: 40 }, (_, i) => `Server ${i}`);
    const results = await Promise.all(
      names.map((name, i) =>
        (i % 2 ? other : store).save({ name, serverUrl: `https://s${i}.corp/arcgis`, username: 'a' }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(
      value(await store.list())
        .map((p) => p.name)
        .sort(),
    ).toEqual([...names].sort());
  });

  it('applies concurrent edits of different profiles without reverting each other', async () => {
    const { store } = await newStore();
    const a = value(await store.save(prod));
    const b = value(await store.save(staging));
    await Promise.all([
      store.save({ ...a, concurrency: 2 }),
      store.save({ ...b, concurrency: 3 }),
      store.save({ ...a, concurrency: 2, color: '#000000' }),
    ]);
    expect(value(await store.list()).map((p) => [p.concurrency, p.color])).toEqual([
      [2, '#000000'],
      [3, b.color],
    ]);
  });
});

describe('ProfileStore import and export', () => {
  it('exports without secrets and imports back into another store with the same profiles', async () => {
    const a = await newStore();
    value(await a.store.save({ ...prod, production: true, color: '#112233' }));
    value(
      await a.store.save({
        ...staging,
        authMode: 'portal',
        portalUrl: 'https://staging.example.com/portal',
        adminUrl: 'https://m1:6443/arcgis',
        caCertPem: TEST_CA_PEM,
      }),
    );
    const text = value(await a.store.exportJson());
    const b = await newStore();
    const report = value(await b.store.importFile(text));
    expect(report).toMatchObject({ added: 2, duplicates: 0, invalid: 0 });
    expect(value(await b.store.list())).toEqual(value(await a.store.list()));
    expect(await fs.readFile(b.file, 'utf8')).toBe(text);
  });

  it('reports duplicates and invalid entries without failing the rest', async () => {
    const { store } = await newStore();
    value(await store.save(prod));
    const text = JSON.stringify({
      version: 1,
      profiles: [
        { name: 'New one', serverUrl: 'https://new.corp/arcgis', username: 'a' },
        { ...prod, name: 'Same server and user' },
        { name: 'No URL', username: 'a' },
      ],
    });
    const report = value(await store.importFile(text));
    expect(report.entries.map((e) => e.outcome)).toEqual(['added', 'duplicate', 'invalid']);
    expect(value(await store.list()).map((p) => p.name)).toEqual(['Production', 'New one']);
  });

  it('exports chosen profiles, managed ones included as plain profiles', async () => {
    const { store } = await newStore({
      managed: {
        version: 1,
        profiles: [{ id: 'it-1', name: 'IT', serverUrl: 'https://it/arcgis', username: 'a' }],
      },
    });
    const text = value(await store.exportJson(['it-1']));
    const parsed = JSON.parse(text) as { version: number; profiles: Array<Record<string, unknown>> };
    expect(parsed.version).toBe(PROFILES_FILE_VERSION);
    expect(parsed.profiles.map((p) => [p.id, p.name, 'managed' in p])).toEqual([['it-1', 'IT', false]]);
    expect(await store.exportJson(['nope'])).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});

describe('ProfileStore colours', () => {
  it('gives each new profile saved without a colour one no other profile has', async () => {
    const { store } = await newStore();
    const a = value(await store.save(prod));
    const b = value(await store.save(staging));
    const c = value(await store.save({ ...prod, name: 'Dev', color: '#123456' }));
    const d = value(await store.save({ ...staging, name: 'Test' }));
    expect(new Set([a.color, b.color, c.color, d.color]).size).toBe(4);
    expect(c.color).toBe('#123456');
  });

  it('keeps a profile’s colour when an edit does not name one', async () => {
    const { store } = await newStore();
    const saved = value(await store.save({ ...prod, color: '#abcdef' }));
    const edited = value(await store.save({ ...prod, id: saved.id, concurrency: 4 }));
    expect(edited).toMatchObject({ color: '#abcdef', concurrency: 4 });
  });

  it('gives imported profiles without a colour distinct colours too', async () => {
    const { store } = await newStore();
    value(await store.importFile(JSON.stringify({ version: 1, profiles: [prod, staging] })));
    const colors = value(await store.list()).map((p) => p.color);
    expect(new Set(colors).size).toBe(2);
  });
});
