import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim/index';
import { rawKeytar } from '../keychain/keychain-service';
import { addSim, jsonJobs, keys, sandbox, sandboxWith, simulator } from './helpers';

// Safe by default for unattended runs: an explicit scope, a hard cap, servers checked before they are
// saved. Every test runs the real executable; the simulators' state and request logs are the proof.

const mutations = (sim: Simulator) =>
  sim.requests.filter((r) => /\/(delete|cancel)$/.test(r.url.split('?')[0]!));

describe('delete and cancel need an explicit scope', () => {
  it('refuses (exit 2, no request at all) without --server/--all-servers or without a filter/--all-jobs', async () => {
    const sim = await simulator({ seed: 61, jobs: 40 });
    const cli = await sandboxWith({ Sim: sim });
    sim.requests.length = 0;
    const before = keys(sim.jobs());
    const noServer = await cli.run(['jobs', 'delete', '--status', 'failed', '--yes']);
    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toContain(
      'Name the servers to delete on: --server NAME[,NAME...], or --all-servers',
    );
    const noFilter = await cli.run(['jobs', 'cancel', '--server', 'Sim', '--yes']);
    expect(noFilter.code).toBe(2);
    expect(noFilter.stderr).toContain('Give at least one filter');
    expect(noFilter.stderr).toContain('or --all-jobs to cancel every job');
    const both = await cli.run(['jobs', 'delete', '--server', 'Sim', '--all-servers', '--all-jobs', '--yes']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/option '--all-servers' cannot be used with option '--server <names>'/);
    const allAndFilter = await cli.run([
      'jobs',
      'delete',
      '--all-servers',
      '--all-jobs',
      '--status',
      'failed',
    ]);
    expect(allAndFilter.code).toBe(2);
    expect(allAndFilter.stderr).toMatch(/option '--all-jobs' cannot be used with option '--status/);
    expect(sim.requests).toEqual([]);
    expect(keys(sim.jobs())).toEqual(before);
  });

  it('dry runs may stay unscoped; --all-jobs with --all-servers deletes every job on every server', async () => {
    const a = await simulator({ seed: 62, jobs: 30 });
    const b = await simulator({ seed: 63, jobs: 30 });
    const cli = await sandboxWith({ A: a, B: b });
    const total = a.jobs().length + b.jobs().length;
    const dry = await cli.run(['jobs', 'delete', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`${total} jobs match on 2 servers`);
    const all = await cli.run(['jobs', 'delete', '--all-servers', '--all-jobs', '--yes', '--format', 'json']);
    expect(all.code).toBe(0);
    expect(jsonJobs(all)).toHaveLength(total);
    expect(a.jobs()).toEqual([]);
    expect(b.jobs()).toEqual([]);
  });

  it('a server added later does not join a clean-up that names its servers', async () => {
    const a = await simulator({ seed: 64, jobs: 30 });
    const later = await simulator({ seed: 65, jobs: 30 });
    const cli = await sandboxWith({ A: a, Later: later });
    const untouched = keys(later.jobs());
    const run = await cli.run(['jobs', 'delete', '--server', 'a', '--status', 'failed', '--yes']);
    expect(run.code).toBe(0);
    expect(a.jobs().filter((j) => j.status === 'esriJobFailed')).toEqual([]);
    expect(keys(later.jobs())).toEqual(untouched);
    expect(mutations(later)).toEqual([]);
  });
});

describe('--max-jobs', () => {
  it('refuses a larger plan (exit 2, nothing sent); runs one within the cap', async () => {
    const sim = await simulator({ seed: 66, jobs: 120 });
    const cli = await sandboxWith({ Sim: sim });
    const failed = sim.jobs().filter((j) => j.status === 'esriJobFailed');
    expect(failed.length).toBeGreaterThan(3);
    const base = ['jobs', 'delete', '--server', 'Sim', '--status', 'failed'];
    const refused = await cli.run([...base, '--max-jobs', String(failed.length - 1), '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `The plan would delete ${failed.length} jobs, more than --max-jobs ${failed.length - 1}: refused, nothing was sent.`,
    );
    expect(mutations(sim)).toEqual([]);
    expect(keys(sim.jobs().filter((j) => j.status === 'esriJobFailed'))).toEqual(keys(failed));
    const dry = await cli.run([...base, '--max-jobs', String(failed.length - 1), '--dry-run']);
    expect(dry.code).toBe(2);
    expect(dry.stdout).toContain(`${failed.length} would be deleted`);
    expect(dry.stderr).toContain('refused, nothing was sent');
    const within = await cli.run([...base, '--max-jobs', String(failed.length), '--yes']);
    expect(within.code).toBe(0);
    expect(sim.jobs().filter((j) => j.status === 'esriJobFailed')).toEqual([]);
  });

  it('is a whole number of at least 1', async () => {
    const cli = await sandbox();
    for (const bad of ['0', '-5', '1e3', 'many']) {
      const result = await cli.run(['jobs', 'delete', '--all-servers', '--all-jobs', '--max-jobs', bad]);
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toContain('Use a whole number from 1 to 100000000');
    }
  });
});

describe('servers add signs in first', () => {
  it('a wrong password: exit 3, the reason, nothing saved; the same command then works', async () => {
    const sim = await simulator({ seed: 67, jobs: 5 });
    const cli = await sandbox();
    const args = ['servers', 'add', '--name', 'Sim', '--url', sim.url, '--username', sim.username];
    const add = [...args, '--ca-file', sim.caFile, '--password-stdin'];
    const result = await cli.run(add, { stdin: 'not-the-password\n' });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/could not sign in to "Sim", so nothing was saved: Sign-in to .* failed/);
    expect(result.stderr).toContain(
      'Fix it and run the command again (or add the server offline with --no-verify).',
    );
    expect(await (await rawKeytar()).findCredentials(cli.keychainService)).toEqual([]);
    const listed = JSON.parse((await cli.run(['servers', 'list', '--format', 'json'])).stdout) as unknown[];
    expect(listed).toEqual([]);
    const fixed = await cli.run(add, { stdin: sim.password });
    expect(fixed.code).toBe(0);
    expect((await cli.run(['jobs', 'list'])).code).toBe(0);
  });

  it('an untrusted certificate: exit 3, and the way out names --ca-file, which the same command then takes', async () => {
    const sim = await simulator({ seed: 69, jobs: 5 });
    const cli = await sandbox();
    const args = ['servers', 'add', '--name', 'Sim', '--url', sim.url, '--username', sim.username];
    const result = await cli.run([...args, '--password-stdin'], { stdin: `${sim.password}\n` });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/so nothing was saved: The certificate of .* is not trusted/);
    expect(result.stderr).toContain(
      'For a certificate your own CA issued, add its PEM file (--ca-file CA.pem) and run the command again',
    );
    const again = [...args, '--ca-file', sim.caFile, '--password-stdin'];
    expect((await cli.run(again, { stdin: sim.password })).code).toBe(0);
    expect((await cli.run(['jobs', 'list'])).code).toBe(0);
  });

  it('a right password: signed in, then saved; --no-verify saves without signing in', async () => {
    const sim = await simulator({ seed: 68, jobs: 5 });
    const cli = await sandbox();
    const added = await addSim(cli, sim);
    expect(added.stderr).toMatch(/Signed in: ArcGIS Server [\d.]+, as /);
    expect(added.stderr).toContain('Password for "Sim" saved in the keychain.');
    const before = sim.requests.length;
    const offline = await addSim(cli, sim, 'Offline', ['--no-verify'], 'typo');
    expect(offline.stderr).toContain('Not checked (--no-verify): gpjobs servers test Offline');
    expect(sim.requests.length).toBe(before);
    expect(await (await rawKeytar()).findCredentials(cli.keychainService)).toHaveLength(2);
  });
});
