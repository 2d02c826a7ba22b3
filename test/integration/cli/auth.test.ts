import { describe, expect, it } from 'vitest';
import { rawKeytar } from '../keychain/keychain-service';
import {
  NO_KEYCHAIN,
  addSim,
  importProfile,
  jsonJobs,
  keys,
  sandbox,
  sandboxWith,
  simulator,
} from './helpers';

// Passwords and sign-in: the keychain first, GPJOBS_PASSWORD for this run only, and exit code 3 when a
// server cannot be reached or signed in to.

describe('signing in', () => {
  it('a wrong password gives exit 3 with the reason in plain words, and touches no job', async () => {
    const sim = await simulator({ seed: 21, jobs: 50 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Sim', ['--no-verify'], 'not-the-password');
    const before = keys(sim.jobs());
    const listed = await cli.run(['jobs', 'list']);
    expect(listed.code).toBe(3);
    expect(listed.stderr).toMatch(
      /^gpjobs: server "Sim": Sign-in to 127\.0\.0\.1:\d+ failed; check the user name and password/,
    );
    expect(listed.stdout).toBe('');
    const deleted = await cli.run(['jobs', 'delete', '--all-servers', '--status', 'failed', '--yes']);
    expect(deleted.code).toBe(3);
    expect(keys(sim.jobs())).toEqual(before);
    const tested = await cli.run(['servers', 'test', 'sim']);
    expect(tested.code).toBe(3);
    expect(tested.stderr).toContain('check the user name and password');
  });

  it('a server that cannot be reached gives exit 3; the other servers are still listed', async () => {
    const up = await simulator({ seed: 22, jobs: 30 });
    const down = await simulator({ seed: 23, jobs: 30 });
    const cli = await sandboxWith({ Up: up, Down: down });
    await down.setDown(true);
    const result = await cli.run(['jobs', 'list', '--format', 'json']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('gpjobs: server "Down": ');
    expect(keys(JSON.parse(result.stdout) as [])).toEqual(keys(up.jobs()));
    const only = await cli.run(['jobs', 'list', '--server', 'down']);
    expect(only.code).toBe(3);
    expect(only.stdout).toBe('');
  });
});

describe('GPJOBS_PASSWORD', () => {
  it('is used for a server without a keychain entry, for this run only', async () => {
    const sim = await simulator({ seed: 24, jobs: 40 });
    const cli = await sandbox();
    await importProfile(cli, sim.url, sim.username, sim.caPem);
    const without = await cli.run(['jobs', 'list']);
    expect(without.code).toBe(3);
    expect(without.stderr).toContain(
      'No password is saved for this server: run "gpjobs servers edit Sim --password-stdin", or set GPJOBS_PASSWORD.',
    );
    const withEnv = await cli.run(['jobs', 'list', '--format', 'json'], {
      env: { GPJOBS_PASSWORD: sim.password },
    });
    expect(withEnv.code).toBe(0);
    expect(keys(jsonJobs(withEnv))).toEqual(keys(sim.jobs()));
    expect(await (await rawKeytar()).findCredentials(cli.keychainService)).toEqual([]);
    const listedServers = await cli.run(['servers', 'list', '--format', 'json'], {
      env: { GPJOBS_PASSWORD: sim.password },
    });
    expect(JSON.parse(listedServers.stdout)).toMatchObject([
      { name: 'Sim', password: 'GPJOBS_PASSWORD', onlyWithServer: false },
    ]);
  });

  it('is listed for each of several servers with the --server that makes a command use it', async () => {
    const sim = await simulator({ seed: 27, jobs: 5 });
    const cli = await sandbox();
    await importProfile(cli, sim.url, sim.username, sim.caPem);
    const renamed = await cli.run(['servers', 'edit', 'Sim', '--name', 'Sim two'], { env: NO_KEYCHAIN });
    expect(renamed.code).toBe(0);
    await importProfile(cli, sim.url.replace('127.0.0.1', 'localhost'), sim.username, sim.caPem);
    const env = { ...NO_KEYCHAIN, GPJOBS_PASSWORD: sim.password };
    const listed = await cli.run(['servers', 'list', '--format', 'json'], { env });
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { name: 'Sim two', password: 'GPJOBS_PASSWORD', onlyWithServer: true },
      { name: 'Sim', password: 'GPJOBS_PASSWORD', onlyWithServer: true },
    ]);
    const table = await cli.run(['servers', 'list'], { env });
    expect(table.stdout).toContain("GPJOBS_PASSWORD (with --server 'Sim two')");
    expect(table.stdout).toContain('GPJOBS_PASSWORD (with --server Sim)');
    // As the column says: on both servers at once it is refused, on one named alone it is used.
    const both = await cli.run(['jobs', 'list'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('GPJOBS_PASSWORD is used only when a command works on one server');
    const one = await cli.run(['jobs', 'list', '--format', 'json', '--server', 'Sim two'], { env });
    expect(keys(jsonJobs(one))).toEqual(keys(sim.jobs()));
  });

  it('does not override a keychain entry', async () => {
    const sim = await simulator({ seed: 25, jobs: 20 });
    const cli = await sandboxWith({ Sim: sim });
    const result = await cli.run(['jobs', 'list', '--format', 'json'], { env: { GPJOBS_PASSWORD: 'wrong' } });
    expect(result.code).toBe(0);
    expect(keys(jsonJobs(result))).toEqual(keys(sim.jobs()));
  });

  it('without a Secret Service: used when set; otherwise exit 3 with the keychain message', async () => {
    const sim = await simulator({ seed: 26, jobs: 20 });
    const cli = await sandbox();
    const add = [
      ...['servers', 'add', '--name', 'Sim', '--url', sim.url, '--username', sim.username],
      ...['--ca-file', sim.caFile],
    ];
    const stdinAdd = await cli.run([...add, '--password-stdin'], { stdin: sim.password, env: NO_KEYCHAIN });
    expect(stdinAdd.code).toBe(3);
    expect(stdinAdd.stderr).toContain('No keychain (Secret Service) is available on this machine');
    expect(stdinAdd.stderr).toContain('Nothing was saved ("Sim" was not kept without its password).');
    expect(stdinAdd.stdout).toBe('');
    const none = await cli.run(['servers', 'list', '--format', 'json'], { env: NO_KEYCHAIN });
    expect(JSON.parse(none.stdout)).toEqual([]);
    // So the same command, with the password in GPJOBS_PASSWORD, is not refused on the name.

    const envAdd = await cli.run(add, { env: { ...NO_KEYCHAIN, GPJOBS_PASSWORD: sim.password } });
    expect(envAdd.code).toBe(0);
    expect(envAdd.stderr).toContain('the password was not saved');
    expect(envAdd.stderr).toContain('gpjobs will use GPJOBS_PASSWORD for "Sim" when it runs.');

    const without = await cli.run(['jobs', 'list'], { env: NO_KEYCHAIN });
    expect(without.code).toBe(3);
    expect(without.stderr).toContain(
      'No keychain (Secret Service) is available on this machine: install and unlock gnome-keyring',
    );
    expect(without.stderr).toContain('With gpjobs, set GPJOBS_PASSWORD to use a password for this run only.');
    const withEnv = await cli.run(['jobs', 'list', '--format', 'json'], {
      env: { ...NO_KEYCHAIN, GPJOBS_PASSWORD: sim.password },
    });
    expect(withEnv.code).toBe(0);
    expect(keys(jsonJobs(withEnv))).toEqual(keys(sim.jobs()));
  });
});
