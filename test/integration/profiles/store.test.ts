import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { PROFILES_FILE_VERSION } from '../../../electron/core/profiles/schema';
import { tempDir } from './temp-dir';
import { TEST_CA_PEM } from '../../fixtures/test-ca';

const prod = { name: 'Production', serverUrl: 'https://gis.example.com/arcgis', username: 'siteadmin' };
const staging = { name: 'Staging', serverUrl: 'https://staging.example.com/server', username: 'admin' };
const FIXED = new Date('2024-05-01T12:30:00.000Z');

async function newStore(opts: { managed?: unknown; managedText?: string } = {}) {
  const dir = await tempDir('profiles');
  const configDir = path.join(dir, 'config');
  const managedPath = path.join(dir, 'managed', 'profiles.json');
  if (opts.managed !== undefined || opts.managedText !== undefined) {
    await fs.mkdir(path.dirname(managedPath), { recursive: true });
    await fs.writeFile(managedPath, opts.managedText ?? JSON.stringify(opts.managed));
  }
  const store = new ProfileStore({ configDir, managedPath, now: () => FIXED });
  return { dir, configDir, managedPath, store, file: path.join(configDir, 'profiles.json') };
}

function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.error.message}`);
  return r.value;
}

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

  it('returns invalid input as a value with the field named', async () => {
    const { store } = await newStore();
    expect(await store.save({ ...prod, concurrency: 0 })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(/^concurrency:/) },
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
