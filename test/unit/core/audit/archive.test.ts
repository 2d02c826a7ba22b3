import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_COLUMNS, exportArchive } from '../../../../electron/core/audit/archive';
import { AuditStore } from '../../../../electron/core/audit/audit-store';
import type { AuditRecord } from '../../../../electron/core/audit/records';
import { tempDir } from '../../../integration/profiles/temp-dir';
import { end, job, plan, start } from './fixtures';

async function archive(store: AuditStore, since: number, format: 'csv' | 'json', until?: number) {
  const chunks: string[] = [];
  const report = await exportArchive(store, { since, ...(until ? { until } : {}) }, format, async (c) => {
    chunks.push(c);
  });
  return { text: chunks.join(''), chunks: chunks.length, report };
}

describe('archiving many runs', () => {
  it('writes run by run, keeps cells formula-safe, and gives valid JSON for an empty range', async () => {
    const store = new AuditStore({
      dir: path.join(await tempDir('audit-archive'), 'audit'),
      legacyFile: null,
    });
    const sink = store.sink();
    const hostile: AuditRecord = {
      ...(job('r1', 'a') as Extract<AuditRecord, { type: 'job' }>),
      message: '=HYPERLINK("x")',
    };
    await sink.write([start('r1', 1, '2024-01-01T00:00:00.000Z'), plan('r1', ['a']), hostile, end('r1', 1)]);
    await sink.write([start('r2', 1, '2024-02-01T00:00:00.000Z'), job('r2', 'b'), end('r2', 1)]);
    await sink.close();

    const csv = await archive(store, 0, 'csv');
    expect(csv.report).toEqual({ runs: 2, rows: 2 });
    expect(csv.chunks).toBe(3); // header, then one chunk per run
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(ARCHIVE_COLUMNS.join(','));
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]!.endsWith(',alice')).toBe(true);

    const json = await archive(store, Date.parse('2024-01-15T00:00:00Z'), 'json');
    expect((JSON.parse(json.text) as Array<{ runId: string }>).map((r) => r.runId)).toEqual(['r2']);
    const none = await archive(store, 0, 'json', Date.parse('2023-12-31T00:00:00Z'));
    expect(JSON.parse(none.text)).toEqual([]);
    expect(none.report).toEqual({ runs: 0, rows: 0 });
  });
});
