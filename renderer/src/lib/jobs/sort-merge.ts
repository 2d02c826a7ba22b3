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
  const out = new Array<T>(n + batch.length);
  let from = 0;
  let o = 0;
  for (const item of batch) {
    // The first row that sorts strictly after `item`; the batch is sorted, so the search starts at `from`.
    let lo = from;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(sorted[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    while (from < lo) out[o++] = sorted[from++]!;
    out[o++] = item;
  }
  while (from < n) out[o++] = sorted[from++]!;
  return out;
}
