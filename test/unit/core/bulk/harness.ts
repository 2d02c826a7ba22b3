/**
 * Builds bulk runs over fake servers with deterministic time and randomness, and an in-memory audit sink
 * that tests can wait on.
 */
import { LineBuffer } from '../../../../electron/core/audit/json-bytes';
import type { AuditRecord, AuditSink, EncodedLines } from '../../../../electron/core/audit/records';
import { startBulkRun } from '../../../../electron/core/bulk/runner';
import type { BulkRun, BulkRunOptions } from '../../../../electron/core/bulk/runner';
import type { BulkJob, BulkProfile, JobResult } from '../../../../electron/core/bulk/types';
import type { BulkAction } from '../../../../electron/core/types';
import type { FakeServer } from './fake-ops';

/** Keeps every audit line; `until` resolves once a condition on the lines holds. */
export class MemoryAudit implements AuditSink {
  readonly lines: AuditRecord[] = [];
  /** The lines of each write call, in order. */
  readonly writes: AuditRecord[][] = [];
  private watchers: Array<{ test: () => boolean; resolve: () => void }> = [];
  failWith: Error | null = null;

  async write(records: readonly AuditRecord[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.lines.push(...records);
    this.writes.push([...records]);
    this.watchers = this.watchers.filter((w) => (w.test() ? (w.resolve(), false) : true));
  }

  /** Encoded lines are kept as the records their text parses to (each line must be whole JSON). */
  async writeEncoded(lines: EncodedLines): Promise<void> {
    const out = new LineBuffer(64);
    lines.encodeInto(out);
    const text = out.bytes.toString('utf8', 0, out.at);
    if (text !== '' && !text.endsWith('\n'))
      throw new Error(`Encoded lines must end with a newline: ${text}`);
    const records =
      text === ''
        ? []
        : text
            .slice(0, -1)
            .split('\n')
            .map((l) => JSON.parse(l) as AuditRecord);
    return this.write(records);
  }

  jobLines(): Array<Extract<AuditRecord, { type: 'job' }>> {
    return this.lines.filter((l): l is Extract<AuditRecord, { type: 'job' }> => l.type === 'job');
  }

  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ test, resolve }));
  }
}

export interface FakeProfile {
  id: string;
  server: FakeServer;
  concurrency?: number;
  status?: string;
}

/** Sleeps that end at once but are recorded (so tests see every backoff without waiting for it). */
export function recordingSleep(): { sleep: BulkRunOptions['sleep']; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms) => {
      delays.push(ms);
    },
  };
}

/** Starts `action` over every job of every fake server. */
export function runOver(
  profiles: FakeProfile[],
  action: BulkAction,
  extra: Partial<BulkRunOptions> = {},
): { run: BulkRun; audit: MemoryAudit; jobs: BulkJob[] } {
  const audit = new MemoryAudit();
  const bulkProfiles: BulkProfile[] = profiles.map((p) => ({
    id: p.id,
    name: `Server ${p.id}`,
    concurrency: p.concurrency ?? 4,
    production: false,
    serverUrl: `https://${p.id}.example/arcgis`,
  }));
  const jobs: BulkJob[] = profiles.flatMap((p) =>
    [...p.server.jobs.entries()].map(([jobId, status]) => ({
      profileId: p.id,
      service: 'Tools/Buffer',
      jobId,
      status,
    })),
  );
  let clock = 1_700_000_000_000;
  const run = startBulkRun({
    jobs,
    action,
    profiles: bulkProfiles,
    operations: new Map(profiles.map((p) => [p.id, p.server])),
    audit,
    now: () => (clock += 1),
    random: () => 0.5,
    sleep: async () => {},
    osUser: 'tester',
    ...extra,
  });
  return { run, audit, jobs };
}

/** Asserts in plain code that each job got exactly one result; returns results by job id. */
export function byJob(results: JobResult[]): Map<string, JobResult> {
  const map = new Map<string, JobResult>();
  for (const r of results) {
    const key = `${r.profileId}/${r.jobId}`;
    if (map.has(key)) throw new Error(`two results for ${key}`);
    map.set(key, r);
  }
  return map;
}
