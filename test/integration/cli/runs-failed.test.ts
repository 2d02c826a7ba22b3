import { describe, expect, it } from 'vitest';
import { DELETE_FAILED_JSON, jsonJobs, keys, sandboxWith, simulator } from './helpers';

// After a run with failures, gpjobs names the way to the failed jobs and to retrying them; `runs show
// --failed` / `--result` list just those, with results in the one vocabulary (machine names in JSON,
// display names in tables, either accepted as a flag).

describe('failed jobs of a run', () => {
  it('the summary hints at runs show --failed and runs retry RUN; show filters by result', async () => {
    const sim = await simulator({ seed: 71, jobs: 150 });
    const cli = await sandboxWith({ Sim: sim });
    sim.addFault({
      kind: 'http500',
      rate: 1,
      match: (r) => r.path.endsWith('/delete') && r.path.includes('Buffer'),
    });
    const ran = await cli.run(DELETE_FAILED_JSON);
    expect(ran.code).toBe(1);
    const rows = jsonJobs(ran);
    const failed = rows.filter((r) => r.result === 'failed');
    const deleted = rows.filter((r) => r.result === 'deleted');
    expect(failed.length).toBeGreaterThan(0);
    expect(deleted.length).toBeGreaterThan(0);
    const run = /Details: gpjobs runs show (\w{8})\n/.exec(ran.stderr)![1]!;
    expect(ran.stderr).toContain(
      `Failed jobs only: gpjobs runs show ${run} --failed. Try them again: gpjobs runs retry ${run}`,
    );

    const onlyFailed = await cli.run(['runs', 'show', run, '--failed', '--format', 'json']);
    expect(onlyFailed.code).toBe(0);
    expect(keys(jsonJobs(onlyFailed))).toEqual(keys(failed));
    const byName = await cli.run([
      'runs',
      'show',
      run,
      '--result',
      'Deleted,already gone',
      '--format',
      'csv',
    ]);
    expect(byName.stdout.trim().split('\r\n')).toHaveLength(deleted.length + 1);
    const table = await cli.run(['runs', 'show', run, '--failed']);
    expect(table.stdout).toMatch(/RESULT/);
    expect(table.stdout).toMatch(/\bFailed\b/);
    expect(table.stdout).not.toMatch(/\bDeleted\s/);
    expect(table.stdout).not.toContain('No job of this run has the result');
    // No job with that result: said, not an empty table.
    const none = await cli.run(['runs', 'show', run, '--result', 'cancelled']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No job of this run has the result cancelled.');
    expect(none.stdout).not.toMatch(/RESULT/);
    const neither = await cli.run(['runs', 'show', run, '--result', 'Cancelled,skipped']);
    expect(neither.code).toBe(0);
    expect(neither.stdout).toContain('No job of this run has the result cancelled or skipped.');
    expect(neither.stdout).not.toMatch(/RESULT/);
    const before = sim.requests.length;
    const capped = await cli.run(['runs', 'retry', run, '--max-jobs', String(failed.length - 1), '--yes']);
    expect(capped.code).toBe(2);
    expect(capped.stderr).toContain(`The plan would retry ${failed.length} jobs, more than --max-jobs`);
    expect(sim.requests.length).toBe(before);
    const bad = await cli.run(['runs', 'show', run, '--result', 'gone']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'Unknown result "gone". Use deleted, cancelled, already-gone, skipped, failed.',
    );
  });
});
