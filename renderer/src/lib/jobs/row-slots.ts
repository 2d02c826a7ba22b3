/**
 * Which row element shows which row as the grid scrolls. The grid renders a window of a fixed number of
 * rows (virtual-window.ts) with one element per slot, and Svelte never moves them (an unkeyed each over the
 * slots). A row that stays in the window keeps its slot, so its element is not touched at all (no script,
 * style, layout or paint for it); the slots of the rows that left are given the rows that entered, and
 * `arrangeRows` moves only those elements to where their rows are, so DOM order stays row order (for screen
 * readers) however long the step. (A keyed each re-orders with the fewest moves: once a step brought in more
 * rows than it kept, it moved the kept rows instead, which then were restyled and laid out again.) When
 * the new window shares no row with the old one (a jump), every element gets new contents anyway, so the
 * slots are shifted so that no element moves: each keeps its place in the DOM.
 */

/** Slot keys for one window at a time (stateful: the keys depend on the previous window). */
export class RowSlots {
  #start = 0;
  #size = 0;
  /** Row `index` is in slot `(index - phase) mod size`. */
  #phase = 0;

  /** The window's row indexes [start, end), in order; call `key` on them until the next `place`. */
  place(start: number, end: number): number[] {
    const size = Math.max(0, end - start);
    if (size !== this.#size) this.#phase = start;
    else if (Math.abs(start - this.#start) >= size) this.#phase = (this.#phase + start - this.#start) % size;
    this.#start = start;
    this.#size = size;
    const out = new Array<number>(size);
    for (let i = 0; i < size; i++) out[i] = start + i;
    return out;
  }

  /** The slot of row `index` of the window last placed: distinct for its rows, 0 to its size - 1. */
  key(index: number): number {
    const n = this.#size;
    if (n === 0) return 0;
    const k = (index - this.#phase) % n;
    return k < 0 ? k + n : k;
  }

  /** The rows of the window last placed, by slot: `bySlot()[key(index)] === index`. */
  bySlot(): number[] {
    const out = new Array<number>(this.#size);
    for (let i = this.#start; i < this.#start + this.#size; i++) out[this.key(i)] = i;
    return out;
  }
}

type Mover = Element & { moveBefore?: (node: Node, child: Node | null) => void };

/**
 * Moves `el` before `next` with `moveBefore` where the engine has it (Chromium 133+, so Electron's): the
 * element keeps its computed styles, and only what its new row changed is restyled (a step of the
 * bench's table: 67 elements restyled instead of 223). `insertBefore` detaches and restyles the whole row.
 */
function move(body: Mover, el: Element, next: Node | null): void {
  if (body.moveBefore) body.moveBefore(el, next);
  else body.insertBefore(el, next);
}

/**
 * Puts the row elements of `body` (children with a `data-index`) in row order, moving only the elements
 * whose row changed since the last call (as `shown` remembers it): a row element that still shows its row
 * stays where it is. Ends with DOM order = row order in any case (a kept row out of order is moved too).
 */
export function arrangeRows(body: Element, shown: WeakMap<Element, number>): void {
  const rows: HTMLElement[] = [];
  let first = Infinity;
  for (let el = body.firstElementChild; el; el = el.nextElementSibling) {
    if (!(el instanceof HTMLElement) || el.dataset.index === undefined) continue;
    rows.push(el);
    first = Math.min(first, Number(el.dataset.index));
  }
  if (rows.length === 0) return;
  const end = rows.at(-1)!.nextSibling;
  const byRow = new Array<HTMLElement>(rows.length);
  for (const el of rows) byRow[Number(el.dataset.index) - first] = el;
  if (byRow.some((el) => el === undefined)) return; // not one window of distinct rows: leave it
  const place = (j: number, evenKept: boolean): void => {
    const el = byRow[j]!;
    const next = j + 1 < byRow.length ? byRow[j + 1]! : end;
    if ((evenKept || shown.get(el) !== first + j) && el.nextSibling !== next) move(body, el, next);
  };
  // From the last row back, each changed element goes just before its successor, already in place; the
  // kept rows are in order among themselves, so the second pass finds nothing to do.
  for (let j = byRow.length - 1; j >= 0; j--) place(j, false);
  for (let j = byRow.length - 1; j >= 0; j--) place(j, true);
  for (let j = 0; j < byRow.length; j++) shown.set(byRow[j]!, first + j);
}
