/**
 * What the benchmark's paired legs share (bulk, listing and fleet): the untimed warm-up rounds before the
 * first pair, and the order of the app's and the bare loop's pass within each pair.
 */
import { performance } from 'node:perf_hooks';

/**
 * Untimed warm-up rounds before the first pair, each an engine run and a bare pass of `warmupJobs`
 * (bulk-bench.ts). After one engine run of 600 jobs and a bare pass of 200, the first measured pair still
 * spent 42-48 µs per job on V8's other threads (compiling) against 12-22 in later pairs, and its bare pass
 * 12-14 µs against 1-4: the engine's run-level code is compiled again at its second plan, and a third of
 * the warm-up left the bare loop colder than the engine.
 */
export const WARM_UP_ROUNDS = 2;

/**
 * Runs pair `n`'s two passes, the app's first in even pairs and the bare loop's first in odd ones (the
 * benchmark's old order, kept for run-drift.ts). Its legs do not follow equal idle spells: the app's leg
 * of an odd pair follows two bare passes, the bare loop's of an even pair two app passes; the bulk, listing
 * and fleet parts use `EvenIdlePairs` instead.
 */
export async function inPairOrder(n: number, app: () => Promise<void>, bare: () => Promise<void>) {
  const [first, second] = n % 2 === 0 ? [app, bare] : [bare, app];
  await first();
  await second();
}

/** The two sides of a pair, each in a process of its own. */
export type PairSide = 'app' | 'bare';

/** Time as the schedule reads and spends it (ms); the benchmark's is `performance.now` and a timer. */
export interface ScheduleClock {
  now(): number;
  wait(ms: number): Promise<void>;
}

