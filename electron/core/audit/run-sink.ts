/**
 * Where the engine's audit lines go in the audit directory: each run's lines to its own file
 * (`runs/<run id>.jsonl`, appended by `AuditLog` exactly as before: group-committed whole lines, the file's
 * one writer), and the run's summary to the index at its start and at its end.
 *
 * Order on disk is what makes a crash safe: a run is in the index before its file gets its first line (so
 * an interrupted run is always listed), and its `run-end` line is in its file before the index says it
 * ended (a crash in between is repaired by the next listing, which reads the file). Since every run has its
 * own file and only one process writes it, two processes running at once never interleave lines.
 */
import os from 'node:os';
import { openAuditLog } from './audit-log';
import type { AuditLog } from './audit-log';
import { runInfoFromStart } from './audit-reader';
import { emptyCounts } from './records';
import type { AuditRecord, AuditRunEnd, AuditRunStart, AuditSink, EncodedLines } from './records';
import { auditPaths, updateIndex } from './run-index';
import type { IndexEntry } from './run-index';

/** The index entry of a run that has just started. */
export function startedEntry(rec: AuditRunStart): IndexEntry {
  return { ...runInfoFromStart(rec), writer: { pid: process.pid, host: os.hostname() } };
}

/** `entry` once its `run-end` line is written. */
export function endedEntry(entry: IndexEntry, rec: AuditRunEnd): IndexEntry {
  const { writer: _writer, ...rest } = entry;
  const ended: IndexEntry = {
    ...rest,
    endedAt: rec.time,
    counts: { ...emptyCounts(), ...rec.counts },
    done: Object.values(rec.counts).reduce((a, b) => a + b, 0),
    aborted: rec.aborted,
    interrupted: false,
    inFlight: 0,
  };
  if (rec.abortReason) ended.abortReason = rec.abortReason;
  return ended;
}

/** An `AuditSink` over the audit directory `dir` (see the module comment). */
export class AuditRunSink implements AuditSink {
  private readonly logs = new Map<string, AuditLog>();
  private readonly opening = new Map<string, Promise<AuditLog>>();

  constructor(private readonly dir: string) {}

  write(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const runId = records[0]!.runId;
    if (records.every((r) => r.runId === runId)) return this.writeRun(runId, records);
    // Lines of several runs in one call: each run's share, in order.
    return records.reduce<Promise<void>>(
      (previous, rec) => previous.then(() => this.writeRun(rec.runId, [rec])),
      Promise.resolve(),
    );
  }

  writeEncoded(lines: EncodedLines): Promise<void> {
    const log = this.logs.get(lines.runId);
    return log ? log.writeEncoded(lines) : this.open(lines.runId, []).then((l) => l.writeEncoded(lines));
  }

  /** Writes what is queued and releases every run file. */
  async close(): Promise<void> {
    await Promise.all([...this.opening.values()].map((p) => p.catch(() => undefined)));
    await Promise.all([...this.logs.values()].map((log) => log.close()));
    this.logs.clear();
  }

  private writeRun(runId: string, records: readonly AuditRecord[]): Promise<void> {
    const end = records.find((r): r is AuditRunEnd => r.type === 'run-end');
    const log = this.logs.get(runId);
    const written = log ? log.write(records) : this.open(runId, records).then((l) => l.write(records));
    return end ? written.then(() => this.finish(runId, end)) : written;
  }

  /** The run's log, registering the run in the index first when `records` start it. */
  private open(runId: string, records: readonly AuditRecord[]): Promise<AuditLog> {
    let opening = this.opening.get(runId);
    if (!opening) {
      const start = records.find((r): r is AuditRunStart => r.type === 'run-start');
      opening = (async () => {
        if (start) await updateIndex(this.dir, (entries) => void entries.set(runId, startedEntry(start)));
        const log = await openAuditLog(auditPaths(this.dir).runFile(runId));
        this.logs.set(runId, log);
        return log;
      })();
      this.opening.set(runId, opening);
      void opening.catch(() => this.opening.delete(runId));
    }
    return opening;
  }

  private async finish(runId: string, end: AuditRunEnd): Promise<void> {
    const log = this.logs.get(runId);
    this.logs.delete(runId);
    this.opening.delete(runId);
    await log?.close();
    // The run file already says it ended; if the index cannot be updated now, the next listing repairs it.
    await updateIndex(this.dir, (entries) => {
      const entry = entries.get(runId);
      if (entry) entries.set(runId, endedEntry(entry, end));
    }).catch(() => undefined);
  }
}
