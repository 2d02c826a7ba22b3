/**
 * Kill test: a child process deleting jobs is SIGKILLed mid-run. The audit log it leaves must hold every job
 * the server deleted, parse line by line, and show the run as interrupted.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRunResults, readRuns } from '../../../electron/core/audit/audit-reader';
import { RESULT_COMMIT_LINES } from '../../../electron/core/bulk/run-ledger';
import { WRITE_AHEAD_BATCH } from '../../../electron/core/bulk/server-lane';
import type { BulkJob } from '../../../electron/core/bulk/types';
import { tempDir } from '../profiles/temp-dir';
import { simulator } from '../test-sim';
import type { KillChildInput } from './kill-child';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kill-child.ts');
const KILL_AFTER_RESULTS = 60;

/** Resolves once the file holds at least `n` job result lines (checked on every change of the file). */
function whenJobLines(file: string, n: number, exited: Promise<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    let checking = false;
    let again = false;
    const watcher = watch(file, () => void check());
    const stop = (): void => watcher.close();
    void exited.then(() => {
      stop();
      reject(new Error('the child finished before it could be killed'));
    });
    async function check(): Promise<void> {
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      const text = await fs.readFile(file, 'utf8');
      checking = false;
      if ((text.match(/"type":"job",/g) ?? []).length >= n) {
        stop();
        resolve();
      } else if (again) {
        again = false;
        void check();
      }
    }
  });
}

describe('a bulk run killed mid-way', () => {
  it('leaves an audit log with every job it finished, no broken line, and the run marked interrupted', async () => {
    const sim = await simulator({ seed: 7, jobs: 600, services: 3, jobDurationMs: Infinity, latencyMs: 20 });
    const profileId = 'killed';
    const jobs: BulkJob[] = sim
      .jobs()
      .map((j) => ({ profileId, service: j.service, jobId: j.jobId, status: j.status }));
    const auditFile = path.join(await tempDir('kill'), 'config', 'audit.jsonl');
    await fs.mkdir(path.dirname(auditFile), { recursive: true });
    await fs.writeFile(auditFile, '');

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    const input: KillChildInput = {
      url: sim.url,
      caPem: sim.caPem,
      username: sim.username,
      password: sim.password,
      auditFile,
      concurrency: 4,
      jobs,
    };
    child.stdin.end(JSON.stringify(input));

    await whenJobLines(auditFile, KILL_AFTER_RESULTS, exited).catch((error: Error) => {
      throw new Error(`${error.message}\n${stderr}`);
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await sim.waitForIdle();

    // Every line parses: nothing torn.
    const text = await fs.readFile(auditFile, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.split('\n').slice(0, -1);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();

    const stats = { unreadableLines: 0 };
    const runs = await readRuns(auditFile, stats);
    expect(stats.unreadableLines).toBe(0);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ interrupted: true, endedAt: null, total: 600 });
    expect(runs[0]!.done).toBeGreaterThanOrEqual(KILL_AFTER_RESULTS);
    expect(runs[0]!.done).toBeLessThan(600);

    const logged = await readRunResults(auditFile, runs[0]!.runId);
    const results = new Map(logged!.results.map((r) => [r.jobId, r]));
    const inFlight = new Set(logged!.inFlight.map((j) => j.jobId));
    const remaining = new Set(sim.jobs().map((j) => j.jobId));
    // Every job the server deleted is in the log: with its result, or as sent when the process died.
    for (const job of jobs) {
      if (remaining.has(job.jobId)) continue;
      const r = results.get(job.jobId);
      if (r) expect(r.outcome).toBe('deleted');
      else expect(inFlight.has(job.jobId), `${job.jobId} deleted but not in the log`).toBe(true);
    }
    // Possibly sent overstates by at most the write-ahead (one wave and one batch beyond the workers' jobs)
    // plus the result lines still held for the group commit when the process died.
    expect(logged!.inFlight.length).toBeLessThanOrEqual(
      2 * input.concurrency + WRITE_AHEAD_BATCH + RESULT_COMMIT_LINES,
    );
    // And every job the log calls deleted is gone from the server.
    for (const r of logged!.results) if (r.outcome === 'deleted') expect(remaining.has(r.jobId)).toBe(false);
    expect(logged!.unfinished.length).toBe(600 - logged!.results.length);
  });
});
