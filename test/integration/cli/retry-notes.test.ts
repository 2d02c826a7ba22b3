/**
 * A command waiting on a server that is not answering says so on stderr at each retry, with the server's
 * name, why and which attempt, then fails with the error and what to do; a server that answers again after
 * a retry is listed with one note and exit 0. Real simulator, real keychain, the built gpjobs.
 */
import { describe, expect, it } from 'vitest';
import { addSim, sandbox, simulator } from './helpers';

describe('gpjobs and a server that is not answering', () => {
  it('notes each retry of a refusing server, then fails with exit 3 and the error', async () => {
    const sim = await simulator({ seed: 41, jobs: 5 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Flaky');
    await sim.setDown(true);
    const summary = await cli.run(['jobs', 'summary']);
    expect(summary.code).toBe(3);
    const host = new URL(sim.url).host;
    const refused = `${host} refused the connection. Is the server running and the port right?`;
    expect(summary.stderr.split('\n').filter((l) => l.includes('is not answering'))).toEqual([
      `gpjobs: "Flaky" is not answering: ${refused} Retry 2 of 4…`,
      `gpjobs: "Flaky" is not answering: ${refused} Retry 3 of 4…`,
      `gpjobs: "Flaky" is not answering: ${refused} Retry 4 of 4…`,
    ]);
    expect(summary.stderr).toContain(`gpjobs: server "Flaky": ${refused} (after 4 attempts)`);
    expect(summary.stderr).toContain('Connection error: connect ECONNREFUSED');
  });

  it('notes once that a 503 asked to wait, and how long, then lists the jobs', async () => {
    const sim = await simulator({ seed: 42, jobs: 5 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Busy');
    sim.addFault({ kind: 'http503', retryAfter: '1', count: 1 });
    const summary = await cli.run(['jobs', 'summary']);
    expect(summary.code).toBe(0);
    const notes = summary.stderr.split('\n').filter((l) => l.startsWith('gpjobs: "Busy"'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^gpjobs: "Busy" asked to wait 1 s: .+ \(code 503\).* Retry 2 of 4 in 1 s…$/);
    expect(summary.stdout).toContain('5 jobs in');
  });
});

describe('gpjobs and a listing that has read jobs retrying a page', () => {
  it('says the server answered earlier reads and one is retried, not "not answering"', async () => {
    const sim = await simulator({ seed: 43, jobs: 60, maxPageSize: 5 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Paged');
    // A later page of a service (its jobs from the 11th) is answered 503 once, after earlier pages were read.
    const laterPage = (r: { path: string; params: Record<string, string> }): boolean =>
      r.path.endsWith('/jobs/query') && Number(r.params.start) >= 11;
    sim.addFault({ kind: 'http503', count: 1, match: laterPage });
    const summary = await cli.run(['jobs', 'summary']);
    expect(summary.code).toBe(0);
    const notes = summary.stderr.split('\n').filter((l) => l.startsWith('gpjobs: "Paged"'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /^gpjobs: "Paged" answered earlier reads; retrying one \(2 of 4\): .+ \(code 503\)/,
    );
    expect(summary.stdout).toContain('60 jobs in');
  });
});
