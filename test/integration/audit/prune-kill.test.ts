/**
 * A prune SIGKILLed mid-way: before its commit every run is still there, whole; after it the old runs are
 * gone, whole. Never a run listed without its file or a file left without its run, and pruning again
 * finishes the job.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AuditStore } from '../../../electron/core/audit/audit-store';
import { DAY_MS, pruneRuns } from '../../../electron/core/audit/retention';
import { tempDir } from '../profiles/temp-dir';
import { writeRun } from '../../unit/core/audit/fixtures';
import type { PruneChildInput } from './prune-child';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'prune-child.ts');
const NOW = Date.parse('2024-06-01T00:00:00.000Z');
const OLD = ['o1', 'o2', 'o3', 'o4', 'o5'];

async function history(dir: string): Promise<Map<string, string>> {
  const store = new AuditStore({ dir, legacyFile: null });
  const sink = store.sink();
  for (const [i, id] of OLD.entries())
    await writeRun(sink, id, { jobs: 3, startedAt: new Date(NOW - (200 - i) * DAY_MS).toISOString() });
  await writeRun(sink, 'new', { jobs: 3, startedAt: new Date(NOW - DAY_MS).toISOString() });
  await sink.close();
  const files = new Map<string, string>();
  for (const id of [...OLD, 'new']) files.set(id, await fs.readFile(store.paths.runFile(id), 'utf8'));
  return files;
}

/** Runs the child until it reaches `stopAt`, then kills it. */
async function pruneKilledAt(dir: string, stopAt: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, s) => resolve(s)));
  const stopped = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => (d.toString().includes('stopped') ? resolve() : undefined));
    void exited.then(() => reject(new Error(`the child ended before ${stopAt}: ${stderr}`)));
  });
  const input: PruneChildInput = { dir, olderThanMs: 90 * DAY_MS, now: NOW, stopAt };
  child.stdin.end(JSON.stringify(input));
  await stopped;
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

/** Every listed run has its whole file, and every run file belongs to a listed run. */
async function expectWhole(dir: string, files: Map<string, string>, listed: string[]): Promise<void> {
  const store = new AuditStore({ dir, legacyFile: null });
  expect((await store.listRuns()).map((r) => r.runId)).toEqual(listed);
  expect((await fs.readdir(store.paths.runs)).sort()).toEqual(listed.map((id) => `${id}.jsonl`).sort());
  for (const id of listed) expect(await fs.readFile(store.paths.runFile(id), 'utf8')).toBe(files.get(id));
}

describe('a prune killed mid-way', () => {
  it('before its commit (files set aside): the next start puts every run back, whole', async () => {
    const dir = path.join(await tempDir('prune-kill'), 'audit');
    const files = await history(dir);
    await pruneKilledAt(dir, 'moved:3');
    expect((await fs.readdir(path.join(dir, 'runs'))).filter((n) => n.endsWith('.pruned'))).toHaveLength(3);
    await expectWhole(dir, files, [...OLD, 'new']);
    // Pruning again completes.
    const again = await pruneRuns(new AuditStore({ dir, legacyFile: null }), {
      olderThanMs: 90 * DAY_MS,
      minimumDays: null,
      now: NOW,
    });
    expect(again.ok && again.value.removed.map((r) => r.runId)).toEqual(OLD);
    await expectWhole(dir, files, ['new']);
  });

  it('after its commit: the old runs are gone, whole, and their files are removed at the next start', async () => {
    const dir = path.join(await tempDir('prune-kill'), 'audit');
    const files = await history(dir);
    await pruneKilledAt(dir, 'committed');
    await expectWhole(dir, files, ['new']);
  });
});
