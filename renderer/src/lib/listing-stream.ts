/**
 * One streamed job listing as the renderer assembles it: `jobs.list` with a `listingId` answers only how
 * many batches it sent, and the batches come as `jobs.page` events on another channel (IPC events, or SSE
 * in `gpjobs ui`), so either may arrive first. The listing is whole once it holds the answer AND every
 * batch the answer counts; batches still missing after a quiet spell were lost (a dropped event stream),
 * which the caller turns into an error and a re-list, never a silently short table.
 */
import type { Job } from './jobs/job-types';

/** Time and frames, injectable so tests drive them (the app uses the browser's). */
export interface ListingClock {
  /** Runs `callback` before the next paint (at most once per frame). */
  frame(callback: () => void): void;
  /** Runs `callback` after `ms`; returns its cancel. */
  after(ms: number, callback: () => void): () => void;
  now(): number;
}

/** The browser's clock: animation frames (a timer where there are none), timers and `performance.now`. */
export const browserClock: ListingClock = {
  frame: (callback) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
    else setTimeout(callback, 16);
  },
  after: (ms, callback) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
  now: () => performance.now(),
};

/** How long a listing waits, after its answer, for a counted batch that has not come before calling it lost. */
export const LOST_BATCH_MS = 10_000;

/** How a listing ended. */
export type ListingEnd = 'complete' | 'lost' | 'stale';

let sequence = 0;

/** A fresh listing id (unique in this window; the main process never reuses a caller's id). */
export function newListingId(): string {
  sequence += 1;
  const random = globalThis.crypto?.randomUUID?.().slice(0, 8) ?? Math.random().toString(36).slice(2, 10);
  return `l${sequence}-${random}`;
}

/** The batches of one listing, in arrival order, and whether they are all there. */
export class StreamedJobs {
  readonly id = newListingId();
  /** Every job received so far, batch after batch in arrival order. */
  readonly received: Job[][] = [];
  /** Jobs received so far. */
  count = 0;
  /** Received batches not yet shown in the table (when this listing streams into it). */
  pending: Job[][] = [];
  pendingCount = 0;
  readonly #seen = new Set<number>();
  #expected: number | null = null;
  #settle: ((end: ListingEnd) => void) | null = null;
  #cancelTimer: (() => void) | null = null;

  readonly profileId: string;
  /** Whether its rows go into the table as they come (a first load) or only once whole (a refresh). */
  readonly streamsIntoTable: boolean;
  /** The server's rows before this listing: kept on a refresh, restored when a streamed one fails. */
  readonly before: readonly Job[] | undefined;
  readonly #clock: ListingClock;

  constructor(
    profileId: string,
    streamsIntoTable: boolean,
    before: readonly Job[] | undefined,
    clock: ListingClock,
  ) {
    this.profileId = profileId;
    this.streamsIntoTable = streamsIntoTable;
    this.before = before;
    this.#clock = clock;
  }

  /** Adds batch number `batch`; false when it is a repeat (ignored). */
  add(batch: number, jobs: Job[]): boolean {
    if (this.#seen.has(batch)) return false;
    this.#seen.add(batch);
    this.received.push(jobs);
    this.count += jobs.length;
    if (this.streamsIntoTable) {
      this.pending.push(jobs);
      this.pendingCount += jobs.length;
    }
    if (this.#settle) this.#check();
    return true;
  }

  /** Takes the batches not yet shown, as one array. */
  takePending(): Job[] {
    const rows = ([] as Job[]).concat(...this.pending);
    this.pending = [];
    this.pendingCount = 0;
    return rows;
  }

  /** Every job of the listing, in arrival order. */
  all(): Job[] {
    return ([] as Job[]).concat(...this.received);
  }

  /**
   * Resolves once all `batches` are here ('complete'), or when none came for `LOST_BATCH_MS` while some
   * are still missing ('lost'), or when `cancel` is called ('stale').
   */
  whole(batches: number): Promise<ListingEnd> {
    this.#expected = batches;
    return new Promise((resolve) => {
      this.#settle = resolve;
      this.#check();
    });
  }

  /** How many counted batches are missing (after the answer). */
  get missing(): number {
    return Math.max(0, (this.#expected ?? 0) - this.#seen.size);
  }

  /** Ends the wait as 'stale' (a newer listing of the server took over, or the server was removed). */
  cancel(): void {
    this.#end('stale');
  }

  #check(): void {
    if (this.#expected === null) return;
    if (this.#seen.size >= this.#expected) return this.#end('complete');
    this.#cancelTimer?.();
    this.#cancelTimer = this.#clock.after(LOST_BATCH_MS, () => this.#end('lost'));
  }

  #end(end: ListingEnd): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    const settle = this.#settle;
    this.#settle = null;
    settle?.(end);
  }
}
