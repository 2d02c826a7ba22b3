/**
 * The simulator's answer timer: every waiter wakes at its due time (to the nearest millisecond, never
 * earlier than half of one), in time order whatever order they came in; and the arrival its latency counts from.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { arrival, waitUntil } from '../../arcgis-sim/due-queue';

describe('arcgis-sim due queue', () => {
  it('wakes each waiter at its time, in time order, whatever order they were added in', async () => {
    const t0 = performance.now();
    const dues = [40, 10, 30, 10, 25, 5];
    const woke: Array<{ due: number; at: number }> = [];
    await Promise.all(
      dues.map((due) => waitUntil(t0 + due).then(() => woke.push({ due, at: performance.now() - t0 }))),
    );
    expect(woke.map((w) => w.due)).toEqual([...dues].sort((a, b) => a - b));
    for (const w of woke) expect(w.at, `due at ${w.due} ms`).toBeGreaterThanOrEqual(w.due - 0.5);
  });

  it('resolves at once for a time already past, and a new earliest waiter re-arms the timer', async () => {
    const t0 = performance.now();
    await waitUntil(t0 - 5);
    const late = waitUntil(t0 + 200).then(() => performance.now() - t0);
    const early = await waitUntil(t0 + 20).then(() => performance.now() - t0);
    const lateAt = await late;
    expect(early).toBeGreaterThanOrEqual(19.5);
    expect(lateAt).toBeGreaterThanOrEqual(199.5);
    // Woken by its own timer, not with the later waiter (a busy machine delays both alike).
    expect(lateAt - early).toBeGreaterThan(100);
  });

  it('stamps every request read in one turn of the event loop with the arrival of the first, the next turn afresh', async () => {
    const first = arrival();
    const spin = performance.now() + 2;
    while (performance.now() < spin); // the simulator reading the requests after the first
    expect(arrival()).toBe(first);
    await new Promise<void>((resolve) => setImmediate(resolve));
    const next = arrival();
    expect(next).toBeGreaterThanOrEqual(first + 2);
  });
});
