/**
 * The auto-refresh timer: one coarse tick refreshes the servers whose chosen interval has passed, never
 * during a bulk run or while a server loads. Intervals persist per server; off by default.
 */
import { dueServers, parseIntervals } from './auto-refresh';
import type { Workspace } from './workspace.svelte';

const KEY = 'gpja.autoRefresh';

/** Per-server auto-refresh intervals and their timer. */
export class AutoRefresh {
  intervals = $state.raw<Readonly<Record<string, number>>>({});
  readonly #workspace: Workspace;
  readonly #storage: Storage | null;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(workspace: Workspace, storage: Storage | null) {
    this.#workspace = workspace;
    this.#storage = storage;
    this.intervals = parseIntervals(storage?.getItem(KEY) ?? null);
  }

  /** Sets a server's interval in seconds (0: off) and remembers it. */
  set(profileId: string, seconds: number): void {
    const { [profileId]: _old, ...rest } = this.intervals;
    this.intervals = seconds > 0 ? { ...rest, [profileId]: seconds } : rest;
    try {
      this.#storage?.setItem(KEY, JSON.stringify(this.intervals));
    } catch {
      // The choice holds for this session.
    }
  }

  /** Starts ticking; `busy` says whether a bulk run is in flight. */
  start(busy: () => boolean): void {
    this.#timer = setInterval(() => {
      const w = this.#workspace;
      const shown = w.shownProfiles.map((p) => p.id);
      const due = dueServers(
        this.intervals,
        (id) => (shown.includes(id) ? w.load(id).loadedAt : null),
        Date.now(),
        busy() || w.loading,
      );
      if (due.length > 0) void w.refreshAfterRun(due);
    }, 1000);
  }

  /** Stops the timer. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
