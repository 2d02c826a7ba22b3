import { describe, expect, it } from 'vitest';
import { EvenIdlePairs, inPairOrder } from '../../bench/pairs';
import type { PairSide, ScheduleClock } from '../../bench/pairs';
import { fakeClock, idlesOf, leg, throughSchedule, unequalPairs } from './fake-schedule';

// The bulk part's shape: two warm-up rounds of short legs (engine, then bare), then five pairs whose legs
// differ in length (the engine's the longer), in ms.
const WARM = [1400, 1250];
const APP = [8800, 8900, 8750, 8850, 8800];
const BARE = [8700, 8650, 8750, 8700, 8600];

/** Runs the bulk part's legs through `pairs`, warm-up included, and returns the log of every leg. */
async function bulkShape(
  clock: ScheduleClock & { t: number },
  pairs: (n: number, app: () => Promise<void>, bare: () => Promise<void>) => Promise<void>,
  warm: (app: () => Promise<void>, bare: () => Promise<void>, last: boolean) => Promise<void>,
) {
  const log: Array<{ side: PairSide; start: number; end: number }> = [];
  const [app, bare] = [leg(clock, log, 'app'), leg(clock, log, 'bare')];
  for (let r = 0; r < 2; r++) await warm(app(WARM[0]!), bare(WARM[1]!), r === 1);
  const warmLegs = log.length;
  for (let n = 0; n < APP.length; n++) await pairs(n, app(APP[n]!), bare(BARE[n]!));
  return { log, measured: idlesOf(log).slice(warmLegs - 2) };
}

