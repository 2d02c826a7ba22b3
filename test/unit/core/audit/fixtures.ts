/**
 * Audit lines for tests, and a run written through the real run sink of an audit directory.
 */
import { spawnSync } from 'node:child_process';
import type { AuditRunSink } from '../../../../electron/core/audit/run-sink';
import type { AuditRecord } from '../../../../electron/core/audit/records';
import { emptyCounts } from '../../../../electron/core/audit/records';

export const time = '2024-01-01T00:00:00.000Z';

export const start = (runId: string, total: number, at = time, retryOf?: string): AuditRecord => ({
  type: 'run-start',
  runId,
  time: at,
  action: 'delete',
  total,
  osUser: 'alice',
  profiles: [{ id: 'p1', name: 'Prod', serverUrl: 'https://prod/arcgis' }],
  ...(retryOf ? { retryOf } : {}),
});
export const plan = (runId: string, jobIds: string[]): AuditRecord => ({
  type: 'run-plan',
  runId,
  jobs: jobIds.map((jobId) => ({ profileId: 'p1', service: 'Buffer', jobId, status: 'esriJobSucceeded' })),
});
export const jobStart = (runId: string, jobId: string): AuditRecord => ({
  type: 'job-start',
  runId,
  time,
  profileId: 'p1',
  service: 'Buffer',
  jobId,
});
export const job = (
  runId: string,
  jobId: string,
  outcome: 'deleted' | 'failed' = 'deleted',
): AuditRecord => ({
  type: 'job',
  runId,
  time,
  osUser: 'alice',
  profileId: 'p1',
  server: 'Prod',
  serverUrl: 'https://prod/arcgis',
  service: 'Buffer',
  jobId,
  action: 'delete',
  outcome,
});
export const end = (runId: string, deleted = 2, at = time): AuditRecord => ({
  type: 'run-end',
  runId,
  time: at,
  counts: { ...emptyCounts(), deleted },
  aborted: false,
});

/** How `writeRun` writes a run. */
export interface RunShape {
  jobs: number;
  /** Jobs with a result; the rest only started (default all). */
  finished?: number;
  ended?: boolean;
  startedAt?: string;
  retryOf?: string;
}

/** Writes a run as the engine does (start + plan, then each job's start and result, then the end). */
export async function writeRun(sink: AuditRunSink, runId: string, shape: RunShape): Promise<string[]> {
  const ids = Array.from({ length: shape.jobs }, (_, i) => `${runId}-j${i}`);
  const at = shape.startedAt ?? time;
  await sink.write([start(runId, shape.jobs, at, shape.retryOf), plan(runId, ids)]);
  const finished = shape.finished ?? shape.jobs;
  await Promise.all(
    ids.map((id, i) =>
      sink.write(i < finished ? [jobStart(runId, id), job(runId, id)] : [jobStart(runId, id)]),
    ),
  );
  if (shape.ended ?? true) await sink.write([end(runId, finished, at)]);
  return ids;
}

/** The id of a process that has exited (a writer that died). */
export function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}
