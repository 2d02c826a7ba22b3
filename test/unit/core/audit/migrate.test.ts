import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readRunResults, readRuns } from '../../../../electron/core/audit/audit-reader';
import { AuditStore } from '../../../../electron/core/audit/audit-store';
import { migrateLegacyLog } from '../../../../electron/core/audit/migrate';
import { tempDir } from '../../../integration/profiles/temp-dir';
import { deadPid, end, job, jobStart, plan, start } from './fixtures';

let root: string;
let legacy: string;
let dir: string;
beforeEach(async () => {
  root = await tempDir('audit-migrate');
  legacy = path.join(root, 'audit.jsonl');
  dir = path.join(root, 'audit');
});

const lines = (...records: object[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');

/** An old log: a finished run and an interrupted one written at the same time, a bad line, a torn end. */
async function writeLegacy(): Promise<string> {
  const text =
    lines(start('a', 2), plan('a', ['a1', 'a2']), start('b', 3), plan('b', ['b1', 'b2', 'b3'])) +
    lines(jobStart('a', 'a1'), jobStart('b', 'b1'), job('b', 'b1', 'failed'), job('a', 'a1')) +
    '{"type":"job","runId":"a","jobId":7}\n' +
    lines(jobStart('a', 'a2'), job('a', 'a2'), end('a'), jobStart('b', 'b2'), job('zz', 'orphan')) +
    '{"type":"job","runId":"b","jo';
  await fs.writeFile(legacy, text);
  return text;
}

describe('converting the old single audit.jsonl', () => {
  it('converts once: same runs and results, every line kept, the original removed after the check', async () => {
    const text = await writeLegacy();
    const before = await readRuns(legacy);
    const beforeB = await readRunResults(legacy, 'b');
    const store = new AuditStore({ dir, legacyFile: legacy });
    const after = await store.listRuns();
    expect(after).toEqual(before);
    const b = await store.runResults('b');
    expect(b.ok && b.value).toEqual(beforeB);
    await expect(fs.stat(legacy)).rejects.toThrow();
    // Every original line is somewhere: in its run's file or in the leftovers kept aside.
    const files = [
      ...(await fs.readdir(path.join(dir, 'runs'))).map((n) => path.join(dir, 'runs', n)),
      ...(await fs.readdir(dir))
        .filter((n) => n.startsWith('legacy-leftovers-'))
        .map((n) => path.join(dir, n)),
    ];
    const kept = (await Promise.all(files.map((f) => fs.readFile(f, 'utf8')))).join('').split('\n');
    const original = text.split('\n').filter((l) => l.trim() !== '');
    expect(kept.filter((l) => l !== '').sort()).toEqual([...original].sort());
    expect((await fs.readdir(dir)).filter((n) => n.startsWith('migrat'))).toEqual([]);
  });

  it('reads the old file as before while another live process converts it', async () => {
    await writeLegacy();
    const before = await readRuns(legacy);
    await fs.mkdir(path.join(dir, 'runs'), { recursive: true });
    const holder = { pid: process.ppid, host: os.hostname(), at: Date.now(), nonce: 'other' };
    await fs.writeFile(path.join(dir, 'migrate.lock'), JSON.stringify(holder));
    const store = new AuditStore({ dir, legacyFile: legacy });
    expect(await store.listRuns()).toEqual(before);
    expect((await fs.stat(legacy)).isFile()).toBe(true);
  });

  it('a conversion killed before its commit leaves the original to convert again', async () => {
    await writeLegacy();
    const before = await readRuns(legacy);
    // What a killed conversion leaves: a half-written staging directory and a lock of a dead process.
    const staging = path.join(dir, `migrating-${deadPid()}-x`);
    await fs.mkdir(staging, { recursive: true });
    await fs.writeFile(path.join(staging, 'a.jsonl'), '{"type":"run-start","ru');
    const dead = { pid: deadPid(), host: os.hostname(), at: Date.now(), nonce: 'dead' };
    await fs.writeFile(path.join(dir, 'migrate.lock'), JSON.stringify(dead));
    const store = new AuditStore({ dir, legacyFile: legacy });
    expect(await store.listRuns()).toEqual(before);
    await expect(fs.stat(legacy)).rejects.toThrow();
    expect((await fs.readdir(dir)).filter((n) => n.startsWith('migrat'))).toEqual([]);
  });

  it('adds only new runs when an old version wrote to audit.jsonl again after the conversion', async () => {
    await writeLegacy();
    const store = new AuditStore({ dir, legacyFile: legacy });
    await store.listRuns();
    await fs.writeFile(legacy, lines(start('c', 1), job('c', 'c1'), end('c', 1)));
    const report = await migrateLegacyLog(legacy, dir);
    expect(report).toMatchObject({ runs: 1, removedOriginal: true });
    expect((await new AuditStore({ dir, legacyFile: legacy }).listRuns()).map((r) => r.runId)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
