import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../../electron/core/audit/audit-log';
import { readAuditRecords, readRunResults, readRuns } from '../../../../electron/core/audit/audit-reader';
import type { AuditJobRecord, AuditRecord, EncodedLines } from '../../../../electron/core/audit/records';
import { end, job, jobStart, plan, start, time } from './fixtures';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gpjobs-audit-'));
  file = path.join(dir, 'config', 'audit.jsonl');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function collect(): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for await (const r of readAuditRecords(file)) out.push(r);
  return out;
}

describe('the audit log writer', () => {
  it('appends whole lines in order, creating the directory', async () => {
    const log = await openAuditLog(file);
    await log.write([start('r1', 2), job('r1', 'a')]);
    await log.write([job('r1', 'b'), end('r1')]);
    const text = await fs.readFile(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).type),
    ).toEqual(['run-start', 'job', 'job', 'run-end']);
  });

  it('groups lines queued while a write is in progress into one append', async () => {
    const appends: string[] = [];
    const log = await openAuditLog(file, async (f, data) => {
      appends.push(Buffer.from(data).toString('utf8'));
      await fs.appendFile(f, data);
    });
    const writes = Array.from({ length: 100 }, (_, i) => log.write([job('r1', `j${i}`)]));
    await Promise.all(writes);
    expect(appends.length).toBeLessThanOrEqual(2);
    expect(await collect()).toHaveLength(100);
    for (const chunk of appends) expect(chunk.endsWith('\n')).toBe(true);
  });

  it('appends encoded lines in call order with record lines, in the same append, growing its buffer', async () => {
    const appends: string[] = [];
    const log = await openAuditLog(file, async (f, data) => {
      appends.push(Buffer.from(data).toString('utf8'));
      await fs.appendFile(f, data);
    });
    // Longer than the log's starting buffer, so it has to grow mid-batch.
    const long = 'x'.repeat(40_000);
    const encoded = (ids: string[]): EncodedLines => ({
      runId: 'r1',
      encodeInto: (out) => {
        for (const id of ids) out.text(`${JSON.stringify({ ...job('r1', id), message: long })}\n`);
      },
    });
    await Promise.all([
      log.write([start('r1', 4)]),
      log.writeEncoded(encoded(['a', 'b'])),
      log.write([job('r1', 'c')]),
      log.writeEncoded(encoded(['d'])),
    ]);
    expect(appends).toHaveLength(1);
    const records = await collect();
    expect(records.map((r) => (r.type === 'job' ? r.jobId : r.type))).toEqual([
      'run-start',
      'a',
      'b',
      'c',
      'd',
    ]);
    expect((records[1] as AuditJobRecord).message).toBe(long);
  });

  it('groups lines queued anywhere in the same turn of the event loop into one append', async () => {
    const appends: string[] = [];
    const log = await openAuditLog(file, async (f, data) => {
      appends.push(Buffer.from(data).toString('utf8'));
      await fs.appendFile(f, data);
    });
    const first = log.write([job('r1', 'a')]);
    // Later microtasks of the same turn, as when several answers are read in one poll phase.
    await Promise.resolve();
    await Promise.resolve();
    const second = log.write([job('r1', 'b')]);
    await Promise.all([first, second]);
    expect(appends).toHaveLength(1);
    expect((await collect()).map((r) => (r.type === 'job' ? r.jobId : r.type))).toEqual(['a', 'b']);
  });

  it('writes text beyond ASCII as UTF-8, each record one whole line', async () => {
    const log = await openAuditLog(file);
    const message = 'Échec: « service » 服务 \u{1F5D1} "quoted" \\ and a\nnewline';
    const [a, b] = [job('r1', 'a'), job('r1', 'b')] as AuditJobRecord[];
    await log.write([start('r1', 2), { ...a!, message }]);
    await log.write([{ ...b!, server: 'Sérveur ☃' }, end('r1')]);
    const text = await fs.readFile(file, 'utf8');
    expect(text.split('\n')).toHaveLength(5);
    const records = await collect();
    expect(records.map((r) => r.type)).toEqual(['run-start', 'job', 'job', 'run-end']);
    expect(records[1]).toMatchObject({ jobId: 'a', message });
    expect(records[2]).toMatchObject({ jobId: 'b', server: 'Sérveur ☃' });
  });

  it('rejects the writes of a failed append so the run can stop', async () => {
    const log = await openAuditLog(file, async () => {
      throw new Error('ENOSPC');
    });
    await expect(log.write([job('r1', 'a')])).rejects.toThrow('ENOSPC');
  });

  it('starts the next batch on a fresh line after an append failed part-way', async () => {
    let failed = false;
    const log = await openAuditLog(file, async (target, data) => {
      if (failed) return fs.appendFile(target, data);
      failed = true;
      await fs.appendFile(target, data.subarray(0, Math.floor(data.length / 2)));
      throw new Error('EIO');
    });
    await expect(log.write([start('r1', 1), job('r1', 'a')])).rejects.toThrow('EIO');
    await log.write([end('r1')]);
    const records = await collect();
    expect(records.at(-1)).toMatchObject({ type: 'run-end', runId: 'r1' });
  });

  it('starts on a fresh line after a previous process died mid-line', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, `${JSON.stringify(start('r0', 1))}\n{"type":"job","runId":"r0","jo`);
    const log = await openAuditLog(file);
    await log.write([start('r1', 1), job('r1', 'a'), end('r1')]);
    const stats = { unreadableLines: 0 };
    const runs = await readRuns(file, stats);
    expect(stats.unreadableLines).toBe(1);
    expect(runs.map((r) => [r.runId, r.interrupted])).toEqual([
      ['r0', true],
      ['r1', false],
    ]);
  });
});

