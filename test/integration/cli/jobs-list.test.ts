import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimJob, Simulator } from '../../arcgis-sim/index';
import { startSimulator } from '../../arcgis-sim/index';
import { LIST_COLUMNS } from '../../../electron/cli/output';
import type { CliSandbox, JsonJob } from './helpers';
import { addSim, jsonJobs, keys, sandboxWith } from './helpers';

// `gpjobs jobs list` against one simulator shared by these read-only tests; each test has its own config
// directory and keychain entry. Every filter's answer is compared with the simulator's own jobs.

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 7, jobs: 300 });
});
afterAll(async () => {
  await sim.close();
});

async function listed(cli: CliSandbox, ...filters: string[]): Promise<JsonJob[]> {
  return jsonJobs(await cli.run(['jobs', 'list', ...filters, '--format', 'json']));
}

async function withSim(): Promise<CliSandbox> {
  const cli = await sandboxWith({ Sim: sim });
  return cli;
}

const where = (test: (j: SimJob) => boolean): string[] => keys(sim.jobs().filter(test));

describe('gpjobs jobs list filters', () => {
  it('lists every job of every server by default', async () => {
    const cli = await withSim();
    const jobs = await listed(cli);
    expect(keys(jobs)).toEqual(where(() => true));
    expect(jobs.length).toBe(300);
  });

  it('--status accepts short, esriJob* and upper-case names, and is repeatable', async () => {
    const cli = await withSim();
    const failed = where((j) => j.status === 'esriJobFailed');
    expect(failed.length).toBeGreaterThan(0);
    expect(keys(await listed(cli, '--status', 'failed'))).toEqual(failed);
    expect(keys(await listed(cli, '--status', 'esriJobFailed'))).toEqual(failed);
    expect(keys(await listed(cli, '--status', 'FAILED'))).toEqual(failed);
    const timedOut = where((j) => j.status === 'esriJobTimedOut');
    expect(timedOut.length).toBeGreaterThan(0);
    expect(keys(await listed(cli, '--status', 'timed-out'))).toEqual(timedOut);
    expect(keys(await listed(cli, '--status', 'failed', '--status', 'timed-out'))).toEqual(
      [...failed, ...timedOut].sort(),
    );
  });

  it('--service takes FOLDER/NAME exactly or NAME in any folder, and only that service is queried', async () => {
    const cli = await withSim();
    const buffer = where((j) => j.service === 'Tools/Buffer');
    sim.requests.length = 0;
    expect(keys(await listed(cli, '--service', 'Tools/Buffer'))).toEqual(buffer);
    const queried = new Set(
      sim.requests.filter((r) => r.url.includes('/jobs/query')).map((r) => r.url.split('/jobs/query')[0]),
    );
    expect([...queried]).toEqual(['/arcgis/admin/services/Tools/Buffer.GPServer']);
    expect(keys(await listed(cli, '--service', 'buffer'))).toEqual(buffer);
    expect(keys(await listed(cli, '--service', 'ZonalStatistics'))).toEqual(
      where((j) => j.service === 'ZonalStatistics'),
    );
    expect(keys(await listed(cli, '--service', 'Analysis/Viewshed', '--service', 'Tools/Buffer'))).toEqual(
      where((j) => j.service === 'Analysis/Viewshed' || j.service === 'Tools/Buffer'),
    );
  });

  it('--service that names no service on any server is a usage error', async () => {
    const cli = await withSim();
    const result = await cli.run(['jobs', 'list', '--service', 'Nowhere/Nothing']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No asynchronous GP service matches Nowhere/Nothing');
  });

  it('a service that cannot be listed is reported and gives exit 1; the others are listed', async () => {
    const cli = await withSim();
    const remove = sim.addFault({
      kind: 'http500',
      rate: 1,
      match: (r) => r.path.includes('/Tools/Buffer.GPServer/jobs/query'),
    });
    try {
      const result = await cli.run(['jobs', 'list', '--format', 'json']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'gpjobs: server "Sim", service Tools/Buffer (its jobs are not included): ',
      );
      expect(keys(JSON.parse(result.stdout) as [])).toEqual(where((j) => j.service !== 'Tools/Buffer'));
    } finally {
      remove();
    }
  });

  it('--user and --machine filter on the server', async () => {
    const cli = await withSim();
    const jsmith = where((j) => j.username === 'jsmith');
    expect(jsmith.length).toBeGreaterThan(0);
    expect(keys(await listed(cli, '--user', 'jsmith'))).toEqual(jsmith);
    const gis02 = where((j) => j.machinename === 'GIS02.EXAMPLE.COM');
    expect(keys(await listed(cli, '--machine', 'gis02.example.com'))).toEqual(gis02);
    expect(keys(await listed(cli, '--user', 'jsmith', '--machine', 'GIS02.EXAMPLE.COM'))).toEqual(
      where((j) => j.username === 'jsmith' && j.machinename === 'GIS02.EXAMPLE.COM'),
    );
  });

  it('--older-than keeps the jobs submitted before now minus the age', async () => {
    const cli = await withSim();
    const before = Date.now();
    const jobs = await listed(cli, '--older-than', '7d');
    const after = Date.now();
    const week = 7 * 86_400_000;
    const got = new Set(keys(jobs));
    // A job submitted between the two cut-offs may go either way; every other job must be decided.
    for (const job of sim.jobs()) {
      const key = keys([job])[0]!;
      if (job.submittedTime < before - week) expect(got.has(key)).toBe(true);
      if (job.submittedTime >= after - week) expect(got.has(key)).toBe(false);
    }
    expect(got.size).toBeGreaterThan(0);
    expect(keys(await listed(cli, '--older-than', '1d12h', '--status', 'succeeded'))).toEqual(
      where((j) => j.status === 'esriJobSucceeded' && j.submittedTime < before - 36 * 3_600_000),
    );
  });

  it('--since and --until take ISO times and epoch milliseconds', async () => {
    const cli = await withSim();
    const times = sim
      .jobs()
      .map((j) => j.submittedTime)
      .sort((a, b) => a - b);
    const since = times[50]!;
    const until = times[200]!;
    const between = where((j) => j.submittedTime >= since && j.submittedTime <= until);
    expect(keys(await listed(cli, '--since', String(since), '--until', String(until)))).toEqual(between);
    expect(
      keys(
        await listed(cli, '--since', new Date(since).toISOString(), '--until', new Date(until).toISOString()),
      ),
    ).toEqual(between);
    expect(keys(await listed(cli, '--since', new Date(since).toISOString()))).toEqual(
      where((j) => j.submittedTime >= since),
    );
  });

  it('--since after the end is refused before anything is listed', async () => {
    const cli = await withSim();
    const result = await cli.run(['jobs', 'list', '--since', '2030-01-01', '--until', '2020-01-01']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--since is later than');
  });
});

describe('gpjobs jobs list formats', () => {
  it("json: an array of objects with exactly the documented keys and the server's values", async () => {
    const cli = await withSim();
    const jobs = await listed(cli, '--service', 'Analysis/Viewshed');
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      expect(Object.keys(job)).toEqual(LIST_COLUMNS);
      const truth = sim.getJob(job.service, job.jobId)!;
      expect(job).toEqual({
        jobId: truth.jobId,
        server: 'Sim',
        service: 'Analysis/Viewshed',
        serviceType: 'GP',
        status: truth.status,
        submittedTime: new Date(truth.submittedTime).toISOString(),
        endTime: truth.endTime === null ? null : new Date(truth.endTime).toISOString(),
        username: truth.username,
        machinename: truth.machinename,
      });
    }
  });

  it('csv: a header row, then the same columns and values as json', async () => {
    const cli = await withSim();
    const json = await listed(cli, '--status', 'succeeded');
    const csv = await cli.run(['jobs', 'list', '--status', 'succeeded', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'jobId,server,service,serviceType,status,submittedTime,endTime,username,machinename',
    );
    expect(lines.at(-1)).toBe('');
    // Rows print as the pages arrive (see jobs-list-stream.test.ts): two runs may order them differently.
    const rows = lines.slice(1, -1).sort();
    expect(rows).toEqual(
      json
        .map((j) =>
          [
            j.jobId,
            j.server,
            j.service,
            'GP',
            j.status,
            j.submittedTime,
            j.endTime,
            j.username,
            j.machinename,
          ]
            .map((v) => v ?? '')
            .join(','),
        )
        .sort(),
    );
  });

  it('table: aligned columns with every job, fitted to the terminal width', async () => {
    const cli = await withSim();
    const json = await listed(cli, '--status', 'failed');
    const wide = await cli.run(['jobs', 'list', '--status', 'failed'], { env: { COLUMNS: '200' } });
    expect(wide.code).toBe(0);
    const lines = wide.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^SERVER\s+SERVICE\s+TYPE\s+JOB ID\s+STATUS\s+SUBMITTED\s+ENDED\s+USER\s+MACHINE$/,
    );
    const statusAt = lines[0]!.indexOf('STATUS');
    for (const job of json) {
      const line = lines.find((l) => l.includes(job.jobId));
      expect(line, job.jobId).toBeDefined();
      expect(line!.slice(statusAt, statusAt + 6)).toBe('Failed');
    }
    expect(lines.at(-1)).toBe(`${json.length} jobs on 1 server.`);
    const narrow = await cli.run(['jobs', 'list', '--status', 'failed'], { env: { COLUMNS: '80' } });
    for (const line of narrow.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    for (const job of json) expect(narrow.stdout).toContain(job.jobId);
  });
});

describe('gpjobs jobs list over several servers', () => {
  it('lists all servers by default and picks servers by name in any case', async () => {
    const other = await startSimulator({ seed: 8, jobs: 40 });
    try {
      const cli = await withSim();
      await addSim(cli, other, 'Second Site');
      const all = await listed(cli);
      expect(all.filter((j) => j.server === 'Sim').length).toBe(300);
      expect(keys(all.filter((j) => j.server === 'Second Site'))).toEqual(keys(other.jobs()));
      const second = await listed(cli, '--server', 'second site');
      expect(keys(second)).toEqual(keys(other.jobs()));
      expect(new Set(second.map((j) => j.server))).toEqual(new Set(['Second Site']));
      const both = await listed(cli, '--server', 'SIM', '--server', 'Second Site', '--status', 'failed');
      expect(both.length).toBe(
        sim.jobs().filter((j) => j.status === 'esriJobFailed').length +
          other.jobs().filter((j) => j.status === 'esriJobFailed').length,
      );
    } finally {
      await other.close();
    }
  });

  it('an unknown server name is a usage error listing the known names', async () => {
    const cli = await withSim();
    const result = await cli.run(['jobs', 'list', '--server', 'Nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no server named "Nope". Known servers: "Sim".');
    expect(result.stdout).toBe('');
  });
});
