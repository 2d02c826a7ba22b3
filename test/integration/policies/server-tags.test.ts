/**
 * Server tags through the real `gpjobs`: tags set with `servers add/edit --tags` are shown by `servers
 * list/show`, and a policy scoped with `--server-tag` deletes exactly its jobs on the two tagged simulators
 * while the untagged third gets no delete request at all.
 */
import { describe, expect, it } from 'vitest';
import type { SimJob, Simulator } from '../../arcgis-sim/index';
import { addSim, keys, sandbox, simulator } from '../cli/helpers';

const mutations = (sim: Simulator) =>
  sim.requests.filter((r) => /\/(delete|cancel)$/.test(r.url.split('?')[0]!));
const failed = (j: SimJob) => j.status === 'esriJobFailed';

describe('gpjobs policies scoped by server tag', () => {
  it('runs on every server carrying the tag and leaves an untagged server untouched', async () => {
    const [a, b, c] = await Promise.all([
      simulator({ seed: 5, jobs: 120 }),
      simulator({ seed: 6, jobs: 120 }),
      simulator({ seed: 7, jobs: 120 }),
    ]);
    const cli = await sandbox();
    await addSim(cli, a, 'Alpha', ['--tags', 'Staging,emea']);
    await addSim(cli, b, 'Beta');
    await addSim(cli, c, 'Gamma', ['--tags', 'emea']);
    expect((await cli.run(['servers', 'edit', 'Beta', '--tags', 'staging'])).code).toBe(0);
    expect((await cli.run(['servers', 'show', 'Alpha'])).stdout).toContain('Tags:         staging, emea');
    const listed = JSON.parse((await cli.run(['servers', 'list', '--format', 'json'])).stdout) as Array<{
      name: string;
      tags?: string[];
    }>;
    expect(listed.map((p) => [p.name, p.tags ?? []])).toEqual([
      ['Alpha', ['staging', 'emea']],
      ['Beta', ['staging']],
      ['Gamma', ['emea']],
    ]);
    const bad = await cli.run(['servers', 'edit', 'Gamma', '--tags', 'two words']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"two words" is not a tag');

    const add = ['policies', 'add', 'Staging failed', '--server-tag', 'staging', '--status', 'failed'];
    expect((await cli.run([...add, '--max-jobs', '5000'])).code).toBe(0);
    expect((await cli.run(['policies', 'show', 'Staging failed'])).stdout).toContain(
      'on servers tagged staging',
    );
    const expected = [a, b].map((s) => s.jobs().filter(failed).length);
    expect(expected.every((n) => n > 0)).toBe(true);
    const kept = [a, b].map((s) => keys(s.jobs().filter((j) => !failed(j))));
    const untouched = keys(c.jobs());
    expect(c.jobs().some(failed)).toBe(true);

    const ran = await cli.run(['policies', 'run', 'Staging failed', '--yes']);
    expect(ran.stderr).not.toContain('gpjobs:');
    expect(ran.code).toBe(0);
    for (const [i, sim] of [a, b].entries()) {
      expect(keys(sim.jobs())).toEqual(kept[i]);
      expect(mutations(sim)).toHaveLength(expected[i]!);
    }
    expect(keys(c.jobs())).toEqual(untouched);
    expect(mutations(c)).toEqual([]);

    // Without the tag, the policy covers no server: it is refused by name, and nothing is sent.
    expect((await cli.run(['servers', 'edit', 'Alpha', '--no-tags'])).code).toBe(0);
    expect((await cli.run(['servers', 'edit', 'Beta', '--no-tags'])).code).toBe(0);
    expect((await cli.run(['servers', 'show', 'Beta'])).stdout).toContain('Tags:         none');
    const none = await cli.run(['policies', 'run', 'Staging failed', '--yes']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('no server carries that tag (tags in use: "emea")');
  });
});
