/**
 * Which row element shows which row as the grid scrolls. The grid renders a window of a fixed number of
 * rows (virtual-window.ts), in row order, and keys each row element by a slot: a row that stays in the
 * window keeps its element and is not touched at all (no script, style, layout or paint for it), and the
 * elements of rows that left are moved to where rows entered and given their contents. When the new window
 * shares no row with the old one (a jump), every element gets new contents anyway, so the slots are
 * shifted so that no element moves: each keeps its place in the DOM.
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
}
