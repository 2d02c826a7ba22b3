import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimJob, Simulator } from '../../arcgis-sim/index';
import { startSimulator } from '../../arcgis-sim/index';
import type { CliSandbox, JsonJob } from './helpers';
import { addSim, jsonJobs, sandbox } from './helpers';

// `gpjobs` on a site with GP, map and image services: every job is listed with its service type, `--type`
// narrows strictly, and a delete of the Export Tiles jobs removes exactly those.

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 11, jobs: 80, tileServices: true, tileJobs: 24 });
});
afterAll(async () => {
  await sim.close();
});

const TILES_ONLY = ['--type', 'map,image'];
const LABEL: Record<string, string> = { MapServer: 'Map', ImageServer: 'Image' };
/** `Folder/Name Type jobId` of a simulator job, as the CLI names it. */
function simKey(j: SimJob): string {
  const typed = /^(.*)\.(MapServer|ImageServer)$/.exec(j.service);
  return typed ? `${typed[1]} ${LABEL[typed[2]!]} ${j.jobId}` : `${j.service} GP ${j.jobId}`;
}
const cliKey = (j: JsonJob & { serviceType?: string }) => `${j.service} ${j.serviceType} ${j.jobId}`;
const where = (test: (j: SimJob) => boolean) => sim.jobs().filter(test).map(simKey).sort();
const isTiles = (j: SimJob) => /\.(MapServer|ImageServer)$/.test(j.service);

async function withSim(): Promise<CliSandbox> {
  const cli = await sandbox();
  await addSim(cli, sim);
  return cli;
}

describe('gpjobs and service types', () => {
  it('jobs list shows every job of every type with its type, in JSON and in the table', async () => {
    const cli = await withSim();
    const jobs = jsonJobs(await cli.run(['jobs', 'list', '--format', 'json']));
    expect(jobs.map(cliKey).sort()).toEqual(where(() => true));
    expect(new Set(jobs.map((j) => (j as { serviceType?: string }).serviceType))).toEqual(
      new Set(['GP', 'Map', 'Image']),
    );
    const table = await cli.run(['jobs', 'list', '--type', 'image'], { env: { COLUMNS: '200' } });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/SERVICE\s+TYPE\s+JOB ID/);
    expect(table.stdout).toMatch(/Imagery\/Elevation\s+Image\s+j[0-9a-f]{32}_et/);
  });

  it('--type narrows to the types named (comma list, any case) and refuses unknown words', async () => {
    const cli = await withSim();
    const tiles = jsonJobs(await cli.run(['jobs', 'list', '--type', 'Map,image', '--format', 'json']));
    expect(tiles.map(cliKey).sort()).toEqual(where(isTiles));
    const gp = jsonJobs(await cli.run(['jobs', 'list', '--type', 'gp', '--format', 'json']));
    expect(gp.map(cliKey).sort()).toEqual(where((j) => !isTiles(j)));
    const bad = await cli.run(['jobs', 'list', '--type', 'maps']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown service type "maps". Use gp, map, image');
    expect(bad.stdout).toBe('');
  });

  it('a server added with --types scans only those types, and says so', async () => {
    const cli = await sandbox();
    await addSim(cli, sim, 'Sim', ['--types', 'image']);
    const jobs = jsonJobs(await cli.run(['jobs', 'list', '--format', 'json']));
    expect(jobs.map(cliKey).sort()).toEqual(where((j) => j.service.endsWith('.ImageServer')));
    expect((await cli.run(['servers', 'show', 'Sim'])).stdout).toContain('Jobs of:      Image services');
    const bad = await cli.run(['servers', 'edit', 'Sim', '--types', 'vector']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown service type "vector"');
    expect((await cli.run(['servers', 'edit', 'Sim', '--types', 'gp,map,image'])).code).toBe(0);
    const all = jsonJobs(await cli.run(['jobs', 'list', '--format', 'json']));
    expect(all.map(cliKey).sort()).toEqual(where(() => true));
  });

  it('a delete of the export-tiles jobs removes exactly those', async () => {
    const cli = await withSim();
    const gpBefore = where((j) => !isTiles(j));
    const tiles = where(isTiles);
    expect(tiles.length).toBe(24);
    const run = await cli.run([
      ...['jobs', 'delete', '--server', 'Sim'],
      ...TILES_ONLY,
      '--yes',
      '--format',
      'json',
    ]);
    const results = jsonJobs(run);
    expect(results.map(cliKey).sort()).toEqual(tiles);
    expect(results.every((r) => r.result === 'deleted')).toBe(true);
    expect(where(isTiles)).toEqual([]);
    expect(where((j) => !isTiles(j))).toEqual(gpBefore);
  });
});
