import { describe, expect, it } from 'vitest';
import { EvenIdlePairs, inPairOrder } from '../../bench/pairs';
import type { EvenIdleOptions, ScheduleClock } from '../../bench/pairs';
import { bulkSchedule, fleetListingSchedule, listingSchedule } from '../../bench/pair-schedules';
import { fakeClock, runShape, throughSchedule, unequalPairs } from './fake-schedule';
import type { Shape } from './fake-schedule';

/** The old order: each pair's legs at once, the app's first in even pairs; the warm-up rounds back to back. */
const oldOrder = async (shape: Shape) =>
  (
    await runShape(fakeClock(), shape, inPairOrder, async (app, bare) => {
      await app();
      await bare();
    })
  ).measured;

// The measured legs of the lead's full runs of 2026-12-03 03:35 and 06:27 UTC (ms). The warm-up legs were not
// logged: at 03:35 a little longer than the first pair's; at 06:27 the ones that give the logged spells (the
// listing's 2.52 s with a cold first bare leg, which also gives its logged unequal pairs 7-9; the fleet
// listing's 16.17 s; the fleet bulk's 35.70 s from a 2.87 s warm leg of 10,000 deletes).
const LIST_0627: Shape = {
  warm: [
    [800, 700],
    [745, 400],
  ],
  app: [512, 502, 447, 521, 481, 546, 454, 450, 460],
  bare: [370, 351, 342, 425, 339, 401, 329, 329, 368],
};
const FLEET_LIST_0627: Shape = {
  warm: [
    [7500, 5200],
    [6895, 4700],
  ],
  app: [5891, 5804, 6060],
  bare: [4513, 4651, 4950],
};
const FLEET_BULK_0627: Shape = {
  warm: [
    [3100, 2800],
    [2870, 2600],
  ],
  app: [16_077, 15_445, 15_464],
  bare: [16_990, 16_578, 16_626],
};
// 100,000 jobs on 20 servers x 8 at 20 ms: ideal 12.5 s; warm-up rounds of 10,000.
const fleetBulk = (clock: ScheduleClock) =>
  bulkSchedule(12_500, 10, 250, { maxOverIdeal: 1.5, longerSide: 'bare', clock });