describe('the audit log reader', () => {
  it('skips a truncated last line', async () => {
    const log = await openAuditLog(file);
    await log.write([start('r1', 2), job('r1', 'a')]);
    await fs.appendFile(file, '{"type":"job","runId":"r1","jobId":"b","outc');
    const stats = { unreadableLines: 0 };
    const records: AuditRecord[] = [];
    for await (const r of readAuditRecords(file, stats)) records.push(r);
    expect(records).toHaveLength(2);
    expect(stats.unreadableLines).toBe(1);
  });

  it('reads nothing from a missing file', async () => {
    expect(await readRuns(path.join(dir, 'none.jsonl'))).toEqual([]);
  });

  it('summarises finished and interrupted runs', async () => {
    const log = await openAuditLog(file);
    await log.write([start('r1', 2), plan('r1', ['a', 'b']), job('r1', 'a'), job('r1', 'b'), end('r1')]);
    await log.write([
      start('r2', 3),
      plan('r2', ['c', 'd', 'e']),
      jobStart('r2', 'c'),
      job('r2', 'c', 'failed'),
    ]);
    await log.write([jobStart('r2', 'd')]);
    const [r1, r2] = await readRuns(file);
    expect(r1).toMatchObject({ runId: 'r1', interrupted: false, done: 2, endedAt: time, servers: ['Prod'] });
    expect(r1!.counts.deleted).toBe(2);
    expect(r2).toMatchObject({
      runId: 'r2',
      interrupted: true,
      done: 1,
      inFlight: 1,
      endedAt: null,
      osUser: 'alice',
    });
    expect(r2!.counts.failed).toBe(1);
  });

  it("returns one run's results and the jobs it never finished", async () => {
    const log = await openAuditLog(file);
    await log.write([start('r2', 3), plan('r2', ['c', 'd', 'e']), jobStart('r2', 'c'), job('r2', 'c')]);
    await log.write([start('other', 1), job('other', 'z'), jobStart('r2', 'd')]);
    const data = await readRunResults(file, 'r2');
    expect(data!.results.map((r) => r.jobId)).toEqual(['c']);
    expect(data!.unfinished.map((j) => j.jobId)).toEqual(['d', 'e']);
    expect(data!.inFlight.map((j) => j.jobId)).toEqual(['d']);
    expect(await readRunResults(file, 'nope')).toBeNull();
  });
});

describe('the audit file handle', () => {
  it('keeps appending through one handle, and after close a new write starts the file again', async () => {
    const log = await openAuditLog(file);
    await log.write([start('r1', 1)]);
    await log.write([start('r2', 1)]);
    await log.close();
    expect((await fs.readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2);

    await fs.rm(file);
    await log.write([start('r3', 1)]);
    await log.close();
    const lines = (await fs.readFile(file, 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { runId: string }).runId)).toEqual(['r3']);
  });

  it('creates the file readable by its owner only', async () => {
    const log = await openAuditLog(file);
    await log.write([start('r1', 1)]);
    await log.close();
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });
});
