/**
 * Several processes changing the profiles file at once (the app and a scheduled gpjobs, or two gpjobs)
 * lose nothing: each update re-reads the file under a cross-process lock file.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_LOCK_STALE_MS, withFileLock } from '../../../electron/core/profiles/file-lock';
import { ok } from '../../../electron/core/types';
import { sandbox } from '../cli/helpers';
import { tempDir } from './temp-dir';

describe('profiles across processes', () => {
  it('8 concurrent `gpjobs servers add` processes keep all 8 profiles', async () => {
    const cli = await sandbox();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        cli
          .run(
            [
              'servers',
              'add',
              '--name',
              `S${i}`,
              '--url',
              `https://gis${i}.example.com/arcgis`,
              '--username',
              'a',
              '--no-verify',
              '--password-stdin',
            ],
            { stdin: 'pw\n', env: { GPJOBS_PASSWORD: undefined } },
          )
          .then((r) => (r.code === 0 ? r : Promise.reject(new Error(r.stderr)))),
      ).map((p, i) => p.then(() => i)),
    );
    expect(results).toHaveLength(8);
    const file = JSON.parse(await fs.readFile(path.join(cli.configDir, 'profiles.json'), 'utf8')) as {
      profiles: Array<{ name: string }>;
    };
    expect(file.profiles.map((p) => p.name).sort()).toEqual(['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']);
    expect((await fs.readdir(cli.configDir)).filter((f) => f.endsWith('.lock'))).toEqual([]);
  }, 120_000);
});

describe('withFileLock', () => {
  async function lockIn(): Promise<string> {
    return path.join(await tempDir('lock'), 'profiles.json.lock');
  }

  it('takes over a lock whose owner died', async () => {
    const lock = await lockIn();
    const dead = { pid: 2 ** 22 + 12345, host: os.hostname(), at: Date.now(), nonce: 'x' };
    await fs.writeFile(lock, JSON.stringify(dead));
    expect(await withFileLock(lock, async () => ok('ran'), { create: false, waitMs: 5000 })).toEqual(
      ok('ran'),
    );
    await expect(fs.access(lock)).rejects.toThrow();
  });

  it('takes over an empty lock (owner killed before writing) once it is old', async () => {
    const lock = await lockIn();
    await fs.writeFile(lock, '');
    const old = (Date.now() - EMPTY_LOCK_STALE_MS - 5000) / 1000;
    await fs.utimes(lock, old, old);
    expect(await withFileLock(lock, async () => ok(1), { create: false, waitMs: 5000 })).toEqual(ok(1));
  });

  it('waits for a live owner and then gives up with a clear error, touching nothing', async () => {
    const lock = await lockIn();
    const live = { pid: process.ppid, host: os.hostname(), at: Date.now(), nonce: 'y' };
    await fs.writeFile(lock, JSON.stringify(live));
    let ran = false;
    const r = await withFileLock(lock, async () => ok((ran = true)), { create: false, waitMs: 300 });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'config', message: expect.stringMatching(/locked.*nothing was changed/) },
    });
    expect(ran).toBe(false);
    expect(JSON.parse(await fs.readFile(lock, 'utf8'))).toEqual(live);
  });
});
