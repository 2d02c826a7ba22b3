/**
 * The audit index: one small JSON file listing every run with its summary, so the run history is one read
 * however many job lines the runs hold. It is only ever replaced whole (temp file, fsync, rename) while
 * holding the index lock, so readers need no lock and always see a complete index. The run files stay the
 * record of truth: an index lost or damaged is rebuilt from them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../profiles/atomic-file';
import type { AuditRunInfo } from './audit-reader';
import { withFileLock } from '../profiles/file-lock';
import { ok } from '../types';
import { emptyCounts } from './records';
import type { AuditCounts } from './records';

/** The audit directory's file names. */
export const AUDIT_DIR_NAME = 'audit';
export const INDEX_FILE_NAME = 'index.json';
export const LOCK_FILE_NAME = 'index.lock';
export const RUNS_DIR_NAME = 'runs';
const INDEX_FORMAT = 'gpjobs-audit-index';

/** A run as the index keeps it: its summary, plus who writes it and who acknowledged its interruption. */
export interface IndexEntry extends AuditRunInfo {
  /** The process writing the run while it has not ended (a live one means the run is still going). */
  writer?: { pid: number; host: string };
}

/** The index as read: its entries, and whether the file was damaged (unreadable as a whole). */
export interface IndexRead {
  entries: IndexEntry[];
  damaged: boolean;
  /** Entries skipped because their fields had the wrong types. */
  skipped: number;
}

/** The file name of run `runId` inside `runs/`: the id itself when it is a safe name, else a hash of it. */
export function runFileName(runId: string): string {
  const safe = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(runId);
  return `${safe ? runId : `h-${createHash('sha256').update(runId).digest('hex').slice(0, 40)}`}.jsonl`;
}

export { processAlive } from '../process-alive';

/** Paths of the audit directory `dir`. */
export function auditPaths(dir: string) {
  return {
    dir,
    index: path.join(dir, INDEX_FILE_NAME),
    lock: path.join(dir, LOCK_FILE_NAME),
    runs: path.join(dir, RUNS_DIR_NAME),
    runFile: (runId: string) => path.join(dir, RUNS_DIR_NAME, runFileName(runId)),
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function validCounts(v: unknown): AuditCounts | null {
  if (typeof v !== 'object' || v === null) return null;
  const counts = emptyCounts();
  for (const key of Object.keys(counts) as Array<keyof AuditCounts>) {
    const n = (v as Record<string, unknown>)[key];
    if (n !== undefined && !isCount(n)) return null;
    counts[key] = (n as number | undefined) ?? 0;
  }
  return counts;
}

/** One entry checked field by field (tolerant reader: unknown fields are ignored), or null. */
export function validEntry(v: unknown): IndexEntry | null {
  if (typeof v !== 'object' || v === null) return null;
  const e = v as Record<string, unknown>;
  const counts = validCounts(e.counts);
  if (!isString(e.runId) || !isString(e.startedAt) || !isString(e.osUser) || !counts) return null;
  if (e.action !== 'delete' && e.action !== 'cancel') return null;
  if (!isCount(e.total) || !isCount(e.done) || !Array.isArray(e.profiles)) return null;
  const profiles = e.profiles.filter(
    (p): p is IndexEntry['profiles'][number] =>
      typeof p === 'object' && p !== null && isString((p as { id?: unknown }).id) && isString(p.name),
  );
  const entry: IndexEntry = {
    runId: e.runId,
    action: e.action,
    startedAt: e.startedAt,
    endedAt: isString(e.endedAt) ? e.endedAt : null,
    osUser: e.osUser,
    profiles,
    servers: profiles.map((p) => p.name),
    total: e.total,
    counts,
    done: e.done,
    aborted: e.aborted === true,
    interrupted: e.interrupted !== false,
    inFlight: isCount(e.inFlight) ? e.inFlight : 0,
  };
  if (isString(e.abortReason)) entry.abortReason = e.abortReason;
  if (isString(e.retryOf)) entry.retryOf = e.retryOf;
  if (isString(e.policy)) entry.policy = e.policy;
  const ack = e.acknowledged as { time?: unknown; osUser?: unknown } | undefined;
  if (ack && isString(ack.time) && isString(ack.osUser))
    entry.acknowledged = { time: ack.time, osUser: ack.osUser };
  const w = e.writer as { pid?: unknown; host?: unknown } | undefined;
  if (w && typeof w.pid === 'number' && isString(w.host)) entry.writer = { pid: w.pid, host: w.host };
  return entry;
}

/** Reads the index; a missing one is empty, a damaged one is reported (the caller rebuilds it). */
export async function readIndex(file: string): Promise<IndexRead> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], damaged: false, skipped: 0 };
    throw e;
  }
  let parsed: { format?: unknown; runs?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return { entries: [], damaged: true, skipped: 0 };
  }
  if (parsed?.format !== INDEX_FORMAT || !Array.isArray(parsed.runs))
    return { entries: [], damaged: true, skipped: 0 };
  const entries: IndexEntry[] = [];
  let skipped = 0;
  for (const raw of parsed.runs) {
    const entry = validEntry(raw);
    if (entry) entries.push(entry);
    else skipped++;
  }
  return { entries, damaged: false, skipped };
}

/** Replaces the index with `entries`, oldest run first (one line per run, so the file diffs and greps well). */
export async function writeIndex(file: string, entries: readonly IndexEntry[]): Promise<void> {
  const sorted = [...entries].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const lines = sorted.map((e) => JSON.stringify(e));
  const text = `{"format":"${INDEX_FORMAT}","version":1,"runs":[\n${lines.join(',\n')}\n]}\n`;
  await writeFileAtomic(file, text);
}

/**
 * Read-modify-replace of the index under the cross-process lock: `change` gets the current entries (by run
 * id) and edits them in place; returns what `change` returned. A damaged index is handed over empty
 * (`damaged` true) so the caller can rebuild it from the run files.
 */
export async function updateIndex<T>(
  dir: string,
  change: (entries: Map<string, IndexEntry>, damaged: boolean) => Promise<T> | T,
): Promise<T> {
  const paths = auditPaths(dir);
  await fs.mkdir(paths.runs, { recursive: true, mode: 0o700 });
  let value: T | undefined;
  const done = await withFileLock(
    paths.lock,
    async () => {
      const read = await readIndex(paths.index);
      const entries = new Map(read.entries.map((e) => [e.runId, e]));
      const before = JSON.stringify([...entries.values()]);
      value = await change(entries, read.damaged);
      if (read.damaged || JSON.stringify([...entries.values()]) !== before)
        await writeIndex(paths.index, [...entries.values()]);
      return ok(null);
    },
    { create: true },
  );
  if (!done.ok) throw new Error(done.error.message);
  return value as T;
}
