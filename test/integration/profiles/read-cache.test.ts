/**
 * The profile store answers a repeated read from its last parse while neither file changed, and sees every
 * change made outside it: another gpjobs process's atomic write, IT editing the provisioning file in place,
 * a file damaged after it was read. A cached read needs no lock: it answers while another process holds it.
 */
import os from 'node:os';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { prod, staging, value } from './store-setup';
import { tempDir } from './temp-dir';

/** IT's provisioning file with one profile named `name`. */
const managedText = (name: string): string =>
  JSON.stringify({
    version: 1,
    profiles: [{ name, serverUrl: 'https://it.example.com/arcgis', username: 'svc' }],
  });

async function stores(settleMs = 0) {
  const dir = await tempDir('profile-cache');
  const configDir = path.join(dir, 'config');
  const managedPath = path.join(dir, 'managed', 'profiles.json');
  await fs.mkdir(path.dirname(managedPath), { recursive: true });
  await fs.writeFile(managedPath, managedText('IT one'));
  const open = () => new ProfileStore({ configDir, managedPath, settleMs });
  return { store: open(), other: open(), managedPath, file: path.join(configDir, 'profiles.json') };
}

const names = async (store: ProfileStore): Promise<string[]> => value(await store.list()).map((p) => p.name);

describe('ProfileStore reads', () => {
  it('answers again from the last read without the lock while no file changed', async () => {
    const { store, file } = await stores();
    const saved = value(await store.save(prod));
    const first = value(await store.list());
    // Another process holds the lock (a live owner, just now): a read that needed it would wait 20 s.
    const owner = { pid: process.pid, host: os.hostname(), at: Date.now(), nonce: 'other-process' };
    await fs.writeFile(`${file}.lock`, JSON.stringify(owner));
    try {
      expect(value(await store.list())).toEqual(first);
      expect(value(await store.get(saved.id))).toEqual({ ...saved, managed: false });
      expect(value(await store.load()).profiles).toEqual(first);
    } finally {
      await fs.rm(`${file}.lock`);
    }
    // What a caller does to an answer does not change the next one.
    value(await store.list())[0]!.name = 'changed by a caller';
    expect(await names(store)).toEqual(['Production', 'IT one']);
  });

  it("sees another process's writes, and IT's edits of the provisioning file in place", async () => {
    const { store, other, managedPath } = await stores();
    value(await store.save(prod));
    expect(await names(store)).toEqual(['Production', 'IT one']);
    const added = value(await other.save(staging));
    expect(await names(store)).toEqual(['Production', 'Staging', 'IT one']);
    value(await other.remove(added.id));
    expect(await names(store)).toEqual(['Production', 'IT one']);
    // The same size, written in place (the same file): still seen.
    await fs.writeFile(managedPath, managedText('IT two'));
    expect(await names(store)).toEqual(['Production', 'IT two']);
    await fs.rm(managedPath);
    expect(await names(store)).toEqual(['Production']);
  });

  it('reads a file changed within the last two seconds again each time, whatever its times say', async () => {
    const { store, managedPath } = await stores(2_000);
    value(await store.save(prod));
    const { mtime } = await fs.stat(managedPath);
    expect(await names(store)).toEqual(['Production', 'IT one']);
    // Rewritten with the same size and its old modification time, as a coarse clock would leave it.
    await fs.writeFile(managedPath, managedText('IT two'));
    await fs.utimes(managedPath, mtime, mtime);
    expect(await names(store)).toEqual(['Production', 'IT two']);
  });

  it('still moves a file damaged after it was read aside, bytes kept, with the clear message', async () => {
    const { store, file } = await stores();
    value(await store.save(prod));
    expect(await names(store)).toEqual(['Production', 'IT one']);
    await fs.writeFile(file, '{ not json');
    const loaded = value(await store.load());
    expect(loaded.profiles.map((p) => p.name)).toEqual(['IT one']);
    expect(loaded.problems.map((p) => p.message).join(' ')).toMatch(
      /could not be used as it was and was kept as/,
    );
    const kept = (await fs.readdir(path.dirname(file))).filter(
      (f) => f !== 'profiles.json' && !f.endsWith('.lock'),
    );
    expect(kept).toHaveLength(1);
    expect(await fs.readFile(path.join(path.dirname(file), kept[0]!), 'utf8')).toBe('{ not json');
    expect(await names(store)).toEqual(['IT one']);
  });
});