const REAL_CLOCK: ScheduleClock = {
  now: () => performance.now(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One leg as the schedule ran it: its pair (null for a warm-up leg), side, times and idle spell before it. */
export interface ScheduledLeg {
  pair: number | null;
  side: PairSide;
  startMs: number;
  endMs: number;
  /** Since the end of this side's previous leg (null for its first leg of all, a warm-up one). */
  idleMs: number | null;
}

/** The schedule's sizes (ms). */
export interface EvenIdleOptions {
  /** The longest a measured leg of either side is expected to take, at the least. */
  legMs: number;
  /**
   * A measured leg's work in warm-up legs (e.g. 10,000 deletes / 1,500): when given, the last warm-up round
   * raises `legMs` to 1.1 x this x the longer of the two warm-up legs before its bare leg (the first round's
   * are the coldest), so a loaded machine's longer legs still fit.
   */
  warmScale?: number;
  /** The least time between one side's leg ending and the other's starting. */
  settleMs: number;
  /** Room for the two sides' legs to differ in length, pair after pair (see `EvenIdlePairs`). */
  marginMs: number;
  /**
   * When given, the margin is at least this share of `legMs` as sized by the warm-up (`warmScale`): for legs
   * whose length is only known once warm (the fleet's listing: 4-6 s, the service's 1-2 s longer each pair).
   */
  marginShare?: number;
  clock?: ScheduleClock;
}

/** The idle spells before a pair's two legs (ms; null where a leg has not run or was its side's first). */
export interface PairIdle {
  app: number | null;
  bare: number | null;
}

/**
 * Pairs whose every measured leg, the app's and the bare loop's, starts after the same idle spell of its
 * process, `idleMs` since that side's previous leg (a warm-up leg for the first pair) ended, and at least
 * `settleMs` after the other side's leg ended. The legs alternate strictly (app, bare, app, bare …), so
 * each follows exactly one leg of the other side.
 *
 * A side's idle spell holds the other side's leg, so if the app's legs are longer than the bare loop's, the
 * bare loop's legs come round sooner each pair: equal spells need the gap between the two sides' last legs
 * to start inside a window and stay there. `idleMs` is `legMs + 2 × (settleMs + marginMs)`, and the last
 * warm-up round puts that gap in the window's middle for legs of the expected length (its bare leg ends
 * `(idleMs + expected) / 2` after its app leg), so the other side's leg leaves the simulators, which both
 * sides share, the same rest before each side's leg, and at least `marginMs` for the legs' differences to
 * add up over the pairs. If that bare leg ends later than planned, `idleMs` grows to centre it. When a leg
 * starts later than its `idleMs` all the same (a leg ran past `legMs`, or the differences outgrew the
 * margin), that longer spell becomes `idleMs` for every leg after it; `legs` records each leg's spell.
 *
 * Why not `inPairOrder`'s alternation of which side goes first: in it (app, bare | bare, app | …) the app's
 * leg of an odd pair follows two bare legs and the bare loop's of an even pair two app legs, while the other
 * side's follows its own previous leg at once; no wait can even that out, since the leg after two legs of
 * the other side idles for both of them and the wait between them. An idle process pays on its next leg: the
 * connections it kept are gone (undici drops one idle for 3 s, the simulators close one idle for 5 s, so a
 * leg opens one per slot again), V8 has shrunk its young generation and may have dropped compiled code
 * (README, *Noise in the ratios*). The two processes are separate (bare-process.ts), so neither side's leg
 * collects the other's garbage, which the alternation was also for.
 */
export class EvenIdlePairs {
  /** Every leg in the order run, warm-up legs included. */
  readonly legs: ScheduledLeg[] = [];
  private idle: number;
  private legMs: number;
  private readonly settleMs: number;
  private marginMs: number;
  private readonly marginShare: number;
  private readonly warmScale: number | undefined;
  private readonly lastEnd: Record<PairSide, number | null> = { app: null, bare: null };
  private lastBareWarmMs = 0;
  private expectedMs: number;
  private readonly clock: ScheduleClock;

  constructor(o: EvenIdleOptions) {
    if (!(o.legMs > 0 && o.settleMs >= 0 && o.marginMs >= 0))
      throw new Error(`pairs: leg ${o.legMs} ms, settle ${o.settleMs} ms, margin ${o.marginMs} ms`);
    [this.legMs, this.settleMs, this.marginMs, this.warmScale] = [
      o.legMs,
      o.settleMs,
      o.marginMs,
      o.warmScale,
    ];
    this.marginShare = o.marginShare ?? 0;
    this.marginMs = Math.max(this.marginMs, this.marginShare * this.legMs);
    this.idle = this.legMs + 2 * (o.settleMs + this.marginMs);
    this.expectedMs = this.legMs;
    this.clock = o.clock ?? REAL_CLOCK;
  }

  /** The idle spell every measured leg now starts after (ms). */
  get idleMs(): number {
    return this.idle;
  }

  /**
   * An untimed warm-up round, the app's leg then the bare loop's, run at once; in the last round `legMs` and
   * the expected leg are sized from the two warm-up legs before its bare leg (`warmScale`), and the bare leg
   * waits so that it ends in the window's middle after the app's (its length taken as the previous bare
   * warm-up leg's), which sets both sides up for the first pair.
   */
  async warmRound(app: () => Promise<void>, bare: () => Promise<void>, last: boolean): Promise<void> {
    await this.run(null, 'app', app);
    if (last) {
      // The previous round's bare leg and this round's app leg: the warmest there are.
      const warm = this.legs.slice(-2).map((l) => l.endMs - l.startMs);
      if (this.warmScale !== undefined)
        this.legMs = Math.max(this.legMs, 1.1 * this.warmScale * Math.max(...warm));
      this.marginMs = Math.max(this.marginMs, this.marginShare * this.legMs);
      this.idle = this.legMs + 2 * (this.settleMs + this.marginMs);
      // Centred for a leg of the expected length, not of the bound `legMs`: the other side's leg then leaves
      // the same rest before each side's leg, (idle - expected) / 2, for the simulators shared by both.
      this.expectedMs =
        this.warmScale === undefined
          ? this.legMs
          : Math.min(this.legMs, (this.warmScale * (warm[0]! + warm[1]!)) / 2);
      await this.until(this.lastEnd.app! + this.phase() - this.lastBareWarmMs);
    }
    const t0 = this.clock.now();
    await this.run(null, 'bare', bare);
    this.lastBareWarmMs = this.clock.now() - t0;
    // A bare leg longer than the one its wait was sized on (one after an idle spell may be) ends past the
    // middle: a longer spell for every leg puts the middle back where it ended.
    if (last) this.idle = Math.max(this.idle, 2 * (this.lastEnd.bare! - this.lastEnd.app!) - this.expectedMs);
  }

  /** Between the ends of the app's and then the bare loop's leg: the middle of the window (ms). */
  private phase(): number {
    return (this.idle + this.expectedMs) / 2;
  }

  /** Pair `n`: the app's leg, then the bare loop's, each after its process has idled `idleMs`. */
  async pair(n: number, app: () => Promise<void>, bare: () => Promise<void>): Promise<void> {
    await this.settle('app');
    await this.run(n, 'app', app);
    await this.settle('bare');
    await this.run(n, 'bare', bare);
  }

  /** The measured legs' idle spells, in the order run. */
  idles(): Array<{ pair: number; side: PairSide; idleMs: number | null }> {
    return this.legs.flatMap((l) =>
      l.pair === null ? [] : [{ pair: l.pair, side: l.side, idleMs: l.idleMs }],
    );
  }

  /** Each measured pair's two idle spells, in pair order. */
  pairIdles(): PairIdle[] {
    const pairs = [...new Set(this.legs.flatMap((l) => (l.pair === null ? [] : [l.pair])))];
    return pairs.map((n) => ({ app: this.idleOf(n, 'app'), bare: this.idleOf(n, 'bare') }));
  }

  /** The idle spell before `side`'s leg of pair `n` (null if it has not run, or was that side's first leg). */
  idleOf(n: number, side: PairSide): number | null {
    return this.legs.find((l) => l.pair === n && l.side === side)?.idleMs ?? null;
  }

  /**
   * Pair `n`'s idle spells for the log, marked when they differ: once the legs' differences outgrow the
   * margin, a leg pushed back raises the spell from that leg on, so its pair's other leg idled less.
   */
  idleLine(n: number): string {
    const [app, bare] = [this.idleOf(n, 'app'), this.idleOf(n, 'bare')];
    const s = (ms: number | null) => (ms === null ? '?' : (ms / 1000).toFixed(2));
    const unequal = app !== null && bare !== null && Math.abs(app - bare) > 50;
    return `after ${s(app)} / ${s(bare)} s idle${unequal ? ' (unequal: the legs outgrew the margin)' : ''}`;
  }

  /** Waits until `side` has idled `idleMs` and the other side's last leg ended `settleMs` ago. */
  private async settle(side: PairSide): Promise<void> {
    const own = this.lastEnd[side];
    const other = this.lastEnd[side === 'app' ? 'bare' : 'app'];
    const byIdle = own === null ? -Infinity : own + this.idle;
    const bySettle = other === null ? -Infinity : other + this.settleMs;
    const now = this.clock.now();
    const start = Math.max(byIdle, bySettle, now);
    // This leg starts later than its idle spell: the rest idle as long.
    if (own !== null && start > byIdle) this.idle = start - own;
    await this.until(start);
  }

  private async until(at: number): Promise<void> {
    const now = this.clock.now();
    if (at > now) await this.clock.wait(at - now);
  }

  private async run(pair: number | null, side: PairSide, leg: () => Promise<void>): Promise<void> {
    const startMs = this.clock.now();
    const own = this.lastEnd[side];
    await leg();
    const endMs = this.clock.now();
    this.lastEnd[side] = endMs;
    this.legs.push({ pair, side, startMs, endMs, idleMs: own === null ? null : startMs - own });
  }
}

/*
 * The parts' schedules. `spacing` scales their settle and margins (and a bulk part's warm-up scaling):
 * 1 in the benchmark, 0.1 in `--smoke`, whose short legs only prove that the schedule runs (npm test waits).
 */

/**
 * The 100,000-job listing's schedule (list-bench.ts). Its legs take 0.4-0.5 s quiet: a spell of about 2.2 s
 * (1.1 x the longer last warm-up leg, then 0.15 s settle and 0.7 s margin each side) stays under the 3 s
 * after which undici drops a kept-alive connection to the simulators (their keep-alive hint is Node's 5 s,
 * less undici's 2 s), so both sides list on open connections, as the old order's back-to-back legs did. The
 * margin holds the app's legs running 0.1 s longer than the bare loop's for seven pairs (the lead's run of
 * 2026-12-03 03:35 UTC: 677 ms more over its nine); past that a bare leg idles longer by the difference.
 */
export function listingSchedule(spacing = 1, clock?: ScheduleClock): EvenIdlePairs {
  return new EvenIdlePairs({
    legMs: 100,
    warmScale: 1,
    settleMs: 150 * spacing,
    marginMs: 700 * spacing,
    ...(clock && { clock }),
  });
}

/**
 * The fleet listing's schedule (fleet-bench.ts): legs of 4-6 s quiet, the service's 0.9-2.1 s longer than the
 * bare loop's each pair (03:35 UTC), so the margin is half a leg, for three pairs of such differences: a
 * spell of about 14 s, past the simulators' keep-alive, so each leg of either side opens its connections.
 */
export function fleetListingSchedule(spacing = 1, clock?: ScheduleClock): EvenIdlePairs {
  return new EvenIdlePairs({
    legMs: 100,
    warmScale: 1,
    settleMs: 500 * spacing,
    marginMs: 250 * spacing,
    marginShare: 0.5 * spacing,
    ...(clock && { clock }),
  });
}

/**
 * A bulk part's schedule, the 10,000-job part's and the fleet's (bulk-bench.ts, fleet-bench.ts): legs up to
 * 1.15 x the ideal, or 1.1 x `warmScale` x the longer last warm-up leg on a slower machine, and a margin of an
 * eighth of the ideal (at least `minMarginMs`): the two sides' legs differed by up to 0.34 s (10,000 jobs,
 * ideal 8.34 s) and 1.5 s (the fleet's 100,000, ideal 12.5 s) a pair.
 */
export function bulkSchedule(
  idealMs: number,
  warmScale: number,
  minMarginMs: number,
  spacing = 1,
  clock?: ScheduleClock,
): EvenIdlePairs {
  return new EvenIdlePairs({
    legMs: Math.ceil(idealMs * 1.15),
    // Smoke's warm-up legs of a few dozen deletes are mostly fixed cost: scaled up by `warmScale` alone, they
    // sized spells of 4.7 s for legs of 1 s (load 18).
    warmScale: warmScale * spacing,
    settleMs: 500 * spacing,
    marginMs: Math.max(minMarginMs * spacing, Math.ceil(idealMs / 8)),
    ...(clock && { clock }),
  });
}
