/**
 * Retention: removing whole old runs, by hand (`gpjobs runs prune`) or after every run when the user set
 * how long to keep them (default: keep everything). A run is only removed if it ended, or if it was
 * interrupted and has since been retried or acknowledged: an interrupted run nobody looked at may hide jobs
 * the server acted on. IT can fix a minimum (a managed settings file), below which nothing is removed.
 *
 * Removal is atomic per prune: the run files are renamed `*.pruned`, then one index replacement drops the
 * runs (the commit), then the renamed files are deleted. A prune killed before its commit is undone by the
 * next start (files renamed back), one killed after it is finished (files deleted): see `AuditStore.ready`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../profiles/atomic-file';
import type { Result } from '../types';
import { err, ok } from '../types';
import type { AuditRunInfo } from './audit-reader';
import { PRUNED_SUFFIX, writerAlive } from './audit-store';
import type { AuditStore } from './audit-store';
import { updateIndex } from './run-index';

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;
/** The preference file inside the audit directory. */
export const RETENTION_FILE_NAME = 'retention.json';
/** Longest retention the preference accepts (100 years). */
export const MAX_KEEP_DAYS = 36_500;

/** How long runs are kept: the user's preference and the managed minimum. */
export interface RetentionPolicy {
  /** Days to keep runs; null: keep everything (the default). */
  keepDays: number | null;
  /** Days IT requires runs to be kept; null: no requirement. */
  minimumDays: number | null;
  /** The managed settings file the minimum comes from. */
  managedFile: string | null;
}

/** What a prune removed (or, dry, would remove) and the old interrupted runs it kept. */
export interface PruneReport {
  cutoff: string;
  dryRun: boolean;
  removed: AuditRunInfo[];
  /** Older than the cutoff but interrupted and neither retried nor acknowledged. */
  keptInterrupted: AuditRunInfo[];
}

/** Options of `pruneRuns`. */
export interface PruneOptions {
  olderThanMs: number;
  minimumDays: number | null;
  managedFile?: string | null;
  dryRun?: boolean;
  now?: number;
  /** Test hook: awaited after each run file is set aside, and after the commit. */
  onStep?: (step: 'moved' | 'committed', runId?: string) => Promise<void>;
}

const positiveDays = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_KEEP_DAYS;

/** Reads the managed minimum; a managed file that exists but cannot be understood blocks pruning. */
async function readMinimum(managedFile: string | null): Promise<Result<number | null>> {
  if (!managedFile) return ok(null);
  let text: string;
  try {
    text = await fs.readFile(managedFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
    return err({ kind: 'config', message: `Cannot read the managed settings ${managedFile}: ${String(e)}` });
  }
  try {
    const audit = (JSON.parse(text) as { audit?: { minimumRetentionDays?: unknown } }).audit;
    const min = audit?.minimumRetentionDays;
    if (min === undefined) return ok(null);
    if (positiveDays(min)) return ok(min);
  } catch {
    // Reported below.
  }
  return err({
    kind: 'config',
    message:
      `The managed settings ${managedFile} are damaged (audit.minimumRetentionDays must be a whole number ` +
      `of days from 1 to ${MAX_KEEP_DAYS}); nothing is removed from the audit log until IT fixes them.`,
  });
}

/** The retention preference and the managed minimum. */
export async function readRetention(
  dir: string,
  managedFile: string | null,
): Promise<Result<RetentionPolicy>> {
  const minimum = await readMinimum(managedFile);
  if (!minimum.ok) return minimum;
  let keepDays: number | null = null;
  try {
    const v = (
      JSON.parse(await fs.readFile(path.join(dir, RETENTION_FILE_NAME), 'utf8')) as { keepDays?: unknown }
    ).keepDays;
    keepDays = positiveDays(v) ? v : null;
  } catch {
    // No preference (or an unreadable one): keep everything, the safe default.
  }
  if (keepDays !== null && minimum.value !== null) keepDays = Math.max(keepDays, minimum.value);
  return ok({ keepDays, minimumDays: minimum.value, managedFile: minimum.value ? managedFile : null });
}

function belowMinimum(days: number, minimum: number, managedFile: string | null | undefined): string {
  return (
    `Your organisation keeps the audit log for at least ${minimum} days (managed setting` +
    `${managedFile ? ` in ${managedFile}` : ''}); ${days} days is shorter. Use ${minimum} days or more.`
  );
}

/** Saves the preference (null: keep everything); refused below the managed minimum. */
export async function saveRetention(
  dir: string,
  managedFile: string | null,
  keepDays: number | null,
): Promise<Result<RetentionPolicy>> {
  const current = await readRetention(dir, managedFile);
  if (!current.ok) return current;
  if (keepDays !== null && !positiveDays(keepDays))
    return err({ kind: 'invalid-input', message: `Keep runs from 1 to ${MAX_KEEP_DAYS} days, or forever.` });
  const min = current.value.minimumDays;
  if (keepDays !== null && min !== null && keepDays < min)
    return err({ kind: 'invalid-input', message: belowMinimum(keepDays, min, managedFile) });
  await writeFileAtomic(path.join(dir, RETENTION_FILE_NAME), `${JSON.stringify({ keepDays })}\n`);
  return ok({ ...current.value, keepDays });
}

/** Removes the runs that started more than `olderThanMs` ago (see the module comment). */
export async function pruneRuns(store: AuditStore, options: PruneOptions): Promise<Result<PruneReport>> {
  const now = options.now ?? Date.now();
  const min = options.minimumDays;
  if (min !== null && options.olderThanMs < min * DAY_MS) {
    const days = Math.floor(options.olderThanMs / DAY_MS);
    return err({ kind: 'invalid-input', message: belowMinimum(days, min, options.managedFile) });
  }
  const cutoff = now - options.olderThanMs;
  const runs = await store.listRuns();
  const retried = new Set(runs.map((r) => r.retryOf));
  const old = runs.filter((r) => Date.parse(r.startedAt) < cutoff && !r.running);
  const keptInterrupted = old.filter((r) => r.interrupted && !r.acknowledged && !retried.has(r.runId));
  const candidates = old.filter((r) => !keptInterrupted.includes(r));
  const report = { cutoff: new Date(cutoff).toISOString(), dryRun: !!options.dryRun, keptInterrupted };
  if (options.dryRun || candidates.length === 0) return ok({ ...report, removed: candidates });
  const aside: string[] = [];
  const removed = await updateIndex(store.options.dir, async (map) => {
    const gone: AuditRunInfo[] = [];
    for (const run of candidates) {
      const entry = map.get(run.runId);
      if (!entry || (!entry.endedAt && writerAlive(entry))) continue;
      const file = store.paths.runFile(run.runId);
      await fs.rename(file, `${file}${PRUNED_SUFFIX}`).then(
        () => aside.push(`${file}${PRUNED_SUFFIX}`),
        (e: NodeJS.ErrnoException) => {
          if (e.code !== 'ENOENT') throw e;
        },
      );
      await options.onStep?.('moved', run.runId);
      map.delete(run.runId);
      gone.push(run);
    }
    return gone;
  });
  await options.onStep?.('committed');
  for (const file of aside) await fs.rm(file, { force: true });
  return ok({ ...report, removed });
}
