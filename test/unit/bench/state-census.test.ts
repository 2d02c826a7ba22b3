import { describe, expect, it } from 'vitest';
import { OBJECTS_NOT_WALKED, collectionSizes, grown, notWalked } from '../../bench/state-census';

/** A Map of `n` entries, each value an object holding an array. */
function registry(n: number): Map<string, { items: number[] }> {
  return new Map(Array.from({ length: n }, (_, i) => [`k${i}`, { items: [i] }]));
}

describe('collectionSizes', () => {
  it('says how many objects it left when it stops at its object limit', () => {
    const root = { a: { b: { c: { d: { list: [1, 2, 3] } } } } };
    const sizes = collectionSizes(root, { maxObjects: 3 });
    expect(sizes.get(OBJECTS_NOT_WALKED)).toBe(1);
    expect(sizes.has('root.a.b.c.d.list')).toBe(false);
    expect(notWalked(sizes)).toEqual([[OBJECTS_NOT_WALKED, 1]]);
  });

  it("counts the entries it does not walk: a Map's past walkMax, all of a longer array", () => {
    const root = { plans: registry(300), jobs: Array.from({ length: 300 }, (_, i) => ({ i })) };
    const sizes = collectionSizes(root);
    expect(sizes.get('root.plans')).toBe(300);
    expect(sizes.get('root.plans{}.items')).toBe(256);
    expect(notWalked(sizes)).toEqual([
      ['root.plans (entries not walked)', 44],
      ['root.jobs (entries not walked)', 300],
    ]);
  });

  it('sees growth in any entry when walkMax lets it walk them all, and then has nothing unwalked', () => {
    const root = { plans: registry(300) };
    const before = collectionSizes(root, { walkMax: Infinity });
    root.plans.get('k299')!.items.push(1);
    const after = collectionSizes(root, { walkMax: Infinity });
    expect(grown(before, after)).toEqual([['root.plans{}.items', 300, 301]]);
    expect(notWalked(after)).toEqual([]);
  });

  it('reports nothing unwalked when the limits are not reached', () => {
    expect(notWalked(collectionSizes({ a: [1, 2], m: registry(3) }))).toEqual([]);
  });
});
