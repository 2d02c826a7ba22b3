/**
 * The stable radix sort under the table's row orders (see ./sort-order): integer keys are shifted to start
 * at 0 (flipped when descending, missing one past the largest) and put in order 11 bits a pass, skipping
 * the passes where every row has the same digit. Its keys come out in order too, so the caller can mark
 * equal neighbours without reading a row's key again.
 */

/** Rows in order, with their shifted keys (`hi * 2^32 + lo`) in that order: equal keys are neighbours. */
export interface RadixSorted {
  order: Uint32Array;
  lo: Uint32Array;
  hi: Uint32Array | null;
}

/**
 * Rows in stable order of integer `keys` (`dir` -1: descending), missing (NaN) last, with the shifted keys;
 * null when a key is not an integer or they span 2^53 or more (then see comparatorOrder).
 */
export function radixSorted(keys: Float64Array, dir: 1 | -1): RadixSorted | null {
  const n = keys.length;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (k !== k) continue;
    if (k < min) min = k;
    if (k > max) max = k;
    if (!Number.isInteger(k)) integers = false;
  }
  const missing = max >= min ? max - min + 1 : 0;
  // Spans past 2^53 would lose digits in `k - min`.
  if (!integers || missing >= 2 ** 53) return null;
  const bits = Math.ceil(Math.log2(missing + 1));
  const lo = new Uint32Array(n);
  // Most spans (ranks, a few weeks of milliseconds, keyed ids) fit 32 bits: no high words to carry.
  const hi = bits > 32 ? new Uint32Array(n) : null;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    const v = k !== k ? missing : dir === 1 ? k - min : max - k;
    lo[i] = v % 0x100000000;
    if (hi) hi[i] = Math.floor(v / 0x100000000);
  }
  return radixOrder(lo, hi, bits);
}

const DIGIT = 11;
const BUCKETS = 1 << DIGIT;
const MASK = BUCKETS - 1;

/**
 * Rows in stable order of the unsigned `bits`-bit numbers `hi * 2^32 + lo` (`hi` null: all 0), least
 * significant digit first. Each pass's digit is read from `lo`, from `hi`, or straddling both, in loops
 * written out so the JIT sees plain typed-array reads.
 */
function radixOrder(lo: Uint32Array, hi: Uint32Array | null, bits: number): RadixSorted {
  const n = lo.length;
  let order: Uint32Array = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let nextOrder: Uint32Array = new Uint32Array(n);
  let nextLo: Uint32Array = new Uint32Array(n);
  let nextHi: Uint32Array | null = hi && new Uint32Array(n);
  const start = new Uint32Array(BUCKETS);
  for (let shift = 0; shift < bits; shift += DIGIT) {
    const part = !hi || shift + DIGIT <= 32 ? 0 : shift >= 32 ? 1 : 2;
    const s = part === 1 ? shift - 32 : part === 2 ? 32 - shift : shift;
    start.fill(0);
    if (part === 0) for (let i = 0; i < n; i++) start[(lo[i]! >>> s) & MASK]!++;
    else if (part === 1) for (let i = 0; i < n; i++) start[(hi![i]! >>> s) & MASK]!++;
    else for (let i = 0; i < n; i++) start[((lo[i]! >>> shift) | (hi![i]! << s)) & MASK]!++;
    if (start.includes(n)) continue;
    let sum = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = start[d]!;
      start[d] = sum;
      sum += c;
    }
    // Keys travel with their rows, so each pass reads them in sequence.
    if (!hi || !nextHi) {
      for (let i = 0; i < n; i++) {
        const l = lo[i]!;
        const at = start[(l >>> s) & MASK]!++;
        nextOrder[at] = order[i]!;
        nextLo[at] = l;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const l = lo[i]!;
        const h = hi[i]!;
        const d =
          part === 0 ? (l >>> s) & MASK : part === 1 ? (h >>> s) & MASK : ((l >>> shift) | (h << s)) & MASK;
        const at = start[d]!++;
        nextOrder[at] = order[i]!;
        nextLo[at] = l;
        nextHi[at] = h;
      }
      [hi, nextHi] = [nextHi, hi];
    }
    [order, nextOrder, lo, nextLo] = [nextOrder, order, nextLo, lo];
  }
  return { order, lo, hi };
}

/** Rows in stable order of any `keys` by a comparator, missing (NaN) last in both directions. */
export function comparatorOrder(keys: Float64Array, dir: 1 | -1): Uint32Array {
  const order = new Uint32Array(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    const missingA = ka !== ka;
    const missingB = kb !== kb;
    if (missingA || missingB) return missingA === missingB ? a - b : missingA ? 1 : -1;
    if (ka === kb) return a - b;
    return ka < kb ? -dir : dir;
  });
}
