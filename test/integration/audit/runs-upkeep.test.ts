/**
 * `gpjobs runs prune | acknowledge | retention | export --since` and the conversion of an old audit.jsonl,
 * through the real executable over an audit directory written by the real run sink.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_COLUMNS } from '../../../electron/core/audit/archive';
import { AuditStore } from '../../../electron/core/audit/audit-store';
import { DAY_MS } from '../../../electron/core/audit/retention';
import { updateIndex } from '../../../electron/core/audit/run-index';
import { sandbox } from '../cli/helpers';
import type { CliSandbox } from '../cli/helpers';
import { deadPid, end, job, start, writeRun } from '../../unit/core/audit/fixtures';

const ago = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString();

/** Three old runs (one crashed, never looked at) and a recent one, in the sandbox's audit directory. */
async function history(cli: CliSandbox): Promise<AuditStore> {
  const store = new AuditStore({ dir: path.join(cli.configDir, 'audit'), legacyFile: null });
  const sink = store.sink();
  await writeRun(sink, 'aaaa0001', { jobs: 3, startedAt: ago(200) });
  await writeRun(sink, 'aaaa0002', { jobs: 2, startedAt: ago(150) });
  await writeRun(sink, 'cccc0003', { jobs: 4, finished: 1, ended: false, startedAt: ago(120) });
  await writeRun(sink, 'bbbb0004', { jobs: 1, startedAt: ago(5) });
  await sink.close();
  await updateIndex(store.options.dir, (map) => {
    map.get('cccc0003')!.writer = { pid: deadPid(), host: os.hostname() };
  });
  return store;
}

const listed = async (cli: CliSandbox): Promise<string[]> =>
  (
    JSON.parse((await cli.run(['runs', 'list', '--limit', '0', '--format', 'json'])).stdout) as Array<{
      runId: string;
    }>
  )
    .map((r) => r.runId)
    .reverse();

describe('gpjobs runs upkeep', () => {
  it('prune --dry-run lists, prune removes old runs but keeps an interrupted one until acknowledged', async () => {
    const cli = await sandbox();
    await history(cli);
    const dry = await cli.run(['runs', 'prune', '--older-than', '90d', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Would remove 2 run\(s\) started before /);
    expect(dry.stderr).toContain('Kept 1 interrupted run(s)');
    expect(await listed(cli)).toHaveLength(4);

    const pruned = await cli.run(['runs', 'prune', '--older-than', '90d']);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/^Removed 2 run\(s\)/);
    expect(await listed(cli)).toEqual(['cccc0003', 'bbbb0004']);
    const list = await cli.run(['runs', 'list']);
    expect(list.stdout).toMatch(/cccc0003\s+delete\s+\S+ \S+\s+interrupted\s/);

    expect((await cli.run(['runs', 'acknowledge', 'cccc'])).code).toBe(0);
    expect((await cli.run(['runs', 'list'])).stdout).toContain('interrupted (acknowledged)');
    expect((await cli.run(['runs', 'prune', '--older-than', '90d'])).stdout).toMatch(/^Removed 1 run/);
    expect(await listed(cli)).toEqual(['bbbb0004']);
  });

  it('a managed minimum refuses a shorter prune and retention (exit 2) and shows in retention', async () => {
    const cli = await sandbox();
    await history(cli);
    // The managed settings file sits next to the managed profiles file the sandbox points at.
    await fs.writeFile(path.join(cli.configDir, 'settings.json'), '{"audit":{"minimumRetentionDays":180}}');
    const refused = await cli.run(['runs', 'prune', '--older-than', '90d']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('keeps the audit log for at least 180 days');
    expect(await listed(cli)).toHaveLength(4);
    expect((await cli.run(['runs', 'retention', '--keep', '30d'])).code).toBe(2);

    const set = await cli.run(['runs', 'retention', '--keep', '26w']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Runs are kept for 182 days.');
    expect(set.stdout).toContain('requires at least 180 days');
    expect(set.stdout).toContain('Removed 1 old run(s).');
    expect(await listed(cli)).toEqual(['aaaa0002', 'cccc0003', 'bbbb0004']);
    // Without --older-than, prune uses the setting.
    expect((await cli.run(['runs', 'prune', '--dry-run'])).stdout).toMatch(/^Would remove 0 run/);
  });

  it('export --since writes every run since then, one archive with the run id on each row', async () => {
    const cli = await sandbox();
    await history(cli);
    const csv = await cli.run(['runs', 'export', '--since', ago(160).slice(0, 10), '--format', 'csv']);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe(ARCHIVE_COLUMNS.join(','));
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual([
      'aaaa0002',
      'aaaa0002',
      'cccc0003',
      'bbbb0004',
    ]);
    const file = path.join(cli.configDir, 'archive.json');
    const json = await cli.run([
      'runs',
      'export',
      '--since',
      '0',
      '--until',
      ago(100),
      '--format',
      'json',
      '-o',
      file,
    ]);
    expect(json.code).toBe(0);
    expect(json.stderr).toContain('Wrote 6 result(s) of 3 run(s)');
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Array<{ runId: string; osUser: string }>;
    expect(parsed.map((r) => r.runId)).toEqual([
      'aaaa0001',
      'aaaa0001',
      'aaaa0001',
      'aaaa0002',
      'aaaa0002',
      'cccc0003',
    ]);
    expect(parsed[0]!.osUser).toBe('alice');
    const both = await cli.run(['runs', 'export', 'aaaa0001', '--since', '0']);
    expect(both.code).toBe(2);
  });

  it('converts an old audit.jsonl on first use and lists the same runs', async () => {
    const cli = await sandbox();
    const lines = [
      start('old1', 1, ago(3)),
      job('old1', 'j1'),
      end('old1', 1, ago(3)),
      start('old2', 2, ago(2)),
    ];
    await fs.writeFile(
      path.join(cli.configDir, 'audit.jsonl'),
      lines.map((l) => `${JSON.stringify(l)}\n`).join(''),
    );
    const list = JSON.parse((await cli.run(['runs', 'list', '--format', 'json'])).stdout) as Array<{
      runId: string;
      interrupted: boolean;
    }>;
    expect(list.map((r) => [r.runId, r.interrupted])).toEqual([
      ['old2', true],
      ['old1', false],
    ]);
    await expect(fs.stat(path.join(cli.configDir, 'audit.jsonl'))).rejects.toThrow();
    expect((await fs.readdir(path.join(cli.configDir, 'audit', 'runs'))).sort()).toEqual([
      'old1.jsonl',
      'old2.jsonl',
    ]);
  });
});
