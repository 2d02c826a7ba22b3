/**
 * The parts' pair schedules (`EvenIdlePairs`, pairs.ts): the 100,000-job listing's, the fleet listing's and
 * the bulk parts'. `spacing` scales their settle and margins: 1 in the benchmark, 0.1 in `--smoke` (the
 * listing's and the fleet's; a bulk part's also its warm-up scaling), whose short legs only prove that the
 * schedule runs (npm test waits). pairs.test.ts and pair-schedules.test.ts run them on a fake clock with the
 * legs of the lead's full runs.
 */
import { EvenIdlePairs } from './pairs';
import type { PairSide, ScheduleClock } from './pairs';

/**
 * The 100,000-job listing's schedule (list-bench.ts). Its legs take 0.45-0.55 s quiet: a spell of about 2.5 s
 * (1.1 x the longer last warm-up leg, then 0.15 s settle and 0.7 s margin each side; 2.52 s in the lead's
 * quiet run of 2026-12-03 06:27 UTC) stays under the 3 s after which undici drops a kept-alive connection to
 * the simulators (their keep-alive hint is Node's 5 s, less undici's 2 s), so both sides list on open
 * connections, as the old order's back-to-back legs did. The app's legs run about 0.1 s longer than the bare
 * loop's (1.0 s more over the nine pairs at 06:27), so the gap between the sides starts half a margin above
 * the window's middle: 1.05 s of room for that drift and 0.35 s for the other way (each plus what the
 * expected leg falls short of the warm-sized bound). Centred, the 06:27 run's cold first bare warm-up leg
 * started the gap 0.3 s low and pairs 7-9 ran unequal (pair-schedules.test.ts).
 */
export function listingSchedule(spacing = 1, clock?: ScheduleClock): EvenIdlePairs {
  return new EvenIdlePairs({
    legMs: 100,
    warmScale: 1,
    settleMs: 150 * spacing,
    marginMs: 700 * spacing,
    longerSide: 'app',
    ...(clock && { clock }),
  });
}

/**
 * The fleet listing's schedule (fleet-bench.ts): legs of 4.5-6 s quiet, the service's 0.9-2.1 s longer than
 * the bare loop's each pair (03:35 and 06:27 UTC), so the margin is a third of the warm-sized leg, the gap
 * starting half a margin above the middle: half a leg of room for three pairs of such differences. A spell of
 * about 14 s quiet, past the simulators' keep-alive, so each leg of either side opens its connections.
 */
export function fleetListingSchedule(spacing = 1, clock?: ScheduleClock): EvenIdlePairs {
  return new EvenIdlePairs({
    legMs: 100,
    warmScale: 1,
    settleMs: 500 * spacing,
    marginMs: 250 * spacing,
    marginShare: spacing / 3,
    longerSide: 'app',
    ...(clock && { clock }),
  });
}

/** A bulk schedule's options besides its sizes. */
export interface BulkScheduleOptions {
  /** Scales the settle, the least margin and the warm-up scaling (1, or 0.1 in `--smoke`). */
  spacing?: number;
  /** The most a leg is expected to take, as a multiple of the ideal, however long the warm-up legs were. */
  maxOverIdeal?: number;
  /** The side whose legs run longer, if known (`EvenIdleOptions.longerSide`). */
  longerSide?: PairSide;
  /** The idle spell before each side's last warm-up leg (`EvenIdleOptions.warmIdleMs`). */
  warmIdleMs?: number;
  clock?: ScheduleClock;
}

/**
 * A bulk part's schedule, the 10,000-job part's and the fleet's (bulk-bench.ts, fleet-bench.ts): legs up to
 * 1.15 x the ideal, or 1.1 x `warmScale` x the longer last warm-up leg on a slower machine (at most
 * `maxOverIdeal` x the ideal), and a margin of an eighth of the ideal (at least `minMarginMs`): the two sides'
 * legs differed by up to 0.34 s (10,000 jobs, ideal 8.34 s) and 1.5 s (the fleet's 100,000, ideal 12.5 s) a
 * pair.
 */
export function bulkSchedule(
  idealMs: number,
  warmScale: number,
  minMarginMs: number,
  o: BulkScheduleOptions = {},
): EvenIdlePairs {
  const spacing = o.spacing ?? 1;
  return new EvenIdlePairs({
    legMs: Math.ceil(idealMs * 1.15),
    // Smoke's warm-up legs of a few dozen deletes are mostly fixed cost: scaled up by `warmScale` alone, they
    // sized spells of 4.7 s for legs of 1 s (load 18).
    warmScale: warmScale * spacing,
    ...(o.maxOverIdeal !== undefined && { maxLegMs: Math.ceil(idealMs * o.maxOverIdeal) }),
    ...(o.longerSide && { longerSide: o.longerSide }),
    ...(o.warmIdleMs !== undefined && { warmIdleMs: o.warmIdleMs }),
    settleMs: 500 * spacing,
    marginMs: Math.max(minMarginMs * spacing, Math.ceil(idealMs / 8)),
    ...(o.clock && { clock: o.clock }),
  });
}
