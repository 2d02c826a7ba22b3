/** Late values: big inputs are summarised after the paint, the newest input wins, small ones at once. */
import { describe, expect, it } from 'vitest';
import { LateValue } from '../../../../../renderer/src/lib/jobs/late-value';

function harness() {
  const tasks: Array<() => void> = [];
  const computed: number[][] = [];
  let ready = 0;
  const late = new LateValue<number[], number>({
    compute: (input) => {
      computed.push(input);
      return input.reduce((a, b) => a + b, 0);
    },
    initial: -1,
    size: (input) => input.length,
    eagerBelow: 3,
    onReady: () => ready++,
    schedule: (task) => tasks.push(task),
  });
  const flush = (): void => {
    for (const task of tasks.splice(0)) task();
  };
  return { late, computed, flush, ready: () => ready };
}

describe('LateValue', () => {
  it('keeps the last value until a big input is computed after the paint, then announces it', () => {
    const h = harness();
    const big = [1, 2, 3, 4];
    expect(h.late.get(big)).toBe(-1);
    expect(h.late.get(big)).toBe(-1);
    expect(h.computed).toEqual([]);
    h.flush();
    expect(h.ready()).toBe(1);
    expect(h.late.get(big)).toBe(10);
    expect(h.computed).toEqual([big]);
  });

  it('computes only the newest of several big inputs that arrived before the paint', () => {
    const h = harness();
    const first = [1, 1, 1];
    const second = [2, 2, 2];
    h.late.get(first);
    h.late.get(second);
    h.flush();
    expect(h.computed).toEqual([second]);
    expect(h.late.get(second)).toBe(6);
    expect(h.ready()).toBe(1);
  });

  it('computes a small input at once, and a pending big one no longer overwrites it', () => {
    const h = harness();
    h.late.get([5, 5, 5, 5]);
    expect(h.late.get([1])).toBe(1);
    h.flush();
    expect(h.late.get([1])).toBe(1);
    expect(h.ready()).toBe(0);
  });
});
