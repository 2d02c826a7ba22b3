/**
 * A small seeded pseudo-random generator (mulberry32), so every simulated site is reproducible per seed.
 */

/** A seeded RNG: `next()` in [0, 1), plus helpers for ints, picks and hex ids. */
export interface Rng {
  next(): number;
  int(min: number, maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  hex(chars: number): string;
}

/** Creates a deterministic RNG from a 32-bit seed. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0 || 0x9e3779b9;
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return {
    next,
    int: (min, maxExclusive) => min + Math.floor(next() * (maxExclusive - min)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    hex: (chars) => {
      let out = '';
      while (out.length < chars)
        out += Math.floor(next() * 0x100000000)
          .toString(16)
          .padStart(8, '0');
      return out.slice(0, chars);
    },
  };
}
