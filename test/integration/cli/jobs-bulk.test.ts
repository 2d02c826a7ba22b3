import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim/index';
import { RESULT_COLUMNS } from '../../../electron/cli/output';
import type { CliResult, CliSandbox, JsonJob } from './helpers';
import { addSim, CLI, jsonJobs, keys, sandboxWith, simulator } from './helpers';

// `gpjobs jobs delete` and `jobs cancel`: every test gets fresh simulators, whose state is the proof.

async function setUp(): Promise<{ cli: CliSandbox; sim: Simulator }> {
  const sim = await simulator({ seed: 11, jobs: 250 });
  const cli = await sandboxWith({ Sim: sim });
  return { cli, sim };
}

/** Runs a delete or cancel without asking, results as JSON: how it ended, and the result rows. */
async function runYesJson(
  cli: CliSandbox,
  args: readonly string[],
): Promise<CliResult & { rows: JsonJob[] }> {
  const result = await cli.run([...args, '--yes', '--format', 'json']);
  return { ...result, rows: jsonJobs(result) };
}

/** Deletes every Succeeded job on the server named Sim, without asking. */
const DELETE_SUCCEEDED = ['jobs', 'delete', '--server', 'Sim', '--status', 'succeeded', '--yes'];

/** Jobs as comparable snapshots (status and times included). */
const snapshot = (sim: Simulator) =>
  sim
    .jobs()
    .map(({ messages: _m, ...j }) => j)
    .sort((a, b) => a.jobId.localeCompare(b.jobId));

