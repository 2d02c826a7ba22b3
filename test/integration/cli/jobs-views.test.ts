import { describe, expect, it } from 'vitest';
import { sandboxWith, simulator } from './helpers';

// `jobs list --sort/--limit/--columns`, `jobs summary`, `jobs show ID`, and comma lists of servers and
// statuses, each against simulators whose own job lists are the expected answer.

async function twoServers() {
  const a = await simulator({ seed: 81, jobs: 90 });
  const b = await simulator({ seed: 82, jobs: 60 });
  const cli = await sandboxWith({ A: a, B: b });
  return { a, b, cli };
}

describe('jobs list shaping and comma lists', () => {
  it('--sort -submittedTime --limit 5 --columns jobId,status gives the five newest, just those columns', async () => {
    const { a, b, cli } = await twoServers();
    const result = await cli.run([
      ...['jobs', 'list', '--server', 'A,b', '--status', 'failed,Timed out,esriJobSucceeded'],
      ...['--sort', '-submittedTime,jobId', '--limit', '5', '--columns', 'jobId,STATUS', '--format', 'json'],
    ]);
    expect(result.code).toBe(0);
    const wanted = new Set(['esriJobFailed', 'esriJobTimedOut', 'esriJobSucceeded']);
    const newest = [...a.jobs(), ...b.jobs()]
      .filter((j) => wanted.has(j.status))
      .sort((x, y) => y.submittedTime - x.submittedTime || x.jobId.localeCompare(y.jobId))
      .slice(0, 5)
      .map((j) => ({ jobId: j.jobId, status: j.status }));
    expect(JSON.parse(result.stdout)).toEqual(newest);
    const matching = [...a.jobs(), ...b.jobs()].filter((j) => wanted.has(j.status)).length;
    expect(result.stderr).toContain(`${matching - 5} more jobs match (--limit 5).`);
    const allButOne = await cli.run([
      ...['jobs', 'list', '--server', 'A,b', '--status', 'failed,Timed out,esriJobSucceeded'],
      ...['--sort', 'jobId', '--limit', String(matching - 1), '--format', 'json'],
    ]);
    expect(allButOne.stderr).toContain(`1 more job matches (--limit ${matching - 1}).`);
    const bad = await cli.run(['jobs', 'list', '--sort', 'colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown column "colour". Use jobId, ');
  });
});

describe('jobs summary', () => {
  it('counts by server, service and status with the oldest job, in json, csv and a table', async () => {
    const { a, b, cli } = await twoServers();
    const json = await cli.run(['jobs', 'summary', '--format', 'json']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as Array<{
      server: string;
      service: string;
      status: string;
      jobs: number;
      oldestJobId: string;
    }>;
    for (const [name, sim] of [
      ['A', a],
      ['B', b],
    ] as const) {
      const groups = new Map<string, number>();
      for (const j of sim.jobs())
        groups.set(`${j.service}|${j.status}`, (groups.get(`${j.service}|${j.status}`) ?? 0) + 1);
      const mine = rows.filter((r) => r.server === name);
      expect(new Map(mine.map((r) => [`${r.service}|${r.status}`, r.jobs]))).toEqual(groups);
      for (const r of mine) {
        const oldest = sim
          .jobs()
          .filter((j) => j.service === r.service && j.status === r.status)
          .sort((x, y) => x.submittedTime - y.submittedTime)[0]!;
        expect(r.oldestJobId).toBe(oldest.jobId);
      }
    }
    const csv = await cli.run(['jobs', 'summary', '--format', 'csv', '--status', 'failed']);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('server,service,serviceType,status,jobs,oldestSubmitted,oldestJobId');
    expect(lines.slice(1).every((l) => l.split(',')[3] === 'esriJobFailed')).toBe(true);
    const table = await cli.run(['jobs', 'summary', '--server', 'A', '--status', 'timed-out,failed']);
    expect(table.stdout).toMatch(/^SERVER\s+SERVICE\s+TYPE\s+STATUS\s+JOBS\s+OLDEST/);
    expect(table.stdout).toMatch(/\bTimed out\b|\bFailed\b/);
    expect(table.stdout).not.toContain('esriJob');
    expect(table.stdout).toMatch(/\d+ jobs in \d+ groups; the oldest, \S+, was submitted /);
  });
});

describe('jobs show', () => {
  it("shows one job's fields and messages from whichever server has it; an unknown id is exit 2", async () => {
    const { b, cli } = await twoServers();
    const job = b.jobs().find((j) => j.messages.length > 0)!;
    const json = await cli.run(['jobs', 'show', job.jobId, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      jobId: job.jobId,
      server: 'B',
      service: job.service,
      status: job.status,
      messages: job.messages.map((m) => ({ description: m.description })),
    });
    const table = await cli.run(['jobs', 'show', job.jobId, '--server', 'B']);
    expect(table.stdout).toContain(`Job        ${job.jobId}\nServer     B\nService    ${job.service} (GP)\n`);
    expect(table.stdout).toContain(`Messages (${job.messages.length}):`);
    const unknown = await cli.run(['jobs', 'show', 'j-no-such-job']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No job "j-no-such-job" on A, B');
  });

  it('an id not found while a server is down names only the servers searched, and exits 3, not 2', async () => {
    const { b, cli } = await twoServers();
    await b.setDown(true);
    const result = await cli.run(['jobs', 'show', 'j-no-such-job']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('gpjobs: server "B": ');
    expect(result.stderr).toContain(
      'No job "j-no-such-job" on A (job ids are case-sensitive). B could not be searched in full (see above for why).',
    );
  });

  it('an id not found when no server could be searched in full does not claim it is on no server', async () => {
    const { a, b, cli } = await twoServers();
    // One service on each server fails its listing; the others answer.
    for (const sim of [a, b]) {
      const service = sim.jobs()[0]!.service;
      sim.addFault({
        kind: 'http500',
        match: ({ path }) => path.endsWith('/jobs/query') && path.includes(`/${service}.`),
      });
    }
    const result = await cli.run(['jobs', 'show', 'j-no-such-job']);
    expect(result.code).toBe(1); // the listing's failure, not 2 (not found)
    expect(result.stderr).toContain(
      'Job "j-no-such-job" was not found, but no server could be searched in full (see above for why).',
    );
    expect(result.stderr).not.toContain('on any server');
  });
});
