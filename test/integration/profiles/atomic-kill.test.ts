import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { watch } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { PROFILES_FILE_VERSION } from '../../../electron/core/profiles/schema';
import { generation } from './save-loop';
import { tempDir } from './temp-dir';

const SCRIPT = path.join(import.meta.dirname, 'save-loop.ts');
const ROUNDS = 6;

/**
 * Runs the save loop and SIGKILLs it on the `killAt`-th file-system event in the config directory after it
 * reported "started", so the kill lands inside a save (temp file created, written, renamed); returns the
 * last save it reported complete.
 */
async function runAndKill(configDir: string, killAt: number): Promise<number> {
  await fs.mkdir(configDir, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, configDir], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let buffered = '';
  let reported = 0;
  let started = false;
  let events = 0;
  const watcher = watch(configDir, () => {
    if (started && ++events === killAt) child.kill('SIGKILL');
  });
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'started') started = true;
      const m = /^saved (\d+)$/.exec(line);
      if (m) reported = Number(m[1]);
    }
  });
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  watcher.close();
  expect({ code, signal, stderr }).toEqual({ code: null, signal: 'SIGKILL', stderr: '' });
  return reported;
}

describe('atomic profile writes', () => {
  it('leave a complete, parseable file however often the writer is killed mid-save', async () => {
    const configDir = await tempDir('kill');
    let onDisk = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const killAt = 1 + Math.floor(Math.random() * 40);
      const reported = await runAndKill(configDir, killAt);

      const complete = Math.max(onDisk, reported);
      const text = await fs.readFile(path.join(configDir, 'profiles.json'), 'utf8').catch(() => null);
      if (text === null) {
        // Killed inside the very first save: no file yet is the only acceptable absence.
        expect(complete).toBe(0);
        continue;
      }
      const parsed = JSON.parse(text) as { version: number; profiles: Array<{ name: string }> };
      expect(parsed.version).toBe(PROFILES_FILE_VERSION);
      expect(parsed.profiles).toHaveLength(1);
      const n = Number(parsed.profiles[0]?.name.slice('gen-'.length));
      // The last complete save is on disk, or the one after it if the kill came just after its rename.
      expect([complete, complete + 1]).toContain(n);
      onDisk = n;

      const store = new ProfileStore({ configDir, managedPath: null });
      const loaded = await store.load();
      expect(loaded).toMatchObject({ ok: true, value: { problems: [] } });
      const profile = loaded.ok ? loaded.value.profiles[0] : undefined;
      const expected = await new ProfileStore({ configDir: await tempDir('expect'), managedPath: null }).save(
        generation(n),
      );
      expect(profile).toEqual({ ...(expected.ok ? expected.value : {}), managed: false });
      expect((await fs.readdir(configDir)).filter((f) => f.includes('corrupt'))).toEqual([]);
    }
  });

  it('removes the temp files that killed writers left behind on the next save', async () => {
    const configDir = await tempDir('stale');
    await runAndKill(configDir, 3);
    const deadTemp = path.join(configDir, '.profiles.json.999999999.leftover.tmp');
    await fs.writeFile(deadTemp, 'partial');
    const saved = await new ProfileStore({ configDir, managedPath: null }).save(generation(1000));
    expect(saved.ok).toBe(true);
    expect(await fs.readdir(configDir)).toEqual(['profiles.json']);
  });
});
