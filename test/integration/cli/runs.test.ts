import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../../../electron/core/audit/export';
import { DELETE_FAILED_JSON, jsonJobs, keys, sandbox, sandboxWith, simulator } from './helpers';

// `gpjobs runs ...` over the audit log that delete and cancel write (the desktop app's log too).

interface RunInfo {
  runId: string;
  action: string;
  total: number;
  counts: Record<string, number>;
  retryOf?: string;
  interrupted: boolean;
}

/** A sandbox with one finished delete run in which every job failed (HTTP 500 on delete). */
async function failedRun() {
  const sim = await simulator({ seed: 41, jobs: 120 });
  const cli = await sandboxWith({ Sim: sim });
  const removeFault = sim.addFault({ kind: 'http500', rate: 1, match: (r) => r.path.endsWith('/delete') });
  const deleted = await cli.run(DELETE_FAILED_JSON);
  expect(deleted.code).toBe(1);
  const rows = jsonJobs(deleted);
  const runs = JSON.parse((await cli.run(['runs', 'list', '--format', 'json'])).stdout) as RunInfo[];
  return { sim, cli, rows, run: runs[0]!, removeFault };
}

describe('gpjobs runs', () => {
  it('list shows each run with its action and counts, newest first', async () => {
    const { cli, rows, run } = await failedRun();
    expect(run).toMatchObject({
      action: 'delete',
      total: rows.length,
      counts: { deleted: 0, cancelled: 0, 'already-gone': 0, skipped: 0, failed: rows.length },
      interrupted: false,
    });
    const table = await cli.run(['runs', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^RUN\s+ACTION\s+STARTED\s+STATE\s+JOBS\s+RESULTS\s+SERVERS\s+USER\n/);
    expect(table.stdout).toMatch(
      new RegExp(
        `${run.runId.slice(0, 8)}\\s+delete\\s+\\S+ \\S+\\s+finished\\s+${rows.length}\\s+failed ${rows.length}\\s+Sim`,
      ),
    );
  });

  it("show RUN (a prefix of the id) gives every job's result, as the run printed them", async () => {
    const { cli, rows, run } = await failedRun();
    const shown = await cli.run(['runs', 'show', run.runId.slice(0, 6), '--format', 'json']);
    expect(shown.code).toBe(0);
    const sortById = (a: { jobId: string }, b: { jobId: string }) => a.jobId.localeCompare(b.jobId);
    expect(jsonJobs(shown).sort(sortById)).toEqual([...rows].sort(sortById));
    const table = await cli.run(['runs', 'show', run.runId]);
    expect(table.stdout).toContain(`Run      ${run.runId}\n`);
    expect(table.stdout).toContain(`Jobs     ${rows.length}: failed ${rows.length}\n`);
    for (const row of rows) expect(table.stdout).toContain(row.jobId);
  });

  it("export RUN writes the desktop app's CSV or JSON, to stdout or a file", async () => {
    const { cli, rows, run } = await failedRun();
    const csv = await cli.run(['runs', 'export', run.runId.slice(0, 8), '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(lines.length).toBe(rows.length + 2);
    const json = await cli.run(['runs', 'export', run.runId.slice(0, 8), '--format', 'json']);
    const exported = JSON.parse(json.stdout) as Array<{
      jobId: string;
      service: string;
      result: string;
      action: string;
    }>;
    expect(keys(exported)).toEqual(keys(rows));
    expect(new Set(exported.map((e) => `${e.action}:${e.result}`))).toEqual(new Set(['delete:failed']));
    const file = path.join(cli.configDir, 'run.csv');
    const toFile = await cli.run(['runs', 'export', run.runId.slice(0, 8), '-o', file]);
    expect(toFile.code).toBe(0);
    expect(toFile.stderr).toContain(`Wrote run ${run.runId} to ${file}.`);
    expect(await fs.readFile(file, 'utf8')).toBe(csv.stdout);
    const dash = await cli.run(['runs', 'export', run.runId.slice(0, 8), '-o', '-']);
    expect(dash.code).toBe(0);
    expect(dash.stdout).toBe(csv.stdout);
  });

  it('retry RUN runs the failed jobs again', async () => {
    const { sim, cli, rows, run, removeFault } = await failedRun();
    removeFault();
    const retried = await cli.run(['runs', 'retry', run.runId.slice(0, 8), '--yes', '--format', 'json']);
    expect(retried.code).toBe(0);
    const results = jsonJobs(retried);
    expect(keys(results)).toEqual(keys(rows));
    expect(new Set(results.map((r) => r.result))).toEqual(new Set(['deleted']));
    for (const row of rows) expect(sim.getJob(row.service, row.jobId)).toBeUndefined();
    const runs = JSON.parse((await cli.run(['runs', 'list', '--format', 'json'])).stdout) as RunInfo[];
    expect(runs[0]).toMatchObject({ retryOf: run.runId, counts: { deleted: rows.length } });
  });

  it('an unknown run is a usage error', async () => {
    const cli = await sandbox();
    const result = await cli.run(['runs', 'show', 'ffffffff']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No run in the audit log starts with "ffffffff" (see gpjobs runs list).');
    const retry = await cli.run(['runs', 'retry', 'ffffffff']);
    expect(retry.code).toBe(2);
    expect(retry.stderr).toContain('add --yes to retry the run');
    const retryYes = await cli.run(['runs', 'retry', 'ffffffff', '--yes']);
    expect(retryYes.code).toBe(2);
    expect(retryYes.stderr).toContain('No run in the audit log starts with "ffffffff"');
  });
});
