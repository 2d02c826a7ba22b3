/**
 * Merging a few new rows into a million sorted ones: while a listing streams in, each batch of jobs is sorted
 * on its own and inserted where it belongs, so a batch costs a binary search per new row and one copy of the
 * rows, not a sort of the whole list.
 */

/** Rows read by position: an array, or a view over one (job-rows). */
interface Positional<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/**
 * Where each row of `batch` goes in `sorted`, both already in `compare` order: how many rows of `sorted`
 * come before it. Each new row goes after every row it ties with, which is where a stable sort of the list
 * with the batch appended would put it.
 */
export function mergePlaces<T>(
  sorted: Positional<T>,
  batch: Positional<T>,
  compare: (a: T, b: T) => number,
): Uint32Array {
  const n = sorted.length;
  const k = batch.length;
  const places = new Uint32Array(k);
  let from = 0;
  // A big batch walks both lists side by side (n + k comparisons); a small one searches its place.
  const linear = k * Math.log2(n + 1) > n + k;
  for (let b = 0; b < k; b++) {
    const item = batch.at(b)!;
    let at = from;
    if (linear) while (at < n && compare(sorted.at(at)!, item) <= 0) at++;
    else {
      // The first row that sorts strictly after `item`; the batch is sorted, so the search starts at `from`.
      let hi = n;
      while (at < hi) {
        const mid = (at + hi) >>> 1;
        if (compare(sorted.at(mid)!, item) <= 0) at = mid + 1;
        else hi = mid;
      }
    }
    places[b] = from = at;
  }
  return places;
}

/**
 * Row numbers `sorted` with each of `batch` (plus `offset`) inserted at its place (`mergePlaces`), copied
 * a run at a time.
 */
export function spliceInRows(
  sorted: Uint32Array,
  batch: Uint32Array,
  places: Uint32Array,
  offset = 0,
): Uint32Array {
  const out = new Uint32Array(sorted.length + batch.length);
  let from = 0;
  let o = 0;
  for (let b = 0; b < batch.length; b++) {
    const at = places[b]!;
    out.set(sorted.subarray(from, at), o);
    o += at - from;
    from = at;
    out[o++] = batch[b]! + offset;
  }
  out.set(sorted.subarray(from), o);
  return out;
}
