import { describe, expect, it } from 'vitest';
import {
  EvenIdlePairs,
  bulkSchedule,
  fleetListingSchedule,
  inPairOrder,
  listingSchedule,
} from '../../bench/pairs';
import type { PairSide, ScheduleClock } from '../../bench/pairs';

/** A clock that only moves when a leg works or the schedule waits (no real time passes). */
function fakeClock(): ScheduleClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    wait: async (ms: number) => void (clock.t += ms),
  };
  return clock;
}

/** A leg of `side` taking `ms` on `clock`, noted in `log` with its start and end. */
function leg(
  clock: { t: number },
  log: Array<{ side: PairSide; start: number; end: number }>,
  side: PairSide,
) {
  return (ms: number) => async () => {
    const start = clock.t;
    await Promise.resolve();
    clock.t += ms;
    log.push({ side, start, end: clock.t });
  };
}

/** Each leg's idle spell: its start less the end of the same side's previous leg. */
function idlesOf(log: ReadonlyArray<{ side: PairSide; start: number; end: number }>): number[] {
  return log.flatMap((l, i) => {
    const before = log.slice(0, i).findLast((p) => p.side === l.side);
    return before ? [l.start - before.end] : [];
  });
}

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

  it('refuses sizes that cannot make a schedule', () => {
    expect(() => new EvenIdlePairs({ legMs: 0, settleMs: 500, marginMs: 0 })).toThrow(/leg 0 ms/);
  });
});

/** A part's legs (ms): its warm-up rounds' (app, bare) and its measured pairs' app and bare legs. */
interface Shape {
  warm: Array<[number, number]>;
  app: number[];
  bare: number[];
}

/** Runs `shape` through a schedule's warm-up rounds and pairs; each measured leg's idle spell, in order. */
async function runShape(
  clock: ScheduleClock & { t: number },
  shape: Shape,
  pairs: (n: number, app: () => Promise<void>, bare: () => Promise<void>) => Promise<void>,
  warm: (app: () => Promise<void>, bare: () => Promise<void>, last: boolean) => Promise<void>,
): Promise<number[]> {
  const log: Array<{ side: PairSide; start: number; end: number }> = [];
  const [app, bare] = [leg(clock, log, 'app'), leg(clock, log, 'bare')];
  for (const [r, [a, b]] of shape.warm.entries()) await warm(app(a), bare(b), r === shape.warm.length - 1);
  const warmLegs = log.length;
  for (let n = 0; n < shape.app.length; n++) await pairs(n, app(shape.app[n]!), bare(shape.bare[n]!));
  return idlesOf(log).slice(warmLegs - 2);
}

/** The old order: each pair's legs at once, the app's first in even pairs; the warm-up rounds back to back. */
const oldOrder = async (shape: Shape) =>
  runShape(fakeClock(), shape, inPairOrder, async (app, bare) => {
    await app();
    await bare();
  });

// The listing's and the fleet's legs in the lead's full run of 2026-12-03 03:35 UTC (ms; the warm-up legs
// were not logged: a little longer than the first pair's).
const SHAPES: Array<{ name: string; shape: Shape; schedule: (clock: ScheduleClock) => EvenIdlePairs }> = [
  {
    name: '100,000-job listing',
    shape: {
      warm: [
        [620, 420],
        [520, 390],
      ],
      app: [516, 415, 459, 372, 441, 486, 459, 446, 484],
      bare: [378, 374, 357, 341, 558, 343, 329, 364, 357],
    },
    schedule: (clock) => listingSchedule(1, clock),
  },
  {
    name: 'fleet listing',
    shape: {
      warm: [
        [6300, 4700],
        [6000, 4600],
      ],
      app: [5977, 5868, 5296],
      bare: [4600, 3764, 4392],
    },
    schedule: (clock) => fleetListingSchedule(1, clock),
  },
  {
    name: 'fleet bulk',
    shape: {
      warm: [
        [2100, 1900],
        [1700, 1650],
      ],
      app: [14_952, 15_883, 15_765],
      bare: [16_430, 15_282, 15_469],
    },
    // 100,000 jobs on 20 servers x 8 at 20 ms: ideal 12.5 s; warm-up rounds of 10,000.
    schedule: (clock) => bulkSchedule(12_500, 10, 250, 1, clock),
  },
];

describe.each(SHAPES)('the $name schedule', ({ shape, schedule }) => {
  it('starts every measured leg of either side after the same idle spell; the old order did not', async () => {
    const clock = fakeClock();
    const s = schedule(clock);
    const measured = await runShape(
      clock,
      shape,
      (n, a, b) => s.pair(n, a, b),
      (a, b, last) => s.warmRound(a, b, last),
    );
    expect(measured).toHaveLength(2 * shape.app.length);
    expect(new Set(measured).size).toBe(1);
    expect(s.pairIdles()).toEqual(shape.app.map(() => ({ app: measured[0], bare: measured[0] })));
    expect(shape.app.map((_, n) => s.idleLine(n))).not.toContainEqual(expect.stringMatching(/unequal/));
    // The old order on the same legs: a leg right after its own side's, another after two of the other's.
    const old = await oldOrder(shape);
    expect(Math.min(...old)).toBe(0);
    expect(Math.max(...old)).toBeGreaterThan(Math.min(...shape.bare));
  });
});

describe('the listing and fleet schedules', () => {
  it("keep the 100,000-job listing's connections open (spell under undici's 3 s) and drop the fleet's", async () => {
    const spell = async (shape: Shape, s: EvenIdlePairs, clock: ScheduleClock & { t: number }) =>
      (
        await runShape(
          clock,
          shape,
          (n, a, b) => s.pair(n, a, b),
          (a, b, last) => s.warmRound(a, b, last),
        )
      )[0]!;
    const [list, fleet] = SHAPES;
    let clock = fakeClock();
    // 1.1 x 520 + 2 x (150 + 700): a leg a quarter longer still leaves 0.4 s before undici closes a socket.
    const listIdle = await spell(list!.shape, listingSchedule(1, clock), clock);
    expect(listIdle).toBeCloseTo(572 + 1700, 6);
    expect(listIdle + 1.25 * 459).toBeLessThan(3000);
    clock = fakeClock();
    // 1.1 x 6,000 + 2 x (500 + half of that): past the simulators' 5 s keep-alive for either side.
    const fleetIdle = await spell(fleet!.shape, fleetListingSchedule(1, clock), clock);
    expect(fleetIdle).toBeCloseTo(6600 + 2 * (500 + 3300), 6);
  });

  it('take the margin as a share of the warm-sized leg, never below the least given', () => {
    expect(new EvenIdlePairs({ legMs: 1000, settleMs: 0, marginMs: 300, marginShare: 0.5 }).idleMs).toBe(
      2000,
    );
    expect(new EvenIdlePairs({ legMs: 1000, settleMs: 0, marginMs: 800, marginShare: 0.5 }).idleMs).toBe(
      2600,
    );
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