describe('gpjobs jobs delete', () => {
  it('--dry-run prints the plan and changes nothing', async () => {
    const { cli, sim } = await setUp();
    const before = snapshot(sim);
    const matching = sim
      .jobs()
      .filter((j) => j.status === 'esriJobFailed' || j.status === 'esriJobExecuting');
    const executing = matching.filter((j) => j.status === 'esriJobExecuting').length;
    const result = await cli.run([
      'jobs',
      'delete',
      '--status',
      'failed',
      '--status',
      'executing',
      '--dry-run',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Dry run: nothing was changed. ${matching.length} jobs match on 1 server; ${matching.length} would be deleted, 0 skipped.`,
    );
    expect(result.stdout).toContain(`${executing} running jobs would be cancelled first, then deleted.`);
    expect(result.stdout).toContain(
      `  Sim (8 requests at a time): ${matching.length} to delete, 0 skipped, ${executing} running.`,
    );
    expect(result.stdout).toMatch(/SERVER\s+SERVICE\s+TYPE\s+STATUS\s+JOBS\s+TO DELETE\s+SKIPPED/);
    const bufferFailed = matching.filter((j) => j.service === 'Tools/Buffer' && j.status === 'esriJobFailed');
    expect(result.stdout).toMatch(
      new RegExp(`Sim\\s+Tools/Buffer\\s+GP\\s+Failed\\s+${bufferFailed.length}\\s`),
    );
    expect(snapshot(sim)).toEqual(before);
    expect(sim.requests.filter((r) => /\/(delete|cancel)$/.test(r.url.split('?')[0]!))).toEqual([]);

    const json = jsonJobs(
      await cli.run(['jobs', 'delete', '--status', 'failed', '--dry-run', '--format', 'json']),
    );
    expect(new Set(json.map((j) => j.result))).toEqual(new Set(['planned']));
    expect(keys(json)).toEqual(keys(sim.jobs().filter((j) => j.status === 'esriJobFailed')));
    expect(snapshot(sim)).toEqual(before);
  });

  it('prints a plan and a run of more than a thousand jobs as one JSON array (and the plan as one CSV)', async () => {
    const sim = await simulator({ seed: 12, jobs: 2_600 });
    const cli = await sandboxWith({ Sim: sim });
    const succeeded = sim.jobs().filter((j) => j.status === 'esriJobSucceeded');
    // More rows than one printed slice (1,000), so the slices' seams are in the output.
    expect(succeeded.length).toBeGreaterThan(1_000);
    const dry = ['jobs', 'delete', '--status', 'succeeded', '--dry-run', '--format'];
    const json = await cli.run([...dry, 'json']);
    expect(json.code).toBe(0);
    const rows = jsonJobs(json);
    expect(json.stdout).toBe(`${JSON.stringify(rows, null, 2)}\n`);
    expect(keys(rows).sort()).toEqual(keys(succeeded).sort());
    expect(new Set(rows.map((r) => r.result))).toEqual(new Set(['planned']));
    const csv = await cli.run([...dry, 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(RESULT_COLUMNS.join(','));
    expect(lines.at(-1)).toBe('');
    expect(
      lines
        .slice(1, -1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(rows.map((r) => r.jobId).sort());
    // The run's results, printed the same way.
    const ran = await runYesJson(cli, ['jobs', 'delete', '--server', 'Sim', '--status', 'succeeded']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe(`${JSON.stringify(ran.rows, null, 2)}\n`);
    expect(keys(ran.rows).sort()).toEqual(keys(succeeded).sort());
    expect(new Set(ran.rows.map((r) => r.result))).toEqual(new Set(['deleted']));
  });

  it('deletes exactly the jobs matching the filters', async () => {
    const { cli, sim } = await setUp();
    const age = 3 * 86_400_000;
    const kind = (j: { service: string; status: string }) =>
      j.service === 'Tools/Buffer' && j.status === 'esriJobSucceeded';
    const all = sim.jobs();
    const before = Date.now();
    const args = [
      'jobs',
      'delete',
      '--server',
      'Sim',
      '--service',
      'Tools/Buffer',
      '--status',
      'succeeded',
      '--older-than',
      '3d',
    ];
    const result = await cli.run([...args, '--yes', '--format', 'json']);
    const after = Date.now();
    expect(result.code).toBe(0);
    const rows = jsonJobs(result);
    // The CLI's cut-off lies between before - 3d and after - 3d: jobs outside that window are decided.
    const surely = all.filter((j) => kind(j) && j.submittedTime < before - age);
    const maybe = all.filter((j) => kind(j) && j.submittedTime < after - age);
    expect(surely.length).toBeGreaterThan(5);
    const deleted = keys(rows);
    for (const key of keys(surely)) expect(deleted).toContain(key);
    for (const key of deleted) expect(keys(maybe)).toContain(key);
    expect(rows.every((r) => r.result === 'deleted')).toBe(true);
    expect(keys(sim.jobs())).toEqual(keys(all).filter((k) => !deleted.includes(k)));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(RESULT_COLUMNS);
      expect(row).toMatchObject({
        server: 'Sim',
        service: 'Tools/Buffer',
        status: 'esriJobSucceeded',
        message: null,
      });
    }
    expect(result.stderr).toContain(
      `delete: ${rows.length}/${rows.length} done (100%): deleted ${rows.length}`,
    );
  });

  it('prints the summary table in table format', async () => {
    const { cli, sim } = await setUp();
    const failed = sim.jobs().filter((j) => j.status === 'esriJobFailed');
    const result = await cli.run(['jobs', 'delete', '--server', 'Sim', '--status', 'failed', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/SERVER\s+DELETED\s+ALREADY GONE\s+SKIPPED\s+FAILED\s+TOTAL/);
    expect(result.stdout).toMatch(new RegExp(`Sim\\s+${failed.length}\\s+0\\s+0\\s+0\\s+${failed.length}`));
    expect(result.stdout).toMatch(/Details: gpjobs runs show [0-9a-f]{8}/);
    expect(sim.jobs().filter((j) => j.status === 'esriJobFailed')).toEqual([]);
  });

  it('refuses to run without --yes when not on a terminal, before contacting any server', async () => {
    const { cli, sim } = await setUp();
    const before = snapshot(sim);
    sim.requests.length = 0;
    const result = await cli.run(['jobs', 'delete', '--server', 'Sim', '--status', 'failed']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('add --yes to delete the matching jobs');
    expect(result.stderr).toContain('Nothing was changed.');
    expect(sim.requests).toEqual([]);
    expect(snapshot(sim)).toEqual(before);
  });

  it('a failing server gives exit 1 and every job its reason, while the other server is cleaned', async () => {
    const { cli, sim } = await setUp();
    const healthy = await simulator({ seed: 12, jobs: 60 });
    await addSim(cli, healthy, 'Healthy');
    sim.addFault({ kind: 'http500', rate: 1, match: (r) => r.path.endsWith('/delete') });
    const failing = sim.jobs().filter((j) => j.status === 'esriJobFailed');
    const fine = healthy.jobs().filter((j) => j.status === 'esriJobFailed');
    const { code, rows, stderr } = await runYesJson(cli, [
      'jobs',
      'delete',
      '--all-servers',
      '--status',
      'failed',
    ]);
    expect(code).toBe(1);
    const bad = rows.filter((r) => r.server === 'Sim');
    expect(keys(bad)).toEqual(keys(failing));
    for (const row of bad) {
      expect(row.result).toBe('failed');
      expect(row.message).toMatch(/reported an error \(code 500\)/);
    }
    const good = rows.filter((r) => r.server === 'Healthy');
    expect(keys(good)).toEqual(keys(fine));
    expect(good.every((r) => r.result === 'deleted' && r.message === null)).toBe(true);
    expect(keys(sim.jobs().filter((j) => j.status === 'esriJobFailed'))).toEqual(keys(failing));
    expect(healthy.jobs().filter((j) => j.status === 'esriJobFailed')).toEqual([]);
    expect(stderr).toMatch(/Sim\s+0\s+0\s+0\s+\d+\s+\d+/);
  });

  it('--concurrency sets the simultaneous requests of the run, below or above the profile’s own', async () => {
    /** Most requests open on the simulator whenever a delete arrived. */
    const peakDuringDeletes = async (extra: string[]): Promise<number> => {
      const sim = await simulator({ seed: 13, jobs: 150, latencyMs: 25 });
      const cli = await sandboxWith({ Sim: sim });
      let peak = 0;
      sim.onRequest((r) => {
        if (r.url.split('?')[0]!.endsWith('/delete')) peak = Math.max(peak, sim.stats.inFlight);
      });
      const result = await cli.run([...DELETE_SUCCEEDED, ...extra]);
      expect(result.code).toBe(0);
      return peak;
    };
    expect(await peakDuringDeletes(['--concurrency', '2'])).toBeLessThanOrEqual(2);
    expect(await peakDuringDeletes([])).toBeGreaterThan(2);
    expect(await peakDuringDeletes(['--concurrency', '16'])).toBeGreaterThan(8);
    const { cli } = await setUp();
    const plan = await cli.run(['jobs', 'delete', '--status', 'failed', '--dry-run', '--concurrency', '2']);
    expect(plan.stdout).toContain('Sim (2 requests at a time)');
  });

  it('Ctrl-C stops the run: requests in flight finish, the rest is left alone, exit 1', async () => {
    const { cli, sim } = await setUp();
    sim.addFault({ kind: 'slow', delayMs: 150, match: (r) => r.path.endsWith('/delete') });
    const targets = sim.jobs().filter((j) => j.status === 'esriJobSucceeded');
    const env = Object.fromEntries(Object.entries(cli.env).filter(([, v]) => v !== undefined));
    const args = [...DELETE_SUCCEEDED, '--concurrency', '2', '--format', 'json'];
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (!stderr.includes('delete: ') && (stderr + d).includes('delete: ')) child.kill('SIGINT');
      stderr += d;
    });
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('Stopping: no new requests; waiting for those in flight');
    expect(stderr).toContain('stopped early: Interrupted (Ctrl-C).');
    const rows = jsonJobs({ code, stdout, stderr });
    expect(keys(rows)).toEqual(keys(targets));
    const deleted = rows.filter((r) => r.result === 'deleted');
    const notStarted = rows.filter((r) => r.result === 'skipped');
    expect(deleted.length).toBeGreaterThan(0);
    expect(notStarted.length).toBeGreaterThan(0);
    expect(deleted.length + notStarted.length).toBe(rows.length);
    for (const row of deleted) expect(sim.getJob(row.service, row.jobId)).toBeUndefined();
    for (const row of notStarted) expect(sim.getJob(row.service, row.jobId)?.status).toBe('esriJobSucceeded');
  });

  it('with nothing matching, says so and exits 0', async () => {
    const { cli } = await setUp();
    const result = await cli.run(['jobs', 'delete', '--server', 'Sim', '--user', 'nobody-at-all', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('No jobs match: nothing to delete.\n');
    const json = await runYesJson(cli, ['jobs', 'delete', '--server', 'sim', '--user', 'nobody-at-all']);
    expect(json).toMatchObject({ code: 0, rows: [] });
  });
});

describe('gpjobs jobs cancel', () => {
  it('cancels Submitted and Executing jobs and skips the others with a reason', async () => {
    const { cli, sim } = await setUp();
    const inService = sim.jobs().filter((j) => j.service === 'Tools/Buffer');
    const eligible = inService.filter(
      (j) => j.status === 'esriJobSubmitted' || j.status === 'esriJobExecuting',
    );
    const ineligible = inService.filter((j) => !eligible.includes(j));
    expect(eligible.length).toBeGreaterThan(0);
    expect(ineligible.length).toBeGreaterThan(0);
    const args = ['jobs', 'cancel', '--server', 'Sim', '--service', 'Tools/Buffer'];
    // The plan's server line counts no "running" jobs apart: every job a cancel takes is running.
    const plan = await cli.run([...args, '--dry-run']);
    expect(plan.stdout).toContain(
      `  Sim (8 requests at a time): ${eligible.length} to cancel, ${ineligible.length} skipped.\n`,
    );
    const { code, rows } = await runYesJson(cli, args);
    expect(code).toBe(0);
    expect(keys(rows.filter((r) => r.result === 'cancelled'))).toEqual(keys(eligible));
    const skipped = rows.filter((r) => r.result === 'skipped');
    expect(keys(skipped)).toEqual(keys(ineligible));
    for (const row of skipped) {
      expect(row.message).toMatch(
        /^Not cancellable: the job is [\w ]+; cancel applies only to Submitted and Executing jobs\.$/,
      );
    }
    for (const job of ineligible) expect(sim.getJob(job.service, job.jobId)!.status).toBe(job.status);
    for (const job of eligible) await sim.waitForJob(job.service, job.jobId, 'esriJobCancelled');
  });
});
