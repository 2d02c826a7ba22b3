import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { lockedFile, saveUserFile } from '../../../../electron/core/profiles/locked-save';
import { ok } from '../../../../electron/core/types';

async function tmp(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gpjobs-locked-save-'));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('saveUserFile', () => {
  it('writes the rendered text and answers ok', async () => {
    const file = path.join(await tmp(), 'config', 'profiles.json');
    expect(await saveUserFile(file, 'profiles', () => '{"version":1}')).toEqual(ok(undefined));
    expect(await fs.readFile(file, 'utf8')).toBe('{"version":1}');
  });

  it('answers a config error naming what and where when the write fails', async () => {
    const dir = await tmp();
    await fs.writeFile(path.join(dir, 'blocker'), '');
    const file = path.join(dir, 'blocker', 'profiles.json'); // its parent is a file: mkdir fails
    expect(await saveUserFile(file, 'profiles', () => '{}')).toEqual({
      ok: false,
      error: {
        kind: 'config',
        message: expect.stringMatching(new RegExp(`^Could not save your profiles to ${escape(file)}: .+`)),
      },
    });
  });

  it('answers a config error, and writes nothing, when the text cannot be rendered', async () => {
    const file = path.join(await tmp(), 'policies.json');
    const r = await saveUserFile(file, 'policies', () => {
      throw new Error('boom');
    });
    expect(r).toEqual({
      ok: false,
      error: { kind: 'config', message: `Could not save your policies to ${file}: boom` },
    });
    await expect(fs.access(file)).rejects.toThrow();
  });
});

describe('lockedFile', () => {
  it('runs tasks on one file one at a time', async () => {
    let inside = 0;
    let most = 0;
    const task = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setImmediate(resolve));
      inside--;
      return ok(undefined);
    };
    const file = path.join(await tmp(), 'config', 'profiles.json');
    const results = await Promise.all(Array.from({ length: 5 }, () => lockedFile(file, task, true)));
    expect(results).toEqual(Array.from({ length: 5 }, () => ok(undefined)));
    expect(most).toBe(1);
  });
});

/** `text` as a literal inside a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
