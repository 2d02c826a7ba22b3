import { describe, expect, it } from 'vitest';
import { alternatingPairOrder, inPairOrder } from '../../bench/pairs';

/** The legs of `pairs` pairs in the order a pair order runs them, as 'app' and 'bare'. */
async function legs(
  pairs: number,
  order: (n: number, app: () => Promise<void>, bare: () => Promise<void>) => Promise<void>,
) {
  const ran: string[] = [];
  for (let n = 0; n < pairs; n++)
    await order(
      n,
      async () => void ran.push('app'),
      async () => void ran.push('bare'),
    );
  return ran;
}

/** How many legs of the other side ran between each leg and that side's previous leg (after the first). */
function idleLegs(ran: readonly string[]): number[] {
  const last = new Map<string, number>();
  const idle: number[] = [];
  ran.forEach((side, i) => {
    const before = last.get(side);
    if (before !== undefined) idle.push(i - before - 1);
    last.set(side, i);
  });
  return idle;
}

describe("the benchmark's pair order", () => {
  it('runs the app first in every pair, so every leg follows exactly one leg of the other side', async () => {
    const ran = await legs(5, (_n, app, bare) => inPairOrder(app, bare));
    expect(ran).toEqual(['app', 'bare', 'app', 'bare', 'app', 'bare', 'app', 'bare', 'app', 'bare']);
    expect(new Set(idleLegs(ran))).toEqual(new Set([1]));
  });

  it('the alternating order it replaced gave a side two legs of idling in every second pair', async () => {
    const ran = await legs(5, alternatingPairOrder);
    expect(ran).toEqual(['app', 'bare', 'bare', 'app', 'app', 'bare', 'bare', 'app', 'app', 'bare']);
    expect(idleLegs(ran)).toEqual([0, 2, 0, 2, 0, 2, 0, 2]);
  });
});
