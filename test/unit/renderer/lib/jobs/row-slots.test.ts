import { describe, expect, it } from 'vitest';
import { RowSlots } from '../../../../../renderer/src/lib/jobs/row-slots';

/** Each row's slot in the window [start, end), after placing it. */
function place(slots: RowSlots, start: number, end: number): Map<number, number> {
  return new Map(slots.place(start, end).map((index) => [index, slots.key(index)]));
}

describe('row slots', () => {
  it('lists the window in row order, each row in its own slot', () => {
    const slots = new RowSlots();
    expect(slots.place(10, 15)).toEqual([10, 11, 12, 13, 14]);
    expect(new Set([10, 11, 12, 13, 14].map((i) => slots.key(i))).size).toBe(5);
    expect([10, 11, 12, 13, 14].every((i) => slots.key(i) >= 0 && slots.key(i) < 5)).toBe(true);
  });

  it('keeps the slot of every row that stays in the window, and hands the freed slots to the new rows', () => {
    const slots = new RowSlots();
    const before = place(slots, 100, 140);
    const after = place(slots, 115, 155);
    for (let i = 115; i < 140; i++) expect(after.get(i)).toBe(before.get(i));
    const freed = new Set(Array.from({ length: 15 }, (_, k) => before.get(100 + k)));
    expect(new Set(Array.from({ length: 15 }, (_, k) => after.get(140 + k)))).toEqual(freed);
    // Back up: the same again the other way.
    const back = place(slots, 105, 145);
    for (let i = 115; i < 145; i++) expect(back.get(i)).toBe(after.get(i));
  });

  it('on a jump (no row in common) gives each position in the window the slot it had, so nothing moves', () => {
    const slots = new RowSlots();
    const before = [...place(slots, 100, 140).values()];
    for (const start of [5_000, 37, 99_960, 140]) {
      const after = [...place(slots, start, start + 40).values()];
      expect(after).toEqual(before);
    }
  });

  it('lists the window by slot, so an element per slot shows the row of its slot, after steps and jumps', () => {
    const slots = new RowSlots();
    for (const [start, end] of [
      [100, 140],
      [115, 155],
      [150, 190],
      [5_000, 5_040],
      [4_990, 5_030],
      [0, 3],
    ] as const) {
      const rows = slots.place(start, end);
      const bySlot = slots.bySlot();
      expect(bySlot).toHaveLength(rows.length);
      for (const index of rows) expect(bySlot[slots.key(index)]).toBe(index);
    }
    slots.place(0, 0);
    expect(slots.bySlot()).toEqual([]);
  });

  it('after a jump, a step keeps the slots of the rows it keeps, forwards and backwards', () => {
    const slots = new RowSlots();
    place(slots, 100, 140);
    let before = place(slots, 5_000, 5_040); // a jump
    let after = place(slots, 5_010, 5_050);
    for (let i = 5_010; i < 5_040; i++) expect(after.get(i)).toBe(before.get(i));
    // A jump back that leaves the phase negative, then a step up.
    place(slots, 0, 40);
    place(slots, 100, 140);
    before = place(slots, 50, 90);
    after = place(slots, 45, 85);
    for (let i = 50; i < 85; i++) expect(after.get(i)).toBe(before.get(i));
    expect(new Set(after.values()).size).toBe(40);
    expect([...after.values()].every((k) => k >= 0 && k < 40)).toBe(true);
  });

  it('starts over when the window changes size (a resized viewport, a shorter list)', () => {
    const slots = new RowSlots();
    place(slots, 100, 140);
    slots.place(115, 155); // a step: the slots no longer start at the window's start
    expect(slots.key(115)).not.toBe(0);
    const smaller = place(slots, 0, 3);
    expect([...smaller]).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    const larger = place(slots, 50, 100);
    for (const [index, slot] of larger) expect(slot).toBe(index - 50);
    expect(place(slots, 0, 0).size).toBe(0);
  });
});
