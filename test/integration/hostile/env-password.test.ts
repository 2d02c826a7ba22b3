/**
 * A password from the environment reaches only the server it was meant for: GPJOBS_PASSWORD serves a
 * command on one server only, and the credentials file gives each server its own line, used only when
 * nobody but its owner can read it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim/index';
import type { CliSandbox } from '../cli/helpers';
import { jsonJobs, keys, sandbox, simulator } from '../cli/helpers';

/** Two simulators, A and B (seeds `seed` and `seed + 1`), imported without passwords into a new sandbox. */
async function twoServersWithoutPasswords(seed: number) {
  const a = await simulator({ seed, jobs: 10 });
  const b = await simulator({ seed: seed + 1, jobs: 10 });
  const cli = await sandbox();
  await importProfiles(cli, { A: a, B: b });
  return { a, b, cli };
}

/** Profiles without keychain entries, made by importing a profiles file. */
async function importProfiles(cli: CliSandbox, sims: Record<string, Simulator>): Promise<void> {
  const profiles = Object.entries(sims).map(([name, sim]) => ({
    name,
    serverUrl: sim.url,
    username: sim.username,
    caCertPem: sim.caPem,
  }));
  const imported = await cli.run(['servers', 'import', '-'], {
    stdin: JSON.stringify({ version: 1, profiles }),
  });
  expect(imported.code).toBe(0);
}

/** Every password any request to `sim` carried. */
const passwordsSeen = (sim: Simulator) =>
  sim.requests.map((r) => r.params.password).filter((p): p is string => p !== undefined);

describe('GPJOBS_PASSWORD goes to one server only', () => {
  it('is refused for a command on two servers, and the second server never receives it', async () => {
    const { a, b, cli } = await twoServersWithoutPasswords(61);
    const both = await cli.run(['jobs', 'list', '--format', 'json'], {
      env: { GPJOBS_PASSWORD: a.password },
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('GPJOBS_PASSWORD is used only when a command works on one server');
    expect(passwordsSeen(a)).toEqual([]);
    expect(passwordsSeen(b)).toEqual([]);

    const onlyA = await cli.run(['jobs', 'list', '--server', 'A', '--format', 'json'], {
      env: { GPJOBS_PASSWORD: a.password },
    });
    expect(onlyA.code).toBe(0);
    expect(keys(jsonJobs(onlyA))).toEqual(keys(a.jobs()));
    expect(passwordsSeen(a).length).toBeGreaterThan(0);
    expect(passwordsSeen(b)).toEqual([]);
    const tested = await cli.run(['servers', 'test'], { env: { GPJOBS_PASSWORD: a.password } });
    expect(tested.code).toBe(2);
    expect(passwordsSeen(b)).toEqual([]);
  });
});

describe('the credentials file', () => {
  it('gives each server its own password, and is refused while others may read it', async () => {
    const { a, b, cli } = await twoServersWithoutPasswords(63);
    const file = path.join(cli.configDir, 'credentials');
    const text = [
      '# server URL, user name, password (the rest of the line)',
      `${a.url} ${a.username} ${a.password}`,
      '',
      `${b.url}/rest/services ${b.username} ${b.password}`,
    ].join('\n');
    await fs.writeFile(file, text, { mode: 0o644 });
    await fs.chmod(file, 0o644);
    const open = await cli.run(['jobs', 'list', '--format', 'json']);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain(
      `The credentials file ${file} was not used: other users may read or change it (mode 644). Run: chmod 600 ${file}`,
    );
    expect(passwordsSeen(a)).toEqual([]);

    await fs.chmod(file, 0o600);
    const listed = await cli.run(['jobs', 'list', '--format', 'json']);
    expect(listed.code).toBe(0);
    expect(keys(jsonJobs(listed)).sort()).toEqual([...keys(a.jobs()), ...keys(b.jobs())].sort());
    expect(new Set(passwordsSeen(a))).toEqual(new Set([a.password]));
    expect(new Set(passwordsSeen(b))).toEqual(new Set([b.password]));
    const servers = await cli.run(['servers', 'list', '--format', 'json']);
    expect(JSON.parse(servers.stdout)).toMatchObject([
      { name: 'A', password: 'credentials file' },
      { name: 'B', password: 'credentials file' },
    ]);
  });

  it('names a malformed line by its number without showing it', async () => {
    const a = await simulator({ seed: 65, jobs: 5 });
    const cli = await sandbox();
    await importProfiles(cli, { A: a });
    const file = path.join(cli.configDir, 'credentials');
    await fs.writeFile(file, `${a.url} only-two-fields\n`, { mode: 0o600 });
    const r = await cli.run(['jobs', 'list']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('line 1 is not "<server URL> <user name> <password>"');
    expect(r.stderr).not.toContain('only-two-fields');
  });
});
