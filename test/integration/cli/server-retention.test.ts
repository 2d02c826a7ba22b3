/**
 * `gpjobs servers retention`: the server's jobs directory changed behind a plan (now → then, and the
 * service restart said before), a confirmation (--yes), a line in the audit directory's server changes log,
 * `--clean-now` sweeping expired jobs at once, and IT's managed settings able to forbid it (said before any
 * keychain read or password prompt).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program';
import { NO_KEYCHAIN, addSim, importProfile, keys, sandbox, simulator } from './helpers';

const FINISHED = new Set(['esriJobSucceeded', 'esriJobFailed', 'esriJobCancelled', 'esriJobTimedOut']);
const edits = (sim: { requests: { url: string }[] }) =>
  sim.requests.filter((r) => /\/directories\/.*\/(edit|clean)$/.test(r.url));
/** Reads of the server directories (where the jobs directory and its retention are). */
const reads = (sim: { requests: { url: string }[] }) =>
  sim.requests.filter((r) => /\/admin\/system\/directories(\?|$)/.test(r.url)).length;

describe('gpjobs servers retention', () => {
  it('plans, changes and records the max file age, then sweeps at once with --clean-now', async () => {
    const cli = await sandbox();
    const sim = await simulator({ jobs: 80, seed: 31 });
    await addSim(cli, sim);
    const dry = await cli.run(['servers', 'retention', 'Sim', '--max-file-age', '1h', '--dry-run']);
    expect(dry.code).toBe(0);
    // One read of the jobs directory serves the plan and the edit it is built from.
    expect(reads(sim)).toBe(1);
    expect(dry.stdout).toContain(
      'Sim: jobs directory arcgisjobs, cleanup off (jobs are never removed by the server) → finished jobs kept 1 h.',
    );
    expect(dry.stdout).toContain('ArcGIS Server restarts every service that uses this directory');
    expect(edits(sim)).toEqual([]);

    const changed = await cli.run(['servers', 'retention', 'Sim', '--max-file-age', '1h', '--yes']);
    expect(changed.code).toBe(0);
    expect(reads(sim)).toBe(2);
    const log = path.join(cli.configDir, 'audit', 'server-changes.jsonl');
    expect(changed.stdout).toContain(`Changed. Recorded in ${log}.`);
    expect(JSON.parse(await fs.readFile(log, 'utf8'))).toMatchObject({
      type: 'server-retention',
      server: 'Sim',
      directory: 'arcgisjobs',
      from: { cleanupMode: 'NONE' },
      to: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAge: 60 },
      outcome: 'changed',
    });
    const shown = await cli.run(['servers', 'show', 'Sim']);
    expect(shown.stdout).toContain('Finished jobs are kept 1 h by the server.');

    const cutoff = Date.now() - 3_600_000;
    const expired = (j: { status: string; endTime: number | null; submittedTime: number }) =>
      FINISHED.has(j.status) && (j.endTime ?? j.submittedTime) < cutoff - 60_000;
    expect(sim.jobs().filter(expired).length).toBeGreaterThan(0);
    const swept = await cli.run(['servers', 'retention', 'Sim', '--clean-now', '--yes']);
    expect(swept.code).toBe(0);
    expect(keys(sim.jobs().filter(expired))).toEqual([]);
  });

  it('asked on a terminal, applies only what it showed: changed on the server before the answer, refused', async () => {
    const cli = await sandbox();
    const sim = await simulator({ jobs: 10, seed: 33 });
    await addSim(cli, sim);
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let said = '';
    stdout.on('data', (d: Buffer) => (said += d.toString()));
    // At the question, another administrator changes the retention; then the answer is yes.
    const asked = new Promise<void>((resolve) =>
      stderr.on('data', (d: Buffer) => {
        if (d.toString().includes('Change it on Sim? [y/N]')) resolve();
      }),
    );
    const io = { stdout, stderr, stdin, env: cli.env, now: Date.now };
    const running = runCli(['servers', 'retention', 'Sim', '--max-file-age', '2h'], io);
    await asked;
    const other = await cli.run(['servers', 'retention', 'Sim', '--max-file-age', '3h', '--yes']);
    expect(other.code).toBe(0);
    let errors = '';
    stderr.on('data', (d: Buffer) => (errors += d.toString()));
    stdin.write('y\n');
    expect(await running).toBe(2);
    expect(said).toContain('cleanup off (jobs are never removed by the server) → finished jobs kept 2 h.');
    expect(errors).toContain(
      'Sim: the job retention changed on the server since the preview: it showed jobs directory arcgisjobs, ' +
        'cleanup off (jobs are never removed by the server); the server now reports jobs directory ' +
        'arcgisjobs, finished jobs kept 3 h. Review the change again. Nothing was changed.',
    );
    expect(edits(sim)).toHaveLength(1);
    expect((await cli.run(['servers', 'show', 'Sim'])).stdout).toContain(
      'Finished jobs are kept 3 h by the server.',
    );
  });

  it('is refused when IT forbids it, before any request to change the server', async () => {
    const cli = await sandbox();
    const sim = await simulator({ jobs: 10, seed: 32 });
    await addSim(cli, sim);
    const managed = path.join(cli.configDir, 'it');
    await fs.mkdir(managed);
    await fs.writeFile(path.join(managed, 'settings.json'), '{"serverRetentionChanges": "forbidden"}');
    const env = { GPJOBS_MANAGED_CONFIG: path.join(managed, 'profiles.json') };
    const refused = await cli.run(['servers', 'retention', 'Sim', '--cleanup', 'off', '--yes'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Your IT department does not allow changing how long servers keep jobs');
    expect(edits(sim)).toEqual([]);
    expect(reads(sim)).toBe(0);
  });

  it("says IT's refusal before any keychain read or password prompt: no keychain, no password, no terminal", async () => {
    const cli = await sandbox();
    const sim = await simulator({ jobs: 10, seed: 34 });
    await importProfile(cli, sim.url, sim.username, sim.caPem);
    const managed = path.join(cli.configDir, 'it');
    await fs.mkdir(managed);
    const settings = path.join(managed, 'settings.json');
    await fs.writeFile(settings, '{"serverRetentionChanges": "forbidden"}');
    const env = { ...NO_KEYCHAIN, GPJOBS_MANAGED_CONFIG: path.join(managed, 'profiles.json') };
    const wishes = [
      ['--cleanup', 'off'],
      ['--max-file-age', '1h', '--dry-run'],
      ['--max-file-age', '1h', '--yes'],
    ];
    for (const wish of wishes) {
      const refused = await cli.run(['servers', 'retention', 'Sim', ...wish], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        'Your IT department does not allow changing how long servers keep jobs',
      );
      expect(refused.stderr).not.toMatch(/password|keychain|terminal/i);
    }
    expect(sim.requests).toEqual([]);

    // Allowed, the same server needs its password: the keychain is looked at, then GPJOBS_PASSWORD serves.
    await fs.writeFile(settings, '{"serverRetentionChanges": "allowed"}');
    const dry = ['servers', 'retention', 'Sim', '--max-file-age', '1h', '--dry-run'];
    const noPassword = await cli.run(dry, { env });
    expect(noPassword.code).not.toBe(0);
    expect(noPassword.stderr).toContain('GPJOBS_PASSWORD');
    const planned = await cli.run(dry, { env: { ...env, GPJOBS_PASSWORD: sim.password } });
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('finished jobs kept 1 h');
    expect(edits(sim)).toEqual([]);
  });
});
