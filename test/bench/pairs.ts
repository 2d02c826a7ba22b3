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
   * are the coldest), so a loaded machine's longer legs still fit. The longer is taken as at most 1.5 x the
   * shorter: one leg slowed by a burst of load sized the fleet listing's spells at 82.8 s for legs of 5-18 s.
   */
  warmScale?: number;
  /**
   * The most the warm-up may raise `legMs` to: a warm-up leg of a tenth of the work carries the run's fixed
   * cost ten times over (the fleet bulk's 2.9 s against its 1.26 s ideal sized legs of 31.6 s for 15-17 s).
   * A leg that runs past it lengthens every later spell (`EvenIdlePairs`).
   */
  maxLegMs?: number;
  /**
   * The side whose legs are known to run longer, if either: the gap between the sides then starts half a
   * margin off the window's middle, away from the edge the differences drift toward (`EvenIdlePairs`).
   */
  longerSide?: PairSide;
  /**
   * The last warm-up round's legs each start at least this long after their side's previous leg (ms): past
   * the simulators' 5 s keep-alive, each process meets its first closed connection (and the recompiles undici's
   * shape changes bring) in the warm-up, not in pair 1 (README, *Noise in the ratios*).
   */
  warmIdleMs?: number;
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

/** The warm-up legs a spell was sized from (ms): the last round's app leg and the round before's bare leg. */
export type WarmLegs = { app: number; bare: number } | null;

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
 * `(idleMs + expected) / 2` after its app leg, half a margin later or sooner with `longerSide`), so the
 * other side's leg leaves the simulators, which both sides share, about the same rest before each side's leg
 * (for legs of the expected length; the bare loop's shorter ones start on longer rested simulators), and at
 * least `marginMs` for the legs' differences to add up over the pairs. If that bare leg ends later than
 * planned, `idleMs` grows to put the gap back. When a leg starts later than its `idleMs` all the same (a
 * leg ran past `legMs`, or the differences outgrew the margin), that longer spell becomes `idleMs` for
 * every leg after it; `legs` records each leg's spell.
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
  private readonly maxLegMs: number;
  private readonly longerSide: PairSide | undefined;
  private readonly warmIdleMs: number;
  private lastBareWarmMs = 0;
  private expectedMs: number;
  private shiftMs = 0;
  private warm: WarmLegs = null;
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
    this.maxLegMs = Math.max(o.legMs, o.maxLegMs ?? Infinity);
    this.longerSide = o.longerSide;
    this.warmIdleMs = o.warmIdleMs ?? 0;
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
   * waits so that it ends at the window's middle after the app's, half a margin off it toward `longerSide`
   * (its length taken as the previous bare warm-up leg's), which sets both sides up for the first pair.
   * The last round needs one before it: alone, its spell would be sized from no bare leg at all.
   */
  async warmRound(app: () => Promise<void>, bare: () => Promise<void>, last: boolean): Promise<void> {
    if (last && this.legs.length < 2)
      throw new Error('pairs: the last warm-up round needs a warm-up round before it (its bare leg)');
    if (last) await this.until(this.lastEnd.app! + this.warmIdleMs);
    await this.run(null, 'app', app);
    if (last) {
      // The previous round's bare leg and this round's app leg: the warmest there are.
      const [bareMs, appMs] = this.legs.slice(-2).map((l) => l.endMs - l.startMs) as [number, number];
      this.warm = { app: appMs, bare: bareMs };
      const longer = Math.min(Math.max(appMs, bareMs), 1.5 * Math.min(appMs, bareMs));
      if (this.warmScale !== undefined)
        this.legMs = Math.max(this.legMs, Math.min(this.maxLegMs, 1.1 * this.warmScale * longer));
      this.marginMs = Math.max(this.marginMs, this.marginShare * this.legMs);
      this.idle = this.legMs + 2 * (this.settleMs + this.marginMs);
      // Centred for a leg of the expected length, not of the bound `legMs`: the other side's leg then leaves
      // the same rest before each side's leg, (idle - expected) / 2, for the simulators shared by both.
      this.expectedMs =
        this.warmScale === undefined
          ? this.legMs
          : Math.min(this.legMs, (this.warmScale * (appMs + bareMs)) / 2);
      // The gap drifts by (bare - app) each pair: toward the window's low edge (the bare leg pushed, the pair
      // unequal) when the app's legs are the longer, toward its high edge (both spells grow) else.
      this.shiftMs = { app: 0.5, bare: -0.5, none: 0 }[this.longerSide ?? 'none'] * this.marginMs;
      await this.until(
        Math.max(
          this.lastEnd.app! + this.phase() - this.lastBareWarmMs,
          this.lastEnd.bare! + this.warmIdleMs,
        ),
      );
    }
    const t0 = this.clock.now();
    await this.run(null, 'bare', bare);
    this.lastBareWarmMs = this.clock.now() - t0;
    // A bare leg longer than the one its wait was sized on (one after an idle spell may be) ends past the
    // planned gap: a longer spell for every leg puts the planned gap where it ended. One that ends sooner
    // cannot be helped (a shorter spell would not hold `legMs`); `longerSide` leaves room for it.
    if (last)
      this.idle = Math.max(
        this.idle,
        2 * (this.lastEnd.bare! - this.lastEnd.app! - this.shiftMs) - this.expectedMs,
      );
  }

  /** Between the ends of the app's and then the bare loop's leg: the window's middle, shifted (ms). */
  private phase(): number {
    return (this.idle + this.expectedMs) / 2 + this.shiftMs;
  }

  /**
   * The warm-up legs the spell was sized from (the previous round's bare leg, the last round's app leg; ms),
   * null before the last warm-up round.
   */
  get sizedFrom(): WarmLegs {
    return this.warm;
  }

  /** The log's line on the spell: `every leg after S s idle …, sized from warm legs app A / bare B s`. */
  spellLine(): string {
    const s = (ms: number) => (ms / 1000).toFixed(2);
    const from = this.warm
      ? `; sized from warm-up legs app ${s(this.warm.app)} / bare ${s(this.warm.bare)} s`
      : '';
    return `every leg after ${s(this.idle)} s idle (pairs.ts), at the least${from}`;
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
