import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditStore } from '../../../../electron/core/audit/audit-store';
import { DAY_MS, pruneRuns, readRetention, saveRetention } from '../../../../electron/core/audit/retention';
import { updateIndex } from '../../../../electron/core/audit/run-index';
import { AuditService } from '../../../../electron/core/service/audit-service';
import { tempDir } from '../../../integration/profiles/temp-dir';
import { deadPid, writeRun } from './fixtures';

const NOW = Date.parse('2024-06-01T00:00:00.000Z');
const daysAgo = (d: number): string => new Date(NOW - d * DAY_MS).toISOString();

let root: string;
let dir: string;
let store: AuditStore;
beforeEach(async () => {
  root = await tempDir('audit-retention');
  dir = path.join(root, 'audit');
  store = new AuditStore({ dir, legacyFile: null });
});

/** Old and new runs: finished, interrupted (left alone, acknowledged, retried) and one still running. */
async function history(): Promise<void> {
  const sink = store.sink();
  await writeRun(sink, 'old-done', { jobs: 2, startedAt: daysAgo(200) });
  await writeRun(sink, 'old-crashed', { jobs: 2, finished: 1, ended: false, startedAt: daysAgo(150) });
  await writeRun(sink, 'old-acked', { jobs: 2, finished: 0, ended: false, startedAt: daysAgo(140) });
  await writeRun(sink, 'old-retried', { jobs: 2, finished: 1, ended: false, startedAt: daysAgo(130) });
  await writeRun(sink, 'retry', { jobs: 1, startedAt: daysAgo(120), retryOf: 'old-retried' });
  await writeRun(sink, 'old-running', { jobs: 2, finished: 1, ended: false, startedAt: daysAgo(110) });
  await writeRun(sink, 'recent', { jobs: 2, startedAt: daysAgo(10) });
  await sink.close();
  await updateIndex(dir, (map) => {
    for (const id of ['old-crashed', 'old-acked', 'old-retried']) map.get(id)!.writer!.pid = deadPid();
  });
  expect((await store.acknowledge('old-acked', 'bob')).ok).toBe(true);
}

const ids = async (): Promise<string[]> => (await store.listRuns()).map((r) => r.runId);

describe('pruning old runs', () => {
  it('removes whole old runs, never an interrupted one nobody retried or acknowledged, nor a running one', async () => {
    await history();
    const dry = await pruneRuns(store, {
      olderThanMs: 90 * DAY_MS,
      minimumDays: null,
      dryRun: true,
      now: NOW,
    });
    expect(dry.ok && dry.value.removed.map((r) => r.runId)).toEqual([
      'old-done',
      'old-acked',
      'old-retried',
      'retry',
    ]);
    expect(await ids()).toHaveLength(7);

    const done = await pruneRuns(store, { olderThanMs: 90 * DAY_MS, minimumDays: null, now: NOW });
    expect(done.ok && done.value.keptInterrupted.map((r) => r.runId)).toEqual(['old-crashed']);
    expect(await ids()).toEqual(['old-crashed', 'old-running', 'recent']);
    expect((await fs.readdir(store.paths.runs)).sort()).toEqual([
      'old-crashed.jsonl',
      'old-running.jsonl',
      'recent.jsonl',
    ]);
    // Once acknowledged, the crashed run may go too.
    await store.acknowledge('old-crashed', 'bob');
    await pruneRuns(store, { olderThanMs: 90 * DAY_MS, minimumDays: null, now: NOW });
    expect(await ids()).toEqual(['old-running', 'recent']);
  });

  it('refuses to prune below the managed minimum, and keeps what the minimum protects', async () => {
    await history();
    const refused = await pruneRuns(store, {
      olderThanMs: 30 * DAY_MS,
      minimumDays: 365,
      managedFile: '/etc/gp-job-admin/settings.json',
      now: NOW,
    });
    expect(!refused.ok && refused.error.message).toContain('at least 365 days');
    expect(await ids()).toHaveLength(7);
  });
});

describe('the retention setting', () => {
  it('defaults to keeping everything and applies a saved preference after each run', async () => {
    const configDir = root;
    const service = new AuditService(configDir, null);
    expect(await service.retention()).toEqual({
      ok: true,
      value: { keepDays: null, minimumDays: null, managedFile: null },
    });
    store = service.store;
    await history();
    expect(await service.applyRetention(NOW)).toEqual({ ok: true, value: null });
    expect(await ids()).toHaveLength(7);
    const set = await saveRetention(dir, null, 180);
    expect(set.ok).toBe(true);
    const applied = await service.applyRetention(NOW);
    expect(applied.ok && applied.value?.removed.map((r) => r.runId)).toEqual(['old-done']);
  });

  it('enforces a managed minimum: a shorter preference is refused, an older one raised to it', async () => {
    const managed = path.join(root, 'settings.json');
    await fs.writeFile(managed, JSON.stringify({ audit: { minimumRetentionDays: 365 } }));
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'retention.json'), '{"keepDays":90}');
    expect(await readRetention(dir, managed)).toEqual({
      ok: true,
      value: { keepDays: 365, minimumDays: 365, managedFile: managed },
    });
    const refused = await saveRetention(dir, managed, 30);
    expect(!refused.ok && refused.error.message).toContain('at least 365 days');
    expect((await saveRetention(dir, managed, 400)).ok).toBe(true);
    expect((await saveRetention(dir, managed, null)).ok).toBe(true);
  });

  it('blocks pruning while the managed settings are damaged', async () => {
    const managed = path.join(root, 'settings.json');
    await fs.writeFile(managed, '{"audit":{"minimumRetentionDays":"a year"}}');
    const service = new AuditService(root, null);
    expect((await service.retention()).ok).toBe(true);
    const damaged = new AuditService(root, managed);
    const pruned = await damaged.prune(DAY_MS);
    expect(!pruned.ok && pruned.error.message).toContain('are damaged');
  });
});
