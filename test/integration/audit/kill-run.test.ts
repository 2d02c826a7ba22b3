/**
 * A scheduled `gpjobs jobs delete` SIGKILLed mid-run, writing the audit directory: every line of its run
 * file parses, the run is listed as interrupted, and every job the server deleted is in the log, with its
 * result or as possibly sent (the write-ahead guarantee holds in the per-run layout).
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { RESULT_COMMIT_LINES } from '../../../electron/core/bulk/run-ledger';
import { WRITE_AHEAD_BATCH } from '../../../electron/core/bulk/server-lane';
import { describe, expect, it } from 'vitest';
import { AuditStore } from '../../../electron/core/audit/audit-store';
import { addSim, CLI, sandbox, simulator } from '../cli/helpers';

const KILL_AFTER_RESULTS = 60;

/** Resolves once some file in `dir` holds `n` result lines (checked on every change in the directory). */
function whenResults(dir: string, n: number): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dir, () => void check());
    async function check(): Promise<void> {
      for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
        const text = await fs.readFile(path.join(dir, name), 'utf8').catch(() => '');
        if ((text.match(/"type":"job",/g) ?? []).length >= n) {
          watcher.close();
          resolve();
        }
      }
    }
  });
}

describe('gpjobs killed mid-run', () => {
  it('leaves its run listed as interrupted, whole lines only, and every deleted job in the log', async () => {
    const sim = await simulator({ seed: 71, jobs: 600, services: 3, jobDurationMs: Infinity, latencyMs: 20 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Killed', ['--concurrency', '4']);
    const runs = path.join(cli.configDir, 'audit', 'runs');
    await fs.mkdir(runs, { recursive: true });
    const env = Object.fromEntries(Object.entries(cli.env).filter(([, v]) => v !== undefined));
    const child = spawn(
      process.execPath,
      [CLI, 'jobs', 'delete', '--server', 'Killed', '--all-jobs', '--yes'],
      { env, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, s) => resolve(s)));
    await whenResults(runs, KILL_AFTER_RESULTS);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await sim.waitForIdle();

    const [name] = await fs.readdir(runs);
    const text = await fs.readFile(path.join(runs, name!), 'utf8');
    for (const line of text.split('\n').slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();

    const store = new AuditStore({ dir: path.join(cli.configDir, 'audit'), legacyFile: null });
    const [run] = await store.listRuns();
    expect(run).toMatchObject({ interrupted: true, endedAt: null, total: 600 });
    expect(run!.running).toBeUndefined();
    const read = await store.runResults(run!.runId);
    if (!read.ok) throw new Error(read.error.message);
    const results = new Map(read.value.results.map((r) => [r.jobId, r]));
    const inFlight = new Set(read.value.inFlight.map((j) => j.jobId));
    const remaining = new Set(sim.jobs().map((j) => j.jobId));
    const planned = [...results.keys(), ...read.value.unfinished.map((j) => j.jobId)];
    expect(planned).toHaveLength(600);
    for (const jobId of planned) {
      if (remaining.has(jobId)) continue;
      expect(results.has(jobId) || inFlight.has(jobId), `${jobId} deleted but not in the log`).toBe(true);
    }
    // "Possibly sent" overstates by at most the workers' jobs, one wave and one write-ahead batch, plus the
    // result lines still held for the group commit when the process died.
    expect(read.value.inFlight.length).toBeLessThanOrEqual(2 * 4 + WRITE_AHEAD_BATCH + RESULT_COMMIT_LINES);
  });
});
