import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditStore } from '../../../../electron/core/audit/audit-store';
import { readIndex, updateIndex } from '../../../../electron/core/audit/run-index';
import { tempDir } from '../../../integration/profiles/temp-dir';
import { deadPid, writeRun } from './fixtures';

let dir: string;
let store: AuditStore;
beforeEach(async () => {
  dir = path.join(await tempDir('audit-store'), 'audit');
  store = new AuditStore({ dir, legacyFile: null });
});

/** Makes the process that wrote `runId` a dead one, as after a crash. */
async function killWriter(runId: string): Promise<void> {
  await updateIndex(dir, (map) => {
    map.get(runId)!.writer = { pid: deadPid(), host: os.hostname() };
  });
}

describe('the audit directory', () => {
  it('keeps each run in its own file and its summary in the index', async () => {
    const sink = store.sink();
    await writeRun(sink, 'r1', { jobs: 3 });
    await writeRun(sink, 'r2', { jobs: 2, startedAt: '2024-01-02T00:00:00.000Z' });
    await sink.close();
    expect((await fs.readdir(store.paths.runs)).sort()).toEqual(['r1.jsonl', 'r2.jsonl']);
    const r1Lines = (await fs.readFile(store.paths.runFile('r1'), 'utf8')).trim().split('\n');
    expect(r1Lines.map((l) => (JSON.parse(l) as { runId: string }).runId)).toEqual(Array(9).fill('r1'));
    const { entries } = await readIndex(store.paths.index);
    expect(entries.map((e) => [e.runId, e.done, e.interrupted, e.writer])).toEqual([
      ['r1', 3, false, undefined],
      ['r2', 2, false, undefined],
    ]);
    const runs = await store.listRuns();
    expect(runs.map((r) => [r.runId, r.counts.deleted, r.endedAt !== null])).toEqual([
      ['r1', 3, true],
      ['r2', 2, true],
    ]);
    const opened = await store.runResults('r2');
    expect(opened.ok && opened.value.results.map((r) => r.jobId)).toEqual(['r2-j0', 'r2-j1']);
  });

  it('lists finished runs from the index alone, without reading their job lines', async () => {
    const sink = store.sink();
    await writeRun(sink, 'r1', { jobs: 4 });
    await sink.close();
    // If listing read the run file, it would now find nothing.
    await fs.writeFile(store.paths.runFile('r1'), '');
    const [run] = await store.listRuns();
    expect(run).toMatchObject({ runId: 'r1', done: 4, interrupted: false, total: 4 });
  });

  it('shows a run still being written as running, and one whose writer died as interrupted', async () => {
    const sink = store.sink();
    await writeRun(sink, 'r1', { jobs: 5, finished: 2, ended: false });
    const [live] = await store.listRuns();
    expect(live).toMatchObject({ runId: 'r1', running: true, interrupted: false, done: 2 });

    await killWriter('r1');
    const [dead] = await store.listRuns();
    expect(dead).toMatchObject({ runId: 'r1', interrupted: true, done: 2, inFlight: 3, endedAt: null });
    expect(dead!.running).toBeUndefined();
    // Settled into the index: the next listing needs no read of the run file.
    const entry = (await readIndex(store.paths.index)).entries[0]!;
    expect(entry).toMatchObject({ interrupted: true, done: 2, inFlight: 3 });
    expect(entry.writer).toBeUndefined();
    const opened = await store.runResults('r1');
    expect(opened.ok && opened.value.unfinished.map((j) => j.jobId)).toEqual(['r1-j2', 'r1-j3', 'r1-j4']);
    await sink.close();
  });

  it('tolerates a torn last line and repairs a run whose end reached its file but not the index', async () => {
    const sink = store.sink();
    await writeRun(sink, 'r1', { jobs: 2, ended: false });
    await sink.close();
    await killWriter('r1');
    const end = { type: 'run-end', runId: 'r1', time: '2024-01-01T00:00:00.000Z', aborted: false };
    await fs.appendFile(
      store.paths.runFile('r1'),
      `${JSON.stringify({ ...end, counts: { deleted: 2 } })}\n{"ty`,
    );
    const [run] = await store.listRuns();
    expect(run).toMatchObject({ runId: 'r1', interrupted: false, done: 2 });
    expect((await readIndex(store.paths.index)).entries[0]).toMatchObject({ interrupted: false, done: 2 });
  });

  it('rebuilds a damaged index from the run files, keeping the damaged one', async () => {
    const sink = store.sink();
    await writeRun(sink, 'r1', { jobs: 2 });
    await writeRun(sink, 'r2', { jobs: 1 });
    await sink.close();
    await fs.writeFile(store.paths.index, '{"format":"gpjobs-audit-index","runs":[{"ru');
    expect((await store.listRuns()).map((r) => [r.runId, r.done])).toEqual([
      ['r1', 2],
      ['r2', 1],
    ]);
    expect((await readIndex(store.paths.index)).damaged).toBe(false);
    expect((await fs.readdir(dir)).some((n) => n.startsWith('index.json.damaged-'))).toBe(true);
  });

  it('adopts a run file the index does not know, and skips index entries with wrong types', async () => {
    const sink = store.sink();
    await writeRun(sink, 'r1', { jobs: 2 });
    await sink.close();
    const text = await fs.readFile(store.paths.index, 'utf8');
    await fs.writeFile(store.paths.index, text.replace('"runs":[', '"runs":[{"runId":7},'));
    await fs.copyFile(store.paths.runFile('r1'), store.paths.runFile('r9'));
    await fs.writeFile(
      store.paths.runFile('r9'),
      (await fs.readFile(store.paths.runFile('r1'), 'utf8')).replaceAll('"r1', '"r9'),
    );
    expect((await readIndex(store.paths.index)).skipped).toBe(1);
    expect((await store.listRuns()).map((r) => r.runId)).toEqual(['r1', 'r9']);
    expect((await readIndex(store.paths.index)).entries.map((e) => e.runId)).toEqual(['r1', 'r9']);
  });

  it('acknowledges an interrupted run, in its file and the index, and refuses a finished one', async () => {
    const sink = store.sink();
    await writeRun(sink, 'r1', { jobs: 3, finished: 1, ended: false });
    await writeRun(sink, 'r2', { jobs: 1 });
    await sink.close();
    await killWriter('r1');
    const acked = await store.acknowledge('r1', 'bob', Date.parse('2024-02-01T00:00:00Z'));
    expect(acked.ok && acked.value.acknowledged).toEqual({ time: '2024-02-01T00:00:00.000Z', osUser: 'bob' });
    expect((await store.listRuns())[0]!.acknowledged?.osUser).toBe('bob');
    expect(await fs.readFile(store.paths.runFile('r1'), 'utf8')).toContain('"type":"run-ack"');
    const refused = await store.acknowledge('r2', 'bob');
    expect(!refused.ok && refused.error.message).toContain('was not interrupted');
  });

  it('gives a run id that is not a safe file name a hashed file name', async () => {
    const sink = store.sink();
    await writeRun(sink, '../../escape', { jobs: 1 });
    await sink.close();
    const names = await fs.readdir(store.paths.runs);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^h-[0-9a-f]{40}\.jsonl$/);
    expect((await store.listRuns())[0]!.runId).toBe('../../escape');
  });
});
