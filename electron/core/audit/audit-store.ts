/**
 * The audit log as a directory: `index.json` (every run's summary), `runs/<run id>.jsonl` (each run's
 * lines) and `index.lock`. Listing runs reads the index (plus, for a run not yet ended, its own file);
 * opening a run reads its file only. The old single `audit.jsonl` next to the directory is read as before
 * until it has been converted (see `migrate.ts`).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppError, Result } from '../types';
import { err, ok } from '../types';
import { openAuditLog } from './audit-log';
import { readRunResults, readRuns } from './audit-reader';
import type { AuditRunInfo, AuditRunResults } from './audit-reader';
import { migrateLegacyLog } from './migrate';
import type { AuditRunAck } from './records';
import { auditPaths, processAlive, readIndex, runFileName, updateIndex } from './run-index';
import type { IndexEntry } from './run-index';
import { AuditRunSink } from './run-sink';

/** Where the store keeps its files. */
export interface AuditStoreOptions {
  /** The audit directory (`<config dir>/audit`). */
  dir: string;
  /** The old single-file log to convert (`<config dir>/audit.jsonl`); null: none. */
  legacyFile: string | null;
}

/** A run file left by a prune that did not finish (see `retention.ts`). */
export const PRUNED_SUFFIX = '.pruned';

const notFound = (runId: string): AppError => ({
  kind: 'not-found',
  message: `No run ${runId} in the audit log.`,
});

/** Whether the process that wrote `entry` is still running it (only knowable on the same host). */
export function writerAlive(entry: IndexEntry): boolean {
  return !!entry.writer && entry.writer.host === os.hostname() && processAlive(entry.writer.pid);
}

/** See the module comment. */
export class AuditStore {
  readonly paths: ReturnType<typeof auditPaths>;
  private prepared: Promise<void> | null = null;

  constructor(readonly options: AuditStoreOptions) {
    this.paths = auditPaths(options.dir);
  }

  /** A sink for the engine: each run to its own file, its summary to the index. */
  sink(): AuditRunSink {
    return new AuditRunSink(this.options.dir);
  }

  /**
   * Finishes what a killed process left (a prune half done), then converts the old single-file log if
   * there is one. Once per store; a failed conversion is retried by the next store.
   */
  ready(): Promise<void> {
    this.prepared ??= (async () => {
      await this.recoverPrune();
      if (this.options.legacyFile) await migrateLegacyLog(this.options.legacyFile, this.options.dir);
    })().catch((e: unknown) => {
      this.prepared = null;
      throw e;
    });
    return this.prepared;
  }

