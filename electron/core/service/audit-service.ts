/**
 * The audit log's upkeep as the app and the CLI use it: the retention preference (with IT's managed
 * minimum), pruning by hand or after each run, acknowledging interrupted runs and archiving many runs.
 */
import path from 'node:path';
import { exportArchive } from '../audit/archive';
import type { ArchiveRange, ArchiveReport } from '../audit/archive';
import type { AuditRunInfo } from '../audit/audit-reader';
import { AUDIT_FILE_NAME } from '../audit/audit-log';
import { AuditStore } from '../audit/audit-store';
import { currentOsUser } from '../audit/records';
import { AUDIT_DIR_NAME } from '../audit/run-index';
import { DAY_MS, pruneRuns, readRetention, saveRetention } from '../audit/retention';
import type { PruneReport, RetentionPolicy } from '../audit/retention';
import type { Result } from '../types';
import { err, ok } from '../types';

/** The managed settings file IT may provision: `settings.json` next to the managed profiles file. */
export function managedSettingsPath(managedProfilesPath: string | null): string | null {
  return managedProfilesPath === null ? null : path.join(path.dirname(managedProfilesPath), 'settings.json');
}

/** See the module comment. */
export class AuditService {
  readonly store: AuditStore;

  constructor(
    configDir: string,
    private readonly managedFile: string | null,
  ) {
    this.store = new AuditStore({
      dir: path.join(configDir, AUDIT_DIR_NAME),
      legacyFile: path.join(configDir, AUDIT_FILE_NAME),
    });
  }

  /** How long runs are kept (preference and managed minimum). */
  retention(): Promise<Result<RetentionPolicy>> {
    return readRetention(this.store.options.dir, this.managedFile);
  }

  /** Saves how long to keep runs (null: forever) and applies it at once; says how many runs went. */
  async setRetention(keepDays: number | null): Promise<Result<RetentionPolicy & { removed: number }>> {
    const saved = await saveRetention(this.store.options.dir, this.managedFile, keepDays);
    if (!saved.ok) return saved;
    const applied = await this.applyRetention();
    if (!applied.ok) return applied;
    return ok({ ...saved.value, removed: applied.value?.removed.length ?? 0 });
  }

  /** Prunes by the saved preference (nothing when it is "keep everything"). */
  async applyRetention(now?: number): Promise<Result<PruneReport | null>> {
    const policy = await this.retention();
    if (!policy.ok) return policy;
    if (policy.value.keepDays === null) return ok(null);
    return this.prune(policy.value.keepDays * DAY_MS, { now });
  }

  /** Removes (or with `dryRun` lists) the runs older than `olderThanMs`, within the managed minimum. */
  async prune(
    olderThanMs: number,
    options: { dryRun?: boolean; now?: number } = {},
  ): Promise<Result<PruneReport>> {
    const policy = await this.retention();
    if (!policy.ok) return policy;
    try {
      return await pruneRuns(this.store, {
        olderThanMs,
        minimumDays: policy.value.minimumDays,
        managedFile: policy.value.managedFile,
        ...options,
      });
    } catch (e) {
      return err({ kind: 'config', message: `Could not prune the audit log: ${(e as Error).message}` });
    }
  }

  /** Marks interrupted run `runId` as checked, so retention may remove it. */
  acknowledge(runId: string): Promise<Result<AuditRunInfo>> {
    return this.store.acknowledge(runId, currentOsUser());
  }

  /** Writes the results of every run started in `range` (see `exportArchive`). */
  exportRuns(
    range: ArchiveRange,
    format: 'csv' | 'json',
    write: (chunk: string) => Promise<void>,
  ): Promise<ArchiveReport> {
    return exportArchive(this.store, range, format, write);
  }
}
