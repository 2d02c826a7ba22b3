/**
 * Converting the old single `audit.jsonl` into the audit directory, once, without losing a byte of it:
 *
 * 1. Every line is copied unchanged into a staging file of its run (`audit/migrating/`); lines that do not
 *    parse or belong to no run go to one leftovers file, which is kept too.
 * 2. The staged files are read back and checked: each holds exactly its run and the number of lines copied,
 *    and all lines together are the old file's lines.
 * 3. Under the index lock the staged files are moved into `runs/` and their runs added to the index (runs
 *    the index already has are left as they are), in one index replacement.
 * 4. Only then, and only if the old file has not grown meanwhile, is it removed.
 *
 * Killed at any point, the old file is still there and is read as before; a later start converts again.
 * One process converts at a time (a lock file); the others keep reading the old file until it is gone.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { readRuns } from './audit-reader';
import { withFileLock } from '../profiles/file-lock';
import { ok } from '../types';
import { checkRecord } from './record-check';
import { auditPaths, processAlive, runFileName, updateIndex } from './run-index';

/** What a conversion did. */
export interface MigrationReport {
  runs: number;
  lines: number;
  /** Lines kept aside (unreadable, or of no run), in `keptAside` when there were any. */
  leftovers: number;
  keptAside: string | null;
  /** False when the old file grew during the conversion and was left for the next one. */
  removedOriginal: boolean;
}

const FLUSH_BYTES = 4 * 1024 * 1024;

interface Staged {
  file: string;
  lines: number;
}

function parse(line: string): { type: string; runId: string } | null {
  try {
    return checkRecord(JSON.parse(line));
  } catch {
    return null;
  }
}

/** Copies every line of `legacy` into per-run staging files; returns them, plus the line counts. */
async function stage(legacy: string, staging: string) {
  const runs = new Map<string, Staged>();
  const buffers = new Map<string, string[]>();
  const leftovers: string[] = [];
  let buffered = 0;
  let lines = 0;
  const flush = async (): Promise<void> => {
    for (const [runId, chunk] of buffers) await fs.appendFile(runs.get(runId)!.file, chunk.join(''));
    buffers.clear();
    buffered = 0;
  };
  const input = readline.createInterface({
    input: createReadStream(legacy, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  for await (const line of input) {
    if (line.trim() === '') continue;
    lines++;
    const rec = parse(line);
    if (rec?.type === 'run-start' && !runs.has(rec.runId))
      runs.set(rec.runId, { file: path.join(staging, runFileName(rec.runId)), lines: 0 });
    const run = rec ? runs.get(rec.runId) : undefined;
    if (!run || !rec) {
      leftovers.push(`${line}\n`);
      continue;
    }
    run.lines++;
    let chunk = buffers.get(rec.runId);
    if (!chunk) buffers.set(rec.runId, (chunk = []));
    chunk.push(`${line}\n`);
    buffered += line.length + 1;
    if (buffered > FLUSH_BYTES) await flush();
  }
  await flush();
  return { runs, leftovers, lines };
}

/** What the index knows of a run that its lines do not say. */
function pick(entry: { acknowledged?: { time: string; osUser: string } } | undefined) {
  return entry?.acknowledged ? { acknowledged: entry.acknowledged } : {};
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 10) n++;
  return n;
}

/** Converts `legacy` into the audit directory `dir` (see the module comment); null when there is nothing to do. */
export async function migrateLegacyLog(legacy: string, dir: string): Promise<MigrationReport | null> {
  const before = await fs.stat(legacy).catch(() => null);
  if (!before) return null;
  const paths = auditPaths(dir);
  await fs.mkdir(paths.runs, { recursive: true, mode: 0o700 });
  // One converter at a time; the others read the old file meanwhile (a lock held: no wait, nothing to do).
  const done = await withFileLock(
    path.join(dir, 'migrate.lock'),
    async () => ok(await convert(legacy, dir)),
    {
      create: true,
      waitMs: 0,
    },
  );
  return done.ok ? done.value : null;
}

/** Removes the staging directories of conversions whose process is gone. */
async function removeDeadStaging(dir: string): Promise<void> {
  for (const name of await fs.readdir(dir)) {
    const pid = /^migrating-(\d+)-/.exec(name)?.[1];
    if (pid && !processAlive(Number(pid)))
      await fs.rm(path.join(dir, name), { recursive: true, force: true });
  }
}

async function convert(legacy: string, dir: string): Promise<MigrationReport | null> {
  const before = await fs.stat(legacy).catch(() => null);
  if (!before) return null;
  const paths = auditPaths(dir);
  // Staged per process: should a lock judged stale let a second converter in, neither disturbs the other.
  await removeDeadStaging(dir);
  const staging = path.join(dir, `migrating-${process.pid}-${randomUUID()}`);
  await fs.mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    const { runs, leftovers, lines } = await stage(legacy, staging);
    // Verify before anything moves: each staged file holds its run and every line copied for it.
    const infos = new Map<string, Awaited<ReturnType<typeof readRuns>>[number]>();
    let copied = leftovers.length;
    for (const [runId, staged] of runs) {
      const read = await readRuns(staged.file);
      const count = await countLines(staged.file);
      if (read.length !== 1 || read[0]!.runId !== runId || count !== staged.lines)
        throw new Error(`the converted copy of run ${runId} does not match the original`);
      infos.set(runId, read[0]!);
      copied += count;
    }
    if (copied !== lines) throw new Error(`${lines} lines read but ${copied} converted`);
    let keptAside: string | null = null;
    if (leftovers.length > 0) {
      keptAside = path.join(dir, `legacy-leftovers-${before.mtimeMs.toFixed(0)}.jsonl`);
      await fs.writeFile(keptAside, leftovers.join(''), { mode: 0o600 });
    }
    await updateIndex(dir, async (map) => {
      for (const [runId, staged] of runs) {
        // Converted before: replaced only if the old file gained lines of it since (an old version wrote on).
        const target = path.join(paths.runs, path.basename(staged.file));
        if (map.has(runId) && (await countLines(target).catch(() => 0)) >= staged.lines) continue;
        await fs.rename(staged.file, target);
        map.set(runId, { ...infos.get(runId)!, ...pick(map.get(runId)) });
      }
    });
    const after = await fs.stat(legacy).catch(() => null);
    const unchanged = !!after && after.size === before.size && after.mtimeMs === before.mtimeMs;
    if (unchanged) await fs.rm(legacy, { force: true });
    return { runs: runs.size, lines, leftovers: leftovers.length, keptAside, removedOriginal: unchanged };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}