  /** Every run, oldest first, each with its counts and state; never reads a finished run's job lines. */
  async listRuns(): Promise<AuditRunInfo[]> {
    await this.ready();
    const read = await readIndex(this.paths.index);
    if (read.damaged) await this.rebuildIndex();
    const entries = read.damaged ? (await readIndex(this.paths.index)).entries : read.entries;
    const repairs: IndexEntry[] = [];
    const runs = await Promise.all(entries.map((e) => this.settle(e, repairs)));
    runs.push(...(await this.orphans(entries, repairs)));
    const known = new Set(runs.map((r) => r.runId));
    for (const r of await this.legacyRuns()) if (!known.has(r.runId)) runs.push(r);
    if (repairs.length > 0)
      await updateIndex(this.options.dir, (map) => {
        for (const r of repairs) map.set(r.runId, { ...map.get(r.runId), ...r });
      }).catch(() => undefined);
    return runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  /** One run's results and unfinished jobs, from its own file. */
  async runResults(runId: string): Promise<Result<AuditRunResults>> {
    await this.ready();
    const { entries } = await readIndex(this.paths.index);
    const entry = entries.find((e) => e.runId === runId);
    let read = await readRunResults(this.paths.runFile(runId), runId, undefined, !!entry?.endedAt);
    if (!read && this.options.legacyFile) read = await readRunResults(this.options.legacyFile, runId);
    if (!read) return err(notFound(runId));
    if (entry?.acknowledged) read.run.acknowledged ??= entry.acknowledged;
    if (entry && !entry.endedAt && writerAlive(entry)) read.run.running = true;
    return ok(read);
  }

  /** Records that someone checked interrupted run `runId`, so retention may remove it. */
  async acknowledge(runId: string, osUser: string, now = Date.now()): Promise<Result<AuditRunInfo>> {
    const run = (await this.listRuns()).find((r) => r.runId === runId);
    if (!run) return err(notFound(runId));
    if (run.running || !run.interrupted) {
      const why = run.running ? 'is still running' : 'was not interrupted';
      return err({ kind: 'invalid-input', message: `Run ${runId} ${why}: there is nothing to acknowledge.` });
    }
    const ack: AuditRunAck = { type: 'run-ack', runId, time: new Date(now).toISOString(), osUser };
    const log = await openAuditLog(this.paths.runFile(runId));
    await log.write([ack]);
    await log.close();
    await updateIndex(this.options.dir, (map) => {
      const entry = map.get(runId);
      if (entry) entry.acknowledged = { time: ack.time, osUser };
    });
    return ok({ ...run, acknowledged: { time: ack.time, osUser } });
  }

  /** The run an index entry describes; a run not ended is read from its file (and repaired if settled). */
  private async settle(entry: IndexEntry, repairs: IndexEntry[]): Promise<AuditRunInfo> {
    if (entry.endedAt || !entry.writer) return withoutWriter(entry);
    const alive = writerAlive(entry);
    const [fromFile] = await readRuns(this.paths.runFile(entry.runId));
    const info: AuditRunInfo = fromFile ? { ...fromFile } : { ...withoutWriter(entry) };
    if (entry.acknowledged) info.acknowledged = entry.acknowledged;
    if (alive) return { ...info, running: true, interrupted: false };
    // The writer is gone (or on another host, where it cannot be asked): only a known-dead one is settled.
    if (entry.writer.host === os.hostname()) repairs.push({ ...info, writer: undefined } as IndexEntry);
    return info;
  }

  /** Run files the index does not know (a conversion killed before its commit, a lost index). */
  private async orphans(entries: readonly IndexEntry[], repairs: IndexEntry[]): Promise<AuditRunInfo[]> {
    const known = new Set(entries.map((e) => runFileName(e.runId)));
    const names = await fs.readdir(this.paths.runs).catch(() => [] as string[]);
    const found: AuditRunInfo[] = [];
    for (const name of names) {
      if (!name.endsWith('.jsonl') || known.has(name)) continue;
      for (const run of await readRuns(path.join(this.paths.runs, name))) {
        if (runFileName(run.runId) !== name) continue;
        found.push(run);
        repairs.push(run);
      }
    }
    return found;
  }

  private async legacyRuns(): Promise<AuditRunInfo[]> {
    return this.options.legacyFile ? readRuns(this.options.legacyFile) : [];
  }

  /** Rebuilds a damaged index from the run files (the damaged file is kept aside). */
  private async rebuildIndex(): Promise<void> {
    await updateIndex(this.options.dir, async (map, damaged) => {
      if (!damaged) return;
      await fs.copyFile(this.paths.index, `${this.paths.index}.damaged-${Date.now()}`).catch(() => undefined);
      const names = await fs.readdir(this.paths.runs).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.endsWith('.jsonl')))
        for (const run of await readRuns(path.join(this.paths.runs, name))) map.set(run.runId, run);
    });
  }

  /** Puts back the files of a prune killed before its commit, and removes those of one killed after it. */
  private async recoverPrune(): Promise<void> {
    const names = await fs.readdir(this.paths.runs).catch(() => [] as string[]);
    if (!names.some((n) => n.endsWith(PRUNED_SUFFIX))) return;
    await updateIndex(this.options.dir, async (map) => {
      const kept = new Set([...map.keys()].map(runFileName));
      for (const name of (await fs.readdir(this.paths.runs)).filter((n) => n.endsWith(PRUNED_SUFFIX))) {
        const file = path.join(this.paths.runs, name);
        const original = name.slice(0, -PRUNED_SUFFIX.length);
        if (kept.has(original)) await fs.rename(file, path.join(this.paths.runs, original));
        else await fs.rm(file, { force: true });
      }
    });
  }
}

function withoutWriter(entry: IndexEntry): AuditRunInfo {
  const { writer: _writer, ...info } = entry;
  return info;
}
