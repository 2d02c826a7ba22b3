/**
 * Row orders over numeric sort keys, fast at a million rows: integer keys radix-sorted with their row, and
 * code-unit order for columns of mostly distinct strings (job ids), from keys that can be computed ahead.
 */
import { comparatorOrder, radixSorted } from './radix-order';

/**
 * The row order for `keys`: stable, missing (NaN) last in both directions. Integer keys (every column's:
 * ranks, epoch milliseconds) take the radix sort of ./radix-order (no comparator calls; at a million rows
 * two to four times faster than sorting the keys natively); anything else (fractions, spans past 2^53)
 * the comparator sort.
 */
export function sortedOrder(keys: Float64Array, dir: 1 | -1): Uint32Array {
  return (radixSorted(keys, dir) ?? { order: comparatorOrder(keys, dir) }).order;
}

/**
 * The descending order of rows whose ascending order (`sortedOrder(keys, 1)`) is `asc`, in one pass: the
 * same stable order, ties in input order and missing last, without sorting again, so flipping a column's
 * direction costs a copy.
 */
export function descendingOrder(asc: Uint32Array, keys: Float64Array): Uint32Array {
  const { same, present } = tiesOf(asc, keys);
  return descendingByTies(asc, same, present);
}

/** Rows in ascending order with their equal neighbours marked: what `descendingByTies` reads. */
export interface OrderWithTies {
  order: Uint32Array;
  /** 1 where a row's value equals the previous row's (in `order`). */
  same: Uint8Array;
  /** How many rows have a value (the first `present` of `order`; missing ones are last). */
  present: number;
}

/**
 * `sortedOrder(keys, 1)` with its equal neighbours marked, so the descending order is one pass away. The
 * marks are read from the radix sort's keys, which are in order, not from `keys` row by row: at a million
 * rows, reading them in sequence is many times cheaper.
 */
export function sortedWithTies(keys: Float64Array): OrderWithTies {
  const radix = radixSorted(keys, 1);
  if (!radix) {
    const order = comparatorOrder(keys, 1);
    return { order, ...tiesOf(order, keys) };
  }
  const { order, lo, hi } = radix;
  const n = order.length;
  let present = n;
  while (present > 0 && keys[order[present - 1]!] !== keys[order[present - 1]!]) present--;
  const same = new Uint8Array(n);
  for (let i = 1; i < present; i++) same[i] = lo[i] === lo[i - 1] && (!hi || hi[i] === hi[i - 1]) ? 1 : 0;
  return { order, same, present };
}

/** The ties of an ascending order `asc` over `keys` (see OrderWithTies), reading each row's key. */
function tiesOf(asc: Uint32Array, keys: Float64Array): { same: Uint8Array; present: number } {
  const n = asc.length;
  let present = n;
  while (present > 0 && keys[asc[present - 1]!] !== keys[asc[present - 1]!]) present--;
  const same = new Uint8Array(n);
  for (let i = 1; i < present; i++) same[i] = keys[asc[i]!] === keys[asc[i - 1]!] ? 1 : 0;
  return { same, present };
}

/**
 * The descending order from an ascending one whose first `present` rows have a value (the rest missing),
 * where `same[i]` is 1 when row `asc[i]` has the value of row `asc[i - 1]`: runs of equal values keep
 * their input order, missing rows stay last.
 */
export function descendingByTies(asc: Uint32Array, same: Uint8Array, present: number): Uint32Array {
  const out = new Uint32Array(asc.length);
  let o = 0;
  for (let end = present; end > 0;) {
    let start = end - 1;
    while (start > 0 && same[start]) start--;
    // A run of equal values keeps its input (ascending) order; most runs are one row.
    if (end - start === 1) out[o++] = asc[start]!;
    else {
      out.set(asc.subarray(start, end), o);
      o += end - start;
    }
    end = start;
  }
  out.set(asc.subarray(present), o);
  return out;
}

/** A column's ascending row order with its equal neighbours marked, and ranks computed when asked for. */
export interface RankedOrder extends OrderWithTies {
  ranks: () => Float64Array;
}

/**
 * Ranks of strings in code-unit order, equal strings sharing one and '' missing (NaN), for a column of
 * mostly distinct values (job ids: a million of them took 2 s of CPU to sort as strings).
 */
export function ordinalRanks(values: readonly string[]): Float64Array {
  return ordinalOrder(values).ranks();
}

/** The ascending order `ordinalRanks` sorts on the way (see `keyedOrder`), with the ranks left until asked for. */
export function ordinalOrder(values: readonly string[]): RankedOrder {
  const scheme = CodeUnitKeys.of(values);
  return keyedOrder(
    Float64Array.from(values, (v) => scheme.key(v)),
    (row) => values[row]!,
  );
}

/** Key bits: one word, three radix passes; ties (compared as strings) stay few among a million random ids. */
const KEY_ROOM = 2 ** 32;

/**
 * How strings become numbers in code-unit order: past the prefix every value shares, the next few
 * characters as digits of the alphabet seen there (1..A in code-unit order; 0 where the value ended). A
 * smaller number means a smaller string; equal numbers say nothing (the strings are then compared). Made
 * from a first set of values (a listing's first batch, see row-index); a later value it cannot key exactly
 * gets NaN, and the owner makes a new scheme from all values.
 */
export class CodeUnitKeys {
  readonly #prefix: string;
  readonly #digit: Uint16Array;
  readonly #base: number;
  readonly #width: number;

