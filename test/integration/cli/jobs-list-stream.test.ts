/**
 * `gpjobs jobs list` without --sort or --limit prints each page's rows as it arrives: the real executable
 * against a simulator whose one service answers its job queries late. The first rows are on stdout while
 * that service is still being listed, and the whole output is still one valid JSON array of every job.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startSimulator } from '../../arcgis-sim/index';
import { CLI, keys, sandboxWith } from './helpers';
import type { JsonJob } from './helpers';

const HELD = 'Analysis/Hydrology';

describe('gpjobs jobs list as pages arrive', () => {
  it('writes the first rows before the listing ends, and one valid JSON array of every job', async () => {
    const sim = await startSimulator({ seed: 11, jobs: 400 });
    onTestFinished(() => sim.close());
    const held = sim.jobs().filter((j) => j.service === HELD);
    expect(held.length).toBeGreaterThan(0);
    const cli = await sandboxWith({ Sim: sim });
    // Every job query of one service is answered 4 s late; the others at once.
    sim.addFault({
      kind: 'slow',
      delayMs: 4_000,
      match: (r) => r.path.includes(`/${HELD}.GPServer/jobs/query`),
    });
    const env = Object.fromEntries(Object.entries(cli.env).filter(([, v]) => v !== undefined));
    const child = spawn(process.execPath, [CLI, 'jobs', 'list', '--format', 'json'], { env });
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const closed = once(child, 'close');
    // The first output event that holds a job: what the command had written by then.
    const first = await new Promise<string>((resolve) =>
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        if (stdout.includes('"jobId"')) resolve(stdout);
      }),
    );
    expect(first.startsWith('[\n  {')).toBe(true);
    // None of the held service's jobs yet, and its query still unanswered: the listing had not ended.
    for (const j of held) expect(first).not.toContain(j.jobId);
    expect(sim.stats.inFlight).toBeGreaterThan(0);
    const [code] = (await closed) as [number | null];
    expect(code, stderr).toBe(0);
    const all = JSON.parse(stdout) as JsonJob[];
    expect(keys(all)).toEqual(keys(sim.jobs()));
  });
});
