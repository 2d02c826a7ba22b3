/**
 * The audit log over years (issue 22): a log of R runs holding R x J x 2 job lines (each job's `job-start`
 * and `job` line) and R x J plan entries (each job in its run's `run-plan` lines, 500 a line), plus each
 * run's start and end, written through the real run sink the way the engine writes it into a fresh audit
 * directory, then timed: listing every run (`audit_history_ms_1000_runs`) and opening one run's
 * results (`audit_open_run_ms_10m`), each with a fresh store as a new process would, median of `repeats`.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditStore } from '../../electron/core/audit/audit-store';
import type { AuditRunSink } from '../../electron/core/audit/run-sink';
import { jobResult } from '../../electron/core/bulk/job-result';
import { planBulk } from '../../electron/core/bulk/plan';
import type { BulkJob, BulkProfile } from '../../electron/core/bulk/types';
import { AuditLines } from '../../electron/core/bulk/audit-lines';
import { auditRunEnd, auditRunStart } from '../../electron/core/bulk/audit-records';
import { emptyCounts } from '../../electron/core/audit/records';

/** Sizes of the audit benchmark. */
export interface AuditBenchOptions {
  runs: number;
  jobsPerRun: number;
  repeats: number;
  log: (line: string) => void;
}

/** What the audit benchmark measured. */
export interface AuditBenchResult {
  runs: number;
  jobLines: number;
  bytes: number;
  writeMs: number;
  historyMs: number;
  openRunMs: number;
  historyRunsMs: number[];
  openRunsMs: number[];
}

const PROFILE: BulkProfile = {
  id: 'bench',
  name: 'Bench server',
  serverUrl: 'https://gis.example.com/arcgis',
  concurrency: 8,
  production: false,
};

function benchJobs(run: number, n: number, at: number): BulkJob[] {
  return Array.from({ length: n }, (_, i) => ({
    profileId: PROFILE.id,
    service: `Folder${i % 10}/Service${i % 7}`,
    jobId: `j${run.toString(36)}x${i.toString(16).padStart(28, '0')}`,
    status: 'esriJobSucceeded',
    submittedTime: at - 86_400_000,
    endTime: at - 86_000_000,
    username: 'gisuser',
    machinename: 'GISSERVER01',
  }));
}

/**
 * Writes one run as the engine does (run-ledger.ts): its start record and its plan encoded by `AuditLines`,
 * then per wave of 8 its encoded write-ahead and results, then its end record.
 */
async function writeRun(sink: AuditRunSink, run: number, jobsPerRun: number, at: number): Promise<void> {
  const runId = `bench-run-${String(run).padStart(5, '0')}`;
  const plan = planBulk(benchJobs(run, jobsPerRun, at), 'delete', [PROFILE]);
  const server = plan.servers[0]!;
  const lines = new AuditLines(runId, 'bench');
  await Promise.all([
    sink.write([auditRunStart(runId, at, plan, plan.servers, 'bench')]),
    sink.writeEncoded(lines.plan(plan.jobs)),
  ]);
  let pending: Promise<void> = Promise.resolve();
  for (let i = 0; i < plan.jobs.length; i += 8) {
    const wave = plan.jobs.slice(i, i + 8);
    void sink.writeEncoded(
      lines.jobStarts(
        at,
        plan.jobs,
        wave.map((_, k) => i + k),
      ),
    );
    for (const job of wave) {
      const result = jobResult(job, server, 'delete', 'deleted', at + i);
      pending = sink.writeEncoded(lines.jobRecords([result]));
    }
    // Bound what is queued, as the engine's concurrency does.
    if (i % 2000 === 0) await pending;
  }
  await pending;
  await sink.write([auditRunEnd(runId, at + 60_000, { ...emptyCounts(), deleted: plan.jobs.length }, false)]);
}

async function sizeOf(dir: string): Promise<number> {
  let bytes = 0;
  for (const name of await fs.readdir(dir)) bytes += (await fs.stat(path.join(dir, name))).size;
  return bytes;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Writes the log, times history and one run's results, and removes the log. */
export async function benchAudit(o: AuditBenchOptions): Promise<AuditBenchResult> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'gpjobs-audit-bench-'));
  try {
    const dir = path.join(root, 'audit');
    const writer = new AuditStore({ dir, legacyFile: null });
    const sink = writer.sink();
    const jobLines = o.runs * o.jobsPerRun * 2;
    o.log(`audit: writing ${o.runs} runs, ${jobLines} job lines through the audit writer`);
    const started = performance.now();
    const first = Date.parse('2023-01-01T02:00:00Z');
    for (let r = 0; r < o.runs; r++) {
      await writeRun(sink, r, o.jobsPerRun, first + r * 86_400_000);
      if ((r + 1) % 100 === 0) o.log(`audit: ${r + 1} runs written`);
    }
    await sink.close();
    const writeMs = performance.now() - started;
    const bytes = await sizeOf(writer.paths.runs);
    const historyRunsMs: number[] = [];
    const openRunsMs: number[] = [];
    const middle = `bench-run-${String(Math.floor(o.runs / 2)).padStart(5, '0')}`;
    for (let i = 0; i < o.repeats; i++) {
      let t = performance.now();
      const runs = await new AuditStore({ dir, legacyFile: null }).listRuns();
      historyRunsMs.push(performance.now() - t);
      if (runs.length !== o.runs) throw new Error(`audit: listed ${runs.length} runs, wrote ${o.runs}`);
      t = performance.now();
      const opened = await new AuditStore({ dir, legacyFile: null }).runResults(middle);
      openRunsMs.push(performance.now() - t);
      if (!opened.ok || opened.value.results.length !== o.jobsPerRun)
        throw new Error(`audit: run ${middle} did not open with its ${o.jobsPerRun} results`);
    }
    return {
      runs: o.runs,
      jobLines,
      bytes,
      writeMs,
      historyMs: median(historyRunsMs),
      openRunMs: median(openRunsMs),
      historyRunsMs,
      openRunsMs,
    };
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
