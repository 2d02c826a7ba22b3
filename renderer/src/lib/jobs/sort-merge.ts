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
  const n = sorted.length;
  const k = batch.length;
  const out = new Array<T>(n + k);
  let from = 0;
  let o = 0;
  // A big batch walks both lists side by side (n + k comparisons); a small one searches its place.
  const linear = k * Math.log2(n + 1) > n + k;
  for (const item of batch) {
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
    while (from < at) out[o++] = sorted[from++]!;
    out[o++] = item;
  }
  while (from < n) out[o++] = sorted[from++]!;
  return out;
}
