/**
 * The server directories and the arcgisjobs cleanup (see ./README.md): with TIME_ELAPSED_SINCE_LAST_MODIFIED,
 * finished jobs older than maxFileAge minutes vanish from query, statistics and the REST job page on each
 * sweep (every minute, or now through `clean`). NONE (the simulator's default) never cleans.
 */
import type { JobStore } from './store';
import { TERMINAL_STATUSES } from './store';

/** Cleanup modes of a server directory. */
export type CleanupMode = 'NONE' | 'TIME_ELAPSED_SINCE_LAST_MODIFIED';

const ROOT = 'D:\\arcgisserver\\directories';

/** The arcgisjobs retention policy and its sweeper. */
export class Retention {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: JobStore,
    private readonly clock: () => number,
    public cleanupMode: CleanupMode,
    public maxFileAgeMinutes: number,
  ) {
    this.reschedule();
  }

  /** Removes finished jobs older than maxFileAge; returns how many. */
  sweep(): number {
    if (this.cleanupMode === 'NONE') return 0;
    const cutoff = this.clock() - this.maxFileAgeMinutes * 60_000;
    let removed = 0;
    for (const svc of this.store.services) {
      for (const job of [...svc.jobs.values()]) {
        if (TERMINAL_STATUSES.has(job.status) && (job.endTime ?? job.submittedTime) < cutoff) {
          this.store.remove(job);
          removed++;
        }
      }
    }
    return removed;
  }

  /** Changes the policy (the admin `edit` operation). */
  edit(mode: CleanupMode, maxFileAgeMinutes: number): void {
    this.cleanupMode = mode;
    this.maxFileAgeMinutes = maxFileAgeMinutes;
    this.reschedule();
  }

  /** Stops the periodic sweep. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The server directories as `admin/system/directories` lists them. */
  directories(): Record<string, unknown>[] {
    const dir = (name: string, type: string, mode: string, age: number): Record<string, unknown> => ({
      name,
      physicalPath: `${ROOT}\\${name}`,
      directoryType: type,
      cleanupMode: mode,
      maxFileAge: age,
      description: `Stores ${name.replace('arcgis', '')} files`,
      virtualPath: `/rest/directories/${name}`,
    });
    return [
      dir('arcgiscache', 'CACHE', 'NONE', 0),
      dir('arcgisjobs', 'JOBS', this.cleanupMode, this.maxFileAgeMinutes),
      dir('arcgisoutput', 'OUTPUT', 'TIME_ELAPSED_SINCE_LAST_MODIFIED', 10),
      dir('arcgissystem', 'SYSTEM', 'NONE', 0),
    ];
  }

  private reschedule(): void {
    this.stop();
    if (this.cleanupMode === 'NONE') return;
    this.timer = setInterval(() => this.sweep(), 60_000);
    this.timer.unref();
  }
}
