/** A fake clock and fake legs for the pair schedules' tests (pairs.test.ts, pair-schedules.test.ts). */
import type { EvenIdlePairs, PairSide, ScheduleClock } from '../../bench/pairs';

/** A clock that only moves when a leg works or the schedule waits (no real time passes). */
export function fakeClock(): ScheduleClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    wait: async (ms: number) => void (clock.t += ms),
  };
  return clock;
}

/** One leg as it ran on the fake clock. */
export type LegLog = Array<{ side: PairSide; start: number; end: number }>;

/** A leg of `side` taking `ms` on `clock`, noted in `log` with its start and end. */
export function leg(clock: { t: number }, log: LegLog, side: PairSide) {
  return (ms: number) => async () => {
    const start = clock.t;
    await Promise.resolve();
    clock.t += ms;
    log.push({ side, start, end: clock.t });
  };
}

/** Each leg's idle spell: its start less the end of the same side's previous leg. */
export function idlesOf(log: Readonly<LegLog>): number[] {
  return log.flatMap((l, i) => {
    const before = log.slice(0, i).findLast((p) => p.side === l.side);
    return before ? [l.start - before.end] : [];
  });
}

/** A part's legs (ms): its warm-up rounds' (app, bare) and its measured pairs' app and bare legs. */
export interface Shape {
  warm: Array<[number, number]>;
  app: number[];
  bare: number[];
}

type Pair = (n: number, app: () => Promise<void>, bare: () => Promise<void>) => Promise<void>;
type Warm = (app: () => Promise<void>, bare: () => Promise<void>, last: boolean) => Promise<void>;

/**
 * Runs `shape` through warm-up rounds and pairs: every leg's log, each measured leg's idle spell in order,
 * and the clock when the warm-up ended and when the last pair did.
 */
export async function runShape(
  clock: ScheduleClock & { t: number },
  shape: Shape,
  pairs: Pair,
  warm: Warm,
): Promise<{ log: LegLog; measured: number[]; warmEndMs: number; endMs: number }> {
  const log: LegLog = [];
  const [app, bare] = [leg(clock, log, 'app'), leg(clock, log, 'bare')];
  for (const [r, [a, b]] of shape.warm.entries()) await warm(app(a), bare(b), r === shape.warm.length - 1);
  const [warmLegs, warmEndMs] = [log.length, clock.t];
  for (let n = 0; n < shape.app.length; n++) await pairs(n, app(shape.app[n]!), bare(shape.bare[n]!));
  return { log, measured: idlesOf(log).slice(warmLegs - 2), warmEndMs, endMs: clock.t };
}

/** Runs `shape` through schedule `s` (made on `clock`). */
export const throughSchedule = (clock: ScheduleClock & { t: number }, s: EvenIdlePairs, shape: Shape) =>
  runShape(
    clock,
    shape,
    (n, a, b) => s.pair(n, a, b),
    (a, b, last) => s.warmRound(a, b, last),
  );

/** The pairs `s` marked unequal in its log lines. */
export const unequalPairs = (s: EvenIdlePairs, pairs: number) =>
  Array.from({ length: pairs }, (_, n) => n).filter((n) => /unequal/.test(s.idleLine(n)));
