/**
 * Two `gpjobs jobs delete` processes at once, 5,000 jobs each, writing the same audit directory: every line
 * of every file parses (no line torn or interleaved) and both runs are listed complete.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRuns } from '../../../electron/core/audit/audit-reader';
import { addSim, sandbox, simulator } from '../cli/helpers';

const JOBS = 5000;

describe('two gpjobs runs writing the audit log at once', () => {
  it('leave whole lines only, and both runs listed complete', async () => {
    const [a, b] = await Promise.all([
      simulator({ seed: 61, jobs: JOBS }),
      simulator({ seed: 62, jobs: JOBS }),
    ]);
    const cli = await sandbox();
    await addSim(cli, a, 'A', ['--concurrency', '32']);
    await addSim(cli, b, 'B', ['--concurrency', '32']);
    const [ra, rb] = await Promise.all(
      ['A', 'B'].map((server) =>
        cli.run(['jobs', 'delete', '--server', server, '--all-jobs', '--yes', '--format', 'json']),
      ),
    );
    expect(ra!.code, ra!.stderr).toBe(0);
    expect(rb!.code, rb!.stderr).toBe(0);

    const dir = path.join(cli.configDir, 'audit', 'runs');
    const files = await fs.readdir(dir);
    expect(files).toHaveLength(2);
    for (const name of files) {
      const text = await fs.readFile(path.join(dir, name), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.slice(0, -1).split('\n');
      for (const line of lines) expect(() => JSON.parse(line), line.slice(0, 80)).not.toThrow();
      const stats = { unreadableLines: 0 };
      const [run] = await readRuns(path.join(dir, name), stats);
      expect(stats.unreadableLines).toBe(0);
      expect(run).toMatchObject({ total: JOBS, done: JOBS, interrupted: false });
    }
    const listed = JSON.parse((await cli.run(['runs', 'list', '--format', 'json'])).stdout) as Array<{
      servers: string[];
      total: number;
      done: number;
      interrupted: boolean;
      startedAt: string;
      endedAt: string | null;
    }>;
    expect(listed.map((r) => r.servers[0]).sort()).toEqual(['A', 'B']);
    for (const run of listed) expect(run).toMatchObject({ total: JOBS, done: JOBS, interrupted: false });
    // The two runs really overlapped: each started before the other ended.
    const [x, y] = listed;
    expect(x!.startedAt < y!.endedAt! && y!.startedAt < x!.endedAt!).toBe(true);
  });
});
