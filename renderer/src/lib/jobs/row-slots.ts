/**
 * Which row element shows which row as the grid scrolls. The grid renders a window of a fixed number of
 * rows (virtual-window.ts) with one element per slot, and nothing ever moves them (an each keyed by slot).
 * A row that stays in the window keeps its slot, so its element is not touched at all (no script, style,
 * layout or paint for it); the slots of the rows that left are given the rows that entered, and their
 * elements show them where they are (a row is placed by its `top`; the rowgroup's `aria-owns` gives the
 * row order, job-table-body.svelte). Moving them into row order instead (`moveBefore`, or `insertBefore`
 * where the engine lacks it) re-attached their layout objects and added full collections to a scroll.
 * When the new window shares no row with the old one (a jump), every element gets new contents anyway.
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
