/**
 * Clean-up policies through the real `gpjobs` executable against two simulators: a policy added with the
 * CLI deletes exactly its jobs on both, the cap refuses an oversized plan before any job request, and a
 * policy from IT's managed file is listed but cannot be edited or removed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimJob, Simulator } from '../../arcgis-sim/index';
import { DEFAULT_GPJOBS_CMD, installedGpjobs } from '../../../electron/core';
import type { CliSandbox } from '../cli/helpers';
import { addSim, keys, sandbox, simulator } from '../cli/helpers';

const DAY = 86_400_000;
const mutations = (sim: Simulator) =>
  sim.requests.filter((r) => /\/(delete|cancel)$/.test(r.url.split('?')[0]!));

async function twoServers(): Promise<{ cli: CliSandbox; a: Simulator; b: Simulator }> {
  const [a, b] = await Promise.all([simulator({ seed: 3, jobs: 160 }), simulator({ seed: 4, jobs: 160 })]);
  const cli = await sandbox();
  await addSim(cli, a, 'Alpha');
  await addSim(cli, b, 'Beta');
  return { cli, a, b };
}

/** Failed or timed-out jobs in folder Tools that ended more than a day ago: what the policy below takes. */
const taken = (now: number) => (j: SimJob) =>
  j.service.startsWith('Tools/') &&
  (j.status === 'esriJobFailed' || j.status === 'esriJobTimedOut') &&
  j.endTime !== null &&
  j.endTime < now - DAY;

const ADD = [
  ...['policies', 'add', 'Nightly failed', '--all-servers', '--service', 'Tools/*'],
  ...['--status', 'failed,timed-out', '--ended-older-than', '1d', '--max-jobs', '5000'],
];

