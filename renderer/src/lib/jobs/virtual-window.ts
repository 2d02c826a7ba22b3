/**
 * Which rows a fixed-row-height virtualized list renders: only the rows in view plus a few above and
 * below, so 100,000 rows cost as much DOM as forty.
 */

/** What the window depends on; all in CSS pixels except `total` and `overscan` (rows). */
export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  total: number;
  overscan: number;
}

/** Rows [start, end) to render, the offset of row `start`, and the full height for the spacer. */
export interface RowWindow {
  start: number;
  end: number;
  offsetY: number;
  totalHeight: number;
}

/**
 * The rows to render for a scroll position, clamped to the list (negative or overshooting scroll included):
 * at least `overscan` rows beyond the rows in view on each side (fewer only at the list's ends), and always
 * the same number of rows for a viewport (the most a viewport can show partly, plus both overscans; all
 * rows of a shorter list). A count that followed the rows partly in view would change by one at every
 * other scroll position, and the grid would destroy or build a whole row in those frames.
 */
export function virtualWindow(input: WindowInput): RowWindow {
  const { rowHeight } = input;
  const overscan = Math.max(0, Math.floor(input.overscan));
  const total = Math.max(0, Math.floor(input.total));
  if (rowHeight <= 0 || total === 0) return { start: 0, end: 0, offsetY: 0, totalHeight: 0 };
  const { first } = visibleRange(input);
  const inView = Math.ceil(Math.max(0, input.viewportHeight) / rowHeight) + 1;
  const size = Math.min(total, inView + 2 * overscan);
  const start = Math.min(Math.max(0, first - overscan), total - size);
  return { start, end: start + size, offsetY: start * rowHeight, totalHeight: total * rowHeight };
}

/** Rows [first, last) at least partly inside the viewport, without overscan (the rows "in view"). */
export function visibleRange(input: Omit<WindowInput, 'overscan'>): { first: number; last: number } {
  const { rowHeight } = input;
  const total = Math.max(0, Math.floor(input.total));
  if (rowHeight <= 0 || total === 0) return { first: 0, last: 0 };
  const maxScroll = Math.max(0, total * rowHeight - input.viewportHeight);
  const top = Math.min(Math.max(0, input.scrollTop), maxScroll);
  const first = Math.min(total - 1, Math.floor(top / rowHeight));
  const last = Math.min(total, Math.ceil((top + Math.max(0, input.viewportHeight)) / rowHeight));
  return { first, last: Math.max(first + 1, last) };
}

/**
 * The scrollTop that brings row `index` fully into view with the least movement, or null when it already is.
 * `headerHeight` is the sticky header covering the top of the viewport.
 */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  headerHeight = 0,
): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const visibleTop = scrollTop;
  const visibleBottom = scrollTop + viewportHeight - headerHeight;
  if (top < visibleTop) return top;
  if (bottom > visibleBottom) return Math.max(0, bottom - (viewportHeight - headerHeight));
  return null;
}