describe('EvenIdlePairs', () => {
  it('starts every measured leg, of either side and the first pair too, after the same idle spell', async () => {
    const clock = fakeClock();
    const s = new EvenIdlePairs({ legMs: 9000, settleMs: 500, marginMs: 500, clock });
    expect(s.idleMs).toBe(11_000);
    const { log, measured } = await bulkShape(
      clock,
      (n, a, b) => s.pair(n, a, b),
      (a, b, last) => s.warmRound(a, b, last),
    );
    expect(measured).toEqual(Array.from({ length: 10 }, () => 11_000));
    // The first leg is not warmer than the others: it idled as long, its previous leg a warm-up one.
    expect(s.idles()[0]).toEqual({ pair: 0, side: 'app', idleMs: 11_000 });
    expect(s.idleMs).toBe(11_000);
    expect(s.idles().map((l) => l.idleMs)).toEqual(measured);
    // Strict alternation, and each leg at least the settle after the other side's.
    const timed = log.slice(4);
    expect(timed.map((l) => l.side)).toEqual(APP.flatMap(() => ['app', 'bare']));
    for (let i = 1; i < timed.length; i++)
      expect(timed[i]!.start - timed[i - 1]!.end).toBeGreaterThanOrEqual(500);
  });

  it("starts each side's last warm-up leg after warmIdleMs, then every measured leg after the same spell", async () => {
    const idleBeforeLastWarm = async (warmIdleMs?: number) => {
      const clock = fakeClock();
      const s = new EvenIdlePairs({
        legMs: 9000,
        settleMs: 500,
        marginMs: 500,
        ...(warmIdleMs !== undefined && { warmIdleMs }),
        clock,
      });
      const { log, measured } = await bulkShape(
        clock,
        (n, a, b) => s.pair(n, a, b),
        (a, b, last) => s.warmRound(a, b, last),
      );
      expect(measured).toEqual(Array.from({ length: 10 }, () => 11_000));
      // Legs 2 and 3 are the last warm-up round's (app, bare): their idle spells.
      return idlesOf(log).slice(0, 2);
    };
    const [app, bare] = await idleBeforeLastWarm(6000);
    expect(app).toBe(6000);
    expect(bare).toBeGreaterThanOrEqual(6000);
    // Without it the app's last warm-up leg follows the bare loop's first at once (its connections open).
    expect((await idleBeforeLastWarm())[0]).toBe(WARM[1]);
  });

  it('gives every later leg the longer idle when a leg of the other side overran', async () => {
    const clock = fakeClock();
    const s = new EvenIdlePairs({ legMs: 8000, settleMs: 500, marginMs: 1000, clock });
    const log: Array<{ side: PairSide; start: number; end: number }> = [];
    const [app, bare] = [leg(clock, log, 'app'), leg(clock, log, 'bare')];
    await s.warmRound(app(1000), bare(1000), false);
    await s.warmRound(app(1000), bare(1000), true);
    await s.pair(0, app(8000), bare(8000));
    await s.pair(1, app(12_000), bare(8000)); // the app's leg runs 2.5 s past what the bare loop's spell allows
    await s.pair(2, app(8000), bare(8000));
    const idles = s.idles().map((l) => l.idleMs);
    // The bare loop's leg of pair 1 follows the 12 s leg: 1.5 s gap before it + 12 s + the settle.
    expect(idles).toEqual([11_000, 11_000, 11_000, 14_000, 14_000, 14_000]);
    expect(idlesOf(log).slice(-6)).toEqual(idles);
    expect(s.idleMs).toBe(14_000);
  });

  it("keeps the spells equal until the margin is spent, then the bare leg idles longer by the legs' difference", async () => {
    const clock = fakeClock();
    const s = new EvenIdlePairs({ legMs: 9000, settleMs: 500, marginMs: 1000, clock });
    const [app, bare] = [leg(clock, [], 'app'), leg(clock, [], 'bare')];
    await s.warmRound(app(1000), bare(1000), false);
    await s.warmRound(app(1000), bare(1000), true);
    // The app's leg 400 ms longer than the bare loop's each time: 1.2 s by pair 4, past the 1 s margin.
    for (let n = 0; n < 5; n++) await s.pair(n, app(8900), bare(8500));
    const idles = s.idles().map((l) => l.idleMs);
    expect(idles.slice(0, 7)).toEqual(Array.from({ length: 7 }, () => 12_000));
    expect(idles[7]).toBe(12_100);
    // Past the margin, each later leg idles at least as long as the one before it.
    for (let i = 8; i < idles.length; i++) expect(idles[i]).toBeGreaterThanOrEqual(idles[i - 1]!);
    // Pair 4's bare leg was pushed by the whole 400 ms difference, and the log marks the unequal pairs.
    expect(idles[9]! - idles[8]!).toBe(400);
    expect(s.idleLine(2)).toBe('after 12.00 / 12.00 s idle');
    expect(s.idleLine(4)).toBe('after 12.10 / 12.50 s idle (unequal: the legs outgrew the margin)');
  });

  it('sizes the spell from the warm-up legs when a loaded machine makes every leg longer', async () => {
    const clock = fakeClock();
    const sizes = { legMs: 9000, settleMs: 500, marginMs: 1000, clock };
    const run = async (s: EvenIdlePairs) => {
      const [app, bare] = [leg(clock, [], 'app'), leg(clock, [], 'bare')];
      await s.warmRound(app(1900), bare(1800), false);
      await s.warmRound(app(1450), bare(1500), false);
      await s.warmRound(app(1400), bare(1350), true);
      for (let n = 0; n < 5; n++) await s.pair(n, app(10_500), bare(10_400));
      return s.idles().map((l) => l.idleMs);
    };
    // 1.1 x (10,000 / 1,500) x the longer of the last two warm-up legs (not the first, colder round's),
    // 1,500 ms: legs of up to 11 s, spells of 14 s.
    const scaled = await run(new EvenIdlePairs({ ...sizes, warmScale: 10_000 / 1500 }));
    expect(scaled).toEqual(Array.from({ length: 10 }, () => 14_000));
    // Without it the 10.5 s legs overrun the 9 s allowed, and the spells are no longer all equal.
    const fixed = await run(new EvenIdlePairs(sizes));
    expect(new Set(fixed).size).toBeGreaterThan(1);
  });

  // The simulators serve both sides: the rest the other side's leg leaves them should be the same before each.
  const restsOf = (log: ReadonlyArray<{ start: number; end: number }>) =>
    log.slice(1).map((l, i) => l.start - log[i]!.end);

  it('centres the rest before each side for legs of the expected length, not of the bound', async () => {
    const clock = fakeClock();
    const s = new EvenIdlePairs({
      legMs: 9000,
      warmScale: 10_000 / 1500,
      settleMs: 500,
      marginMs: 1000,
      clock,
    });
    const log: Array<{ side: PairSide; start: number; end: number }> = [];
    const [app, bare] = [leg(clock, log, 'app'), leg(clock, log, 'bare')];
    await s.warmRound(app(1200), bare(1200), false);
    await s.warmRound(app(1200), bare(1200), true);
    // Expected 10,000 / 1,500 x 1,200 = 8,000 ms a leg, the bound 9,000: (12,000 - 8,000) / 2 before each.
    for (let n = 0; n < 5; n++) await s.pair(n, app(8000), bare(8000));
    for (const rest of restsOf(log.slice(3))) expect(rest).toBeCloseTo(2000, 6);
    expect(new Set(s.idles().map((l) => l.idleMs))).toEqual(new Set([12_000]));
  });

  it('centres the rest again when the last warm-up bare leg runs longer than the one its wait was sized on', async () => {
    const clock = fakeClock();
    const s = new EvenIdlePairs({ legMs: 9000, settleMs: 500, marginMs: 1000, clock });
    const log: Array<{ side: PairSide; start: number; end: number }> = [];
    const [app, bare] = [leg(clock, log, 'app'), leg(clock, log, 'bare')];
    await s.warmRound(app(1000), bare(1000), false);
    await s.warmRound(app(1000), bare(3000), true); // 2 s past the 1 s it was expected to take
    // It ended 12,500 ms after the app's (10,500 planned): spells of 2 x 12,500 - 9,000, 3,500 before each leg.
    expect(s.idleMs).toBe(16_000);
    for (let n = 0; n < 5; n++) await s.pair(n, app(9000), bare(9000));
    expect(restsOf(log.slice(3))).toEqual(Array.from({ length: 10 }, () => 3500));
    expect(s.idles().map((l) => l.idleMs)).toEqual(Array.from({ length: 10 }, () => 16_000));
  });

  it('refuses a last warm-up round with none before it, whose spell no bare leg could size', async () => {
    const clock = fakeClock();
    const s = new EvenIdlePairs({ legMs: 1000, warmScale: 1, settleMs: 100, marginMs: 100, clock });
    const log: Array<{ side: PairSide; start: number; end: number }> = [];
    await expect(
      s.warmRound(leg(clock, log, 'app')(500), leg(clock, log, 'bare')(400), true),
    ).rejects.toThrow(/needs a warm-up round before it/);
    expect(log).toEqual([]); // refused before either leg ran
  });

  it('sizes the spell from at most 1.5 x the shorter warm-up leg, and never past maxLegMs', async () => {
    const sized = async (o: { maxLegMs?: number }, warm: Array<[number, number]>) => {
      const clock = fakeClock();
      const s = new EvenIdlePairs({ legMs: 100, warmScale: 1, settleMs: 500, marginMs: 1000, clock, ...o });
      await throughSchedule(clock, s, { warm, app: [], bare: [] });
      return { idle: s.idleMs, from: s.sizedFrom };
    };
    // The last app warm-up leg slowed to 37.2 s by a burst of load, the bare leg before it 15 s: sized as 22.5 s.
    const burst = await sized({}, [
      [20_000, 15_000],
      [37_200, 14_000],
    ]);
    expect(burst.from).toEqual({ app: 37_200, bare: 15_000 });
    expect(burst.idle).toBeCloseTo(1.1 * 22_500 + 3000, 6);
    // Within 1.5 x of each other, the longer is taken as it is.
    expect(
      (
        await sized({}, [
          [7000, 5200],
          [6900, 5200],
        ])
      ).idle,
    ).toBeCloseTo(1.1 * 6900 + 3000, 6);
    // A bound on the leg: the warm-up raises it no further.
    expect(
      (
        await sized({ maxLegMs: 5000 }, [
          [7000, 5200],
          [6900, 5200],
        ])
      ).idle,
    ).toBe(8000);
  });

  it("starts the gap half a margin off the window's middle, away from the edge the longer side drifts to", async () => {
    // The app's legs 400 ms longer each pair: centred, the 1 s margin is spent by pair 3 (see above).
    const shape = { warm: [[1000, 1000]] as Array<[number, number]>, app: [], bare: [] };
    shape.warm.push([1000, 1000]);
    const run = async (longerSide?: PairSide) => {
      const clock = fakeClock();
      const s = new EvenIdlePairs({
        legMs: 9000,
        settleMs: 500,
        marginMs: 1000,
        clock,
        ...(longerSide && { longerSide }),
      });
      const app = Array.from({ length: 6 }, () => 8900);
      const bare = Array.from({ length: 6 }, () => 8500);
      await throughSchedule(clock, s, { ...shape, app, bare });
      return unequalPairs(s, 6);
    };
    expect(await run()).toEqual([3, 4, 5]); // 1.1 s of room (the margin, legs 0.1 s short of legMs): 1.2 s by pair 3
    expect(await run('app')).toEqual([5]); // 1.6 s of room: 2.0 s drifted by pair 5
    // Shifted the wrong way, the room is half a margin: the drift outgrows it a pair sooner.
    expect(await run('bare')).toEqual([2, 3, 4, 5]);
  });

  it('refuses sizes that cannot make a schedule', () => {
    expect(() => new EvenIdlePairs({ legMs: 0, settleMs: 500, marginMs: 0 })).toThrow(/leg 0 ms/);
  });
});

describe('inPairOrder (the old order, kept for run-drift.ts)', () => {
  it('does not give its legs equal idle spells: the check above would fail on it', async () => {
    const clock = fakeClock();
    const { measured } = await bulkShape(clock, inPairOrder, async (app, bare) => {
      await app();
      await bare();
    });
    // The app's leg of pair 2 follows two bare legs, the bare loop's of pair 2 its own at once.
    expect(new Set(measured).size).toBeGreaterThan(1);
    expect(Math.min(...measured)).toBe(0);
    expect(Math.max(...measured)).toBeGreaterThan(17_000);
  });
});