describe('gpjobs policies', () => {
  it('a policy added in the CLI deletes exactly its jobs on two servers, in a run tagged with its name', async () => {
    const { cli, a, b } = await twoServers();
    expect((await cli.run(ADD)).code).toBe(0);
    const shown = await cli.run(['policies', 'show', 'nightly FAILED']);
    // The scheduled lines name gpjobs by its full path (cron's and a task's PATH may not hold it).
    expect(shown.stdout).toContain(
      `0 2 * * * ${installedGpjobs().posix} policies run 'Nightly failed' --yes`,
    );
    expect(shown.stdout).toContain('schtasks /Create /SC DAILY /ST 02:00');
    expect(shown.stdout).toContain(
      `/TR "\\"${DEFAULT_GPJOBS_CMD}\\" policies run \\"Nightly failed\\" --yes"`,
    );
    const before = Date.now();
    const expected = [a, b].map((s) => s.jobs().filter(taken(before)));
    expect(expected[0]!.length).toBeGreaterThan(0);
    expect(expected[1]!.length).toBeGreaterThan(0);
    const kept = [a, b].map((s) => s.jobs().filter((j) => !taken(Date.now() + 60_000)(j)));

    const dry = await cli.run(['policies', 'run', 'Nightly failed', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(mutations(a).concat(mutations(b))).toEqual([]);

    const ran = await cli.run(['policies', 'run', 'Nightly failed', '--yes']);
    expect(ran.stderr).not.toContain('gpjobs:');
    expect(ran.code).toBe(0);
    for (const [i, sim] of [a, b].entries()) {
      expect(keys(sim.jobs().filter(taken(Date.now())))).toEqual([]);
      expect(keys(sim.jobs())).toEqual(keys(kept[i]!));
      expect(mutations(sim)).toHaveLength(expected[i]!.length);
    }
    const runs = JSON.parse((await cli.run(['policies', 'list', '--format', 'json'])).stdout) as Array<{
      name: string;
      lastRun: { policy: string; counts: { deleted: number } } | null;
    }>;
    expect(runs[0]!.lastRun?.policy).toBe('Nightly failed');
    expect(runs[0]!.lastRun?.counts.deleted).toBe(expected[0]!.length + expected[1]!.length);
  });

  it("refuses a plan over the policy's cap before any job request", async () => {
    const { cli, a, b } = await twoServers();
    const add = [
      'policies',
      'add',
      'Small',
      '--server',
      'Alpha,Beta',
      '--status',
      'succeeded',
      '--max-jobs',
      '3',
    ];
    expect((await cli.run(add)).code).toBe(0);
    const matching = a
      .jobs()
      .concat(b.jobs())
      .filter((j) => j.status === 'esriJobSucceeded').length;
    expect(matching).toBeGreaterThan(3);
    const ran = await cli.run(['policies', 'run', 'Small', '--yes']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      `would delete ${matching} jobs, more than its cap of 3: refused, nothing was sent`,
    );
    expect(mutations(a).concat(mutations(b))).toEqual([]);
    const clean = await cli.run(['clean', '--yes']);
    expect(clean.code).toBe(2);
    expect(clean.stdout).toMatch(/Small\s+refused/);
    expect(mutations(a).concat(mutations(b))).toEqual([]);
  });

  it('lists a managed policy as managed and refuses to edit or remove it', async () => {
    const cli = await sandbox();
    const managedDir = path.join(cli.configDir, 'it');
    await fs.mkdir(managedDir);
    const managed = {
      version: 1,
      policies: [{ name: 'IT sweep', servers: 'all', statuses: ['esriJobFailed'], olderThan: '30d' }],
    };
    await fs.writeFile(path.join(managedDir, 'policies.json'), JSON.stringify(managed));
    const env = { GPJOBS_MANAGED_CONFIG: path.join(managedDir, 'profiles.json') };
    const list = await cli.run(['policies', 'list', '--format', 'json'], { env });
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'IT sweep', managed: true, maxJobs: 1000 }]);
    const edit = await cli.run(['policies', 'edit', 'it sweep', '--max-jobs', '5'], { env });
    expect(edit.code).toBe(2);
    expect(edit.stderr).toContain(
      'Policy "IT sweep" is provided by your IT department (managed) and cannot be changed here.',
    );
    const removed = await cli.run(['policies', 'remove', 'IT sweep'], { env });
    expect(removed.code).toBe(2);
    expect(removed.stderr).toContain('cannot be deleted here');
    expect(await fs.readFile(path.join(managedDir, 'policies.json'), 'utf8')).toBe(JSON.stringify(managed));
  });

  it('export and import move policies; an import run again exits 0, a bad entry exits 1', async () => {
    const from = await sandbox();
    const add = ['policies', 'add', 'Nightly', '--all-servers', '--status', 'failed', '--older-than', '7d'];
    expect((await from.run(add)).code).toBe(0);
    const file = path.join(from.configDir, 'exported.json');
    expect((await from.run(['policies', 'export', '-o', file])).code).toBe(0);
    const to = await sandbox();
    const first = await to.run(['policies', 'import', file]);
    expect(first).toMatchObject({ code: 0, stdout: '  added: Nightly\nAdded 1, skipped 0.\n' });
    const listed = JSON.parse((await to.run(['policies', 'list', '--format', 'json'])).stdout) as unknown[];
    expect(listed).toMatchObject([{ name: 'Nightly', servers: 'all', olderThan: '7d' }]);
    const again = await to.run(['policies', 'import', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('  skipped: Nightly: a policy with this name already exists\n');
    const exported = JSON.parse(await fs.readFile(file, 'utf8')) as { policies: unknown[] };
    exported.policies.push({ name: 'Broken', statuses: 'failed' });
    await fs.writeFile(file, JSON.stringify(exported));
    const bad = await to.run(['policies', 'import', file]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/ {2}skipped: Broken: .+\n/);
  });

  it('an edit that disables a policy says gpjobs clean skips it, and how to turn it back on', async () => {
    const cli = await sandbox();
    expect((await cli.run(['policies', 'add', 'Sweep', '--all-servers', '--status', 'failed'])).code).toBe(0);
    const off = await cli.run(['policies', 'edit', 'Sweep', '--disabled']);
    expect(off).toMatchObject({ code: 0 });
    expect(off.stdout).toBe(
      'Updated policy "Sweep": Failed jobs on all servers. Disabled: "gpjobs clean" skips it (--enabled turns it back on).\n',
    );
    const on = await cli.run(['policies', 'edit', 'Sweep', '--enabled']);
    expect(on.stdout).toBe('Updated policy "Sweep": Failed jobs on all servers.\n');
  });

  it('strict flags: a policy needs servers and a filter, and a bad age is a usage error', async () => {
    const cli = await sandbox();
    const noServers = await cli.run(['policies', 'add', 'X', '--status', 'failed']);
    expect(noServers.code).toBe(2);
    expect(noServers.stderr).toContain(
      '--server NAME[,NAME...], --server-tag TAG[,TAG...], or --all-servers',
    );
    const noFilter = await cli.run(['policies', 'add', 'X', '--all-servers']);
    expect(noFilter.code).toBe(2);
    expect(noFilter.stderr).toContain('Give at least one filter');
    const badAge = await cli.run(['policies', 'add', 'X', '--all-servers', '--older-than', '7 days']);
    expect(badAge.code).toBe(2);
    expect(badAge.stderr).toContain('"7 days" is not a duration');
    const unknown = await cli.run(['policies', 'run', 'Nope', '--yes']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no policy named "Nope"');
    await expect(fs.access(path.join(cli.configDir, 'policies.json'))).rejects.toThrow();
  });
});