  private constructor(prefix: string, digit: Uint16Array, base: number, width: number) {
    this.#prefix = prefix;
    this.#digit = digit;
    this.#base = base;
    this.#width = width;
  }

  /** A scheme that keys every one of `values`. */
  static of(values: readonly string[]): CodeUnitKeys {
    const present = values.filter((v) => v !== '');
    const common = sharedPrefix(present);
    const prefix = present.length ? present[0]!.slice(0, common) : '';
    const WINDOW = 12;
    const digit = new Uint16Array(65536);
    for (const v of present) {
      const end = Math.min(v.length, common + WINDOW);
      for (let c = common; c < end; c++) digit[v.charCodeAt(c)] = 1;
    }
    // Digits 1..A in code-unit order; 0 is "the value ended", which sorts first as code-unit order does.
    let base = 1;
    for (let code = 0; code < digit.length; code++) if (digit[code]) digit[code] = base++;
    const width = Math.max(1, Math.min(WINDOW, Math.floor(Math.log(KEY_ROOM) / Math.log(base))));
    return new CodeUnitKeys(prefix, digit, base, width);
  }

  /** `v`'s number: 0 for '' (and for the prefix alone), NaN when `v` does not fit this scheme. */
  key(v: string): number {
    if (v === '') return 0;
    const from = this.#prefix.length;
    if (!v.startsWith(this.#prefix)) return NaN;
    let key = 0;
    for (let c = from; c < from + this.#width; c++) {
      const d = c < v.length ? this.#digit[v.charCodeAt(c)]! : 0;
      if (d === 0 && c < v.length) return NaN;
      key = key * this.#base + d;
    }
    return key;
  }
}

/** Tie runs up to this long are sorted as strings directly; longer ones by keys of their own (see keyedOrder). */
const SMALL_RUN = 64;

/**
 * Rows in code-unit order of `value(row)`, stable, '' last, from the rows' keys (a `CodeUnitKeys` scheme's,
 * the same scheme for every row): a radix sort of the keys, then each run of equal keys put in order as
 * strings. A long run (values sharing a long prefix) is sorted by a scheme made from its own values, so no
 * input degrades to a string sort. `emptyLast: false` keeps '' first, where code-unit order puts it.
 */
export function keyedOrder(
  keys: Float64Array,
  value: (row: number) => string,
  emptyLast = true,
): RankedOrder {
  const n = keys.length;
  const { order, lo, hi } = radixSorted(keys, 1)!;
  const same = new Uint8Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && lo[end] === lo[start] && (!hi || hi[end] === hi[start])) end++;
    if (end - start > 1) sortRun(order, start, end, value, same);
    start = end;
  }
  // '' is the least string, with the least key: those rows are first, and move to the end, as missing.
  let empty = 0;
  while (emptyLast && empty < n && value(order[empty]!) === '') empty++;
  if (empty > 0) {
    const moved = order.slice(0, empty);
    order.copyWithin(0, empty);
    order.set(moved, n - empty);
    same.copyWithin(0, empty);
    same.fill(1, n - empty);
    same[0] = 0;
    same[n - empty] = 0;
  }
  const present = n - empty;
  let ranks: Float64Array | undefined;
  return {
    order,
    same,
    present,
    ranks: () => {
      if (ranks) return ranks;
      ranks = new Float64Array(n).fill(NaN);
      for (let i = 0; i < present; i++) ranks[order[i]!] = same[i] ? ranks[order[i - 1]!]! : i;
      return ranks;
    },
  };
}

/** Puts `order[start..end)` (rows whose keys tie) in code-unit order, ties by row, and marks equal neighbours. */
function sortRun(
  order: Uint32Array,
  start: number,
  end: number,
  value: (row: number) => string,
  same: Uint8Array,
): void {
  if (end - start === 2) {
    // Most runs among random ids: a pair, put in order without allocating.
    const [a, b] = [order[start]!, order[start + 1]!];
    const [va, vb] = [value(a), value(b)];
    if (vb < va) [order[start], order[start + 1]] = [b, a];
    same[start + 1] = va === vb ? 1 : 0;
    return;
  }
  const rows = order.subarray(start, end);
  const sorted = end - start > SMALL_RUN ? runOrder(rows, value) : null;
  if (sorted) rows.set(sorted);
  else {
    const byValue = Array.from(rows).sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      return va < vb ? -1 : va > vb ? 1 : a - b;
    });
    rows.set(byValue);
  }
  for (let i = start + 1; i < end; i++) same[i] = value(order[i]!) === value(order[i - 1]!) ? 1 : 0;
}

/**
 * A long tie run's rows in code-unit order, by keys of a scheme made from their values (past the longer
 * prefix they share); null when those keys tie too (the values are equal).
 */
function runOrder(rows: Uint32Array, value: (row: number) => string): Uint32Array | null {
  const values = Array.from(rows, value);
  const scheme = CodeUnitKeys.of(values);
  const keys = Float64Array.from(values, (v) => scheme.key(v));
  if (keys.every((k) => k === keys[0])) return null;
  return keyedOrder(keys, (i) => values[i]!, false).order.map((i) => rows[i]!);
}

function sharedPrefix(values: readonly string[]): number {
  if (!values.length) return 0;
  const first = values[0]!;
  let common = first.length;
  for (let i = 1; i < values.length && common > 0; i++) {
    const v = values[i]!;
    const max = Math.min(common, v.length);
    let c = 0;
    while (c < max && v.charCodeAt(c) === first.charCodeAt(c)) c++;
    common = c;
  }
  return common;
}