const SHAPES: Array<{ name: string; shape: Shape; schedule: (clock: ScheduleClock) => EvenIdlePairs }> = [
  {
    name: '100,000-job listing (03:35)',
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
  { name: '100,000-job listing (06:27)', shape: LIST_0627, schedule: (clock) => listingSchedule(1, clock) },
  {
    name: 'fleet listing (03:35)',
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
    name: 'fleet listing (06:27)',
    shape: FLEET_LIST_0627,
    schedule: (clock) => fleetListingSchedule(1, clock),
  },
  {
    name: 'fleet bulk (03:35)',
    shape: {
      warm: [
        [2100, 1900],
        [1700, 1650],
      ],
      app: [14_952, 15_883, 15_765],
      bare: [16_430, 15_282, 15_469],
    },
    schedule: fleetBulk,
  },
  { name: 'fleet bulk (06:27)', shape: FLEET_BULK_0627, schedule: fleetBulk },
];

describe.each(SHAPES)('the $name schedule', ({ shape, schedule }) => {
  it('starts every measured leg of either side after the same idle spell; the old order did not', async () => {
    const clock = fakeClock();
    const s = schedule(clock);
    const { measured } = await throughSchedule(clock, s, shape);
    expect(measured).toHaveLength(2 * shape.app.length);
    for (const ms of measured) expect(ms).toBeCloseTo(measured[0]!, 6);
    for (const p of s.pairIdles())
      expect([p.app, p.bare]).toEqual([expect.closeTo(measured[0]!, 6), expect.closeTo(measured[0]!, 6)]);
    expect(unequalPairs(s, shape.app.length)).toEqual([]);
    // The old order on the same legs: a leg right after its own side's, another after two of the other's.
    const old = await oldOrder(shape);
    expect(Math.min(...old)).toBe(0);
    expect(Math.max(...old)).toBeGreaterThan(Math.min(...shape.bare));
  });
});

/** The schedules as they were before the gap's start was shifted and the fleet's sizing bounded. */
const before = {
  listing: { legMs: 100, warmScale: 1, settleMs: 150, marginMs: 700 },
  fleetListing: { legMs: 100, warmScale: 1, settleMs: 500, marginMs: 250, marginShare: 0.5 },
  fleetBulk: { legMs: 14_375, warmScale: 10, settleMs: 500, marginMs: 1563 },
} satisfies Record<string, Omit<EvenIdleOptions, 'clock'>>;

describe('the listing and fleet schedules', () => {
  it("keeps the 100,000-job listing's pairs equal when the first bare warm-up leg ran cold (06:27)", async () => {
    // Centred, the bare leg of the last warm-up round waited as if it would take the cold 700 ms, ended
    // 300 ms early, and the gap started that far below the middle: the log's unequal pairs 7-9.
    let clock = fakeClock();
    const centred = new EvenIdlePairs({ ...before.listing, clock });
    await throughSchedule(clock, centred, LIST_0627);
    expect(unequalPairs(centred, 9)).toEqual([6, 7, 8]);
    expect(
      centred
        .pairIdles()
        .slice(5)
        .map((p) => [p.app!, p.bare!].map(Math.round)),
    ).toEqual([
      [2520, 2531],
      [2531, 2584],
      [2584, 2705],
      [2705, 2836],
    ]);
    // Started half a margin above the middle (the app's legs are the longer): every pair equal, same spell.
    clock = fakeClock();
    const s = listingSchedule(1, clock);
    const { measured } = await throughSchedule(clock, s, LIST_0627);
    expect(unequalPairs(s, 9)).toEqual([]);
    expect(new Set(measured)).toEqual(new Set([1.1 * 745 + 1700]));
    expect(s.sizedFrom).toEqual({ app: 745, bare: 700 });
  });

  it("keeps the 100,000-job listing's connections open (spell under undici's 3 s) and drops the fleet's", async () => {
    let clock = fakeClock();
    // 1.1 x 745 + 2 x (150 + 700): 0.48 s under undici's 3 s for a socket's idle tail of the leg before.
    const listIdle = (await throughSchedule(clock, listingSchedule(1, clock), LIST_0627)).measured[0]!;
    expect(listIdle).toBeCloseTo(2519.5, 6);
    expect(listIdle).toBeLessThan(3000 - 450);
    clock = fakeClock();
    // 1.1 x 6,895 + 2 x (500 + a third of that): past the simulators' 5 s keep-alive for either side.
    const fleet = await throughSchedule(clock, fleetListingSchedule(1, clock), FLEET_LIST_0627);
    expect(fleet.measured[0]).toBeCloseTo((5 / 3) * 1.1 * 6895 + 1000, 6);
    expect(fleet.measured[0]! - Math.max(...FLEET_LIST_0627.bare)).toBeGreaterThan(5000);
  });

  it("bounds the fleet listing's spell when one last warm-up leg ran at load (04:56: 82.8 s for 5-18 s legs)", async () => {
    // The last app warm-up leg 37.2 s, the bare one before it 15 s (assumed), then legs of 18 s falling to 5.
    const shape: Shape = {
      warm: [
        [20_000, 15_000],
        [37_200, 15_000],
      ],
      app: [18_000, 9000, 6000],
      bare: [12_000, 5000, 4500],
    };
    let clock = fakeClock();
    const s = fleetListingSchedule(1, clock);
    const run = await throughSchedule(clock, s, shape);
    // Sized from 1.5 x 15 s: (5/3) x 24.75 s + 1 s, not 2 x 40.92 + 1.
    expect(s.idleMs).toBeCloseTo((5 / 3) * 1.1 * 22_500 + 1000, 6);
    expect(unequalPairs(s, 3)).toEqual([]);
    expect((run.endMs - run.warmEndMs) / 1000).toBeCloseTo(148.25, 6);
    clock = fakeClock();
    const old = await throughSchedule(clock, new EvenIdlePairs({ ...before.fleetListing, clock }), shape);
    // (The old schedule here already takes 1.5 x the shorter leg; unbounded it waited 82.8 s a spell.)
    expect(old.endMs - old.warmEndMs).toBeGreaterThan(run.endMs - run.warmEndMs + 20_000);
  });

  it("bounds the fleet bulk's spell at 1.5 x the ideal leg: 22.9 s for the 06:27 legs, not 35.7", async () => {
    let clock = fakeClock();
    const s = fleetBulk(clock);
    await throughSchedule(clock, s, FLEET_BULK_0627);
    expect(s.idleMs).toBe(18_750 + 2 * (500 + 1563));
    clock = fakeClock();
    const old = new EvenIdlePairs({ ...before.fleetBulk, clock });
    await throughSchedule(clock, old, FLEET_BULK_0627);
    expect(old.idleMs).toBeCloseTo(1.1 * 10 * 2870 + 2 * (500 + 1563), 6);
    // At load, legs past the bound: the first pair's bare leg waits longer, every later pair equal again.
    clock = fakeClock();
    const loaded = fleetBulk(clock);
    await throughSchedule(clock, loaded, {
      ...FLEET_BULK_0627,
      app: [24_000, 22_000, 21_000],
      bare: [25_000, 23_000, 22_000],
    });
    expect(unequalPairs(loaded, 3)).toEqual([0]);
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

describe("the fleet's pairs on the 06:27 legs (what `--fleet` spends in them)", () => {
  it('take 233 s, warm-up included, against 291 s before', async () => {
    const time = async (make: (clock: ScheduleClock & { t: number }) => EvenIdlePairs, shape: Shape) => {
      const clock = fakeClock();
      return (await throughSchedule(clock, make(clock), shape)).endMs / 1000;
    };
    const now = [
      await time((c) => fleetListingSchedule(1, c), FLEET_LIST_0627),
      await time(fleetBulk, FLEET_BULK_0627),
    ];
    const old = [
      await time((clock) => new EvenIdlePairs({ ...before.fleetListing, clock }), FLEET_LIST_0627),
      await time((clock) => new EvenIdlePairs({ ...before.fleetBulk, clock }), FLEET_BULK_0627),
    ];
    expect(now.map((s) => Math.round(s))).toEqual([85, 147]);
    expect(old.map((s) => Math.round(s))).toEqual([93, 198]);
  });
});
