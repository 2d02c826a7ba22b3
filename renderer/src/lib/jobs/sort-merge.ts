/**
 * Merging a few new rows into a million sorted ones: while a listing streams in, each batch of jobs is sorted
 * on its own and inserted where it belongs, so a batch costs a binary search per new row and one copy of the
 * rows, not a sort of the whole list.
 */

/**
 * `sorted` with `batch` inserted, both already in `compare` order: each new row goes after every row it ties
 * with, which is where a stable sort of the list with the batch appended would put it.
 */
export function mergeSorted<T>(
  sorted: readonly T[],
  batch: readonly T[],
  compare: (a: T, b: T) => number,
): T[] {
  return spliceIn(sorted, batch, mergePlaces(sorted, batch, compare));
}

/** Where each row of `batch` goes in `sorted` (see mergeSorted): how many rows of `sorted` come before it. */
export function mergePlaces<T>(
  sorted: readonly T[],
  batch: readonly T[],
  compare: (a: T, b: T) => number,
): Uint32Array {
  const n = sorted.length;
  const k = batch.length;
  const places = new Uint32Array(k);
  let from = 0;
  // A big batch walks both lists side by side (n + k comparisons); a small one searches its place.
  const linear = k * Math.log2(n + 1) > n + k;
  for (let b = 0; b < k; b++) {
    const item = batch[b]!;
    let at = from;
    if (linear) while (at < n && compare(sorted[at]!, item) <= 0) at++;
    else {
      // The first row that sorts strictly after `item`; the batch is sorted, so the search starts at `from`.
      let hi = n;
      while (at < hi) {
        const mid = (at + hi) >>> 1;
        if (compare(sorted[mid]!, item) <= 0) at = mid + 1;
        else hi = mid;
      }
    }
    places[b] = from = at;
  }
  return places;
}

/** `sorted` with each row of `batch` inserted at its place (`mergePlaces`). */
export function spliceIn<T>(sorted: readonly T[], batch: readonly T[], places: Uint32Array): T[] {
  const n = sorted.length;
  const out = new Array<T>(n + batch.length);
  let from = 0;
  let o = 0;
  for (let b = 0; b < batch.length; b++) {
    const at = places[b]!;
    while (from < at) out[o++] = sorted[from++]!;
    out[o++] = batch[b]!;
  }
  while (from < n) out[o++] = sorted[from++]!;
  return out;
}

/** The same for row numbers in typed arrays, copied a run at a time. */
export function spliceInRows(sorted: Uint32Array, batch: Uint32Array, places: Uint32Array): Uint32Array {
  const out = new Uint32Array(sorted.length + batch.length);
  let from = 0;
  let o = 0;
  for (let b = 0; b < batch.length; b++) {
    const at = places[b]!;
    out.set(sorted.subarray(from, at), o);
    o += at - from;
    from = at;
    out[o++] = batch[b]!;
  }
  out.set(sorted.subarray(from), o);
  return out;
}
