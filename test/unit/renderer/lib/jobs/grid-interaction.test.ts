import { describe, expect, it } from 'vitest';
import { gridKey, resolveFocus, rowClick } from '../../../../../renderer/src/lib/jobs/grid-interaction';
import {
  EMPTY_SELECTION,
  selectOnly,
  type Selection,
} from '../../../../../renderer/src/lib/jobs/job-selection';
import { jobKey, type Job } from '../../../../../renderer/src/lib/jobs/job-types';
import { job } from './make-jobs';

const rows: Job[] = Array.from({ length: 20 }, (_, i) => job({ jobId: `j${i}` }));
const k = (i: number): string => jobKey(rows[i]!);
const NO_MODS = { shiftKey: false, ctrlKey: false, metaKey: false, altKey: false };
const key = (name: string, mods: Partial<typeof NO_MODS> = {}) => ({ ...NO_MODS, ...mods, key: name });
const ids = (s: Selection | undefined): string[] =>
  rows.filter((r) => s?.keys.has(jobKey(r))).map((r) => r.jobId);

describe('clicking in the grid', () => {
  it('opens the row on a plain click without changing the checkboxes', () => {
    const u = rowClick(rows, selectOnly(k(1)), 4, 'row', NO_MODS);
    expect(ids(u.selection)).toEqual(['j1']);
    expect(u.open).toBe(rows[4]);
    expect(u.focus).toEqual({ key: k(4), hint: 4 });
  });

  it('toggles without opening on a checkbox click', () => {
    const u = rowClick(rows, selectOnly(k(1)), 4, 'checkbox', NO_MODS);
    expect(ids(u.selection)).toEqual(['j1', 'j4']);
    expect(u.open).toBeUndefined();
  });

  it('toggles without opening on ctrl- or cmd-click', () => {
    expect(ids(rowClick(rows, selectOnly(k(1)), 2, 'row', { ...NO_MODS, ctrlKey: true }).selection)).toEqual([
      'j1',
      'j2',
    ]);
    const mac = rowClick(rows, selectOnly(k(1)), 2, 'row', { ...NO_MODS, metaKey: true });
    expect(ids(mac.selection)).toEqual(['j1', 'j2']);
    expect(mac.open).toBeUndefined();
  });

  it('extends from the anchor without opening on shift-click', () => {
    const u = rowClick(rows, selectOnly(k(2)), 5, 'row', { ...NO_MODS, shiftKey: true });
    expect(ids(u.selection)).toEqual(['j2', 'j3', 'j4', 'j5']);
    expect(u.open).toBeUndefined();
  });

  it('ignores a click outside the rows', () => {
    expect(rowClick(rows, EMPTY_SELECTION, 99, 'row', NO_MODS)).toEqual({});
  });
});

describe('keys in the grid', () => {
  it('moves the focus with arrows, clamped at both ends, revealing the row', () => {
    expect(gridKey(rows, EMPTY_SELECTION, 3, key('ArrowDown'), 10)).toEqual({
      focus: { key: k(4), hint: 4 },
      reveal: 4,
    });
    expect(gridKey(rows, EMPTY_SELECTION, 0, key('ArrowUp'), 10)?.focus?.hint).toBe(0);
    expect(gridKey(rows, EMPTY_SELECTION, 19, key('ArrowDown'), 10)?.focus?.hint).toBe(19);
  });

  it('starts at the first row when nothing has focus', () => {
    expect(gridKey(rows, EMPTY_SELECTION, -1, key('ArrowDown'), 10)?.focus?.hint).toBe(0);
    expect(gridKey(rows, EMPTY_SELECTION, -1, key(' '), 10)?.focus?.hint).toBe(0);
  });

  it('pages by a viewport less one row, and jumps with Home and End', () => {
    expect(gridKey(rows, EMPTY_SELECTION, 2, key('PageDown'), 6)?.focus?.hint).toBe(7);
    expect(gridKey(rows, EMPTY_SELECTION, 7, key('PageUp'), 6)?.focus?.hint).toBe(2);
    expect(gridKey(rows, EMPTY_SELECTION, 7, key('Home'), 6)?.focus?.hint).toBe(0);
    expect(gridKey(rows, EMPTY_SELECTION, 7, key('End'), 6)?.focus?.hint).toBe(19);
  });

  it('does not select on plain arrows', () => {
    expect(gridKey(rows, selectOnly(k(3)), 3, key('ArrowDown'), 10)?.selection).toBeUndefined();
  });

  it('extends the selection with shift+arrows from the anchor', () => {
    let sel = selectOnly(k(3));
    let focus = 3;
    for (let i = 0; i < 2; i++) {
      const u = gridKey(rows, sel, focus, key('ArrowDown', { shiftKey: true }), 10)!;
      sel = u.selection!;
      focus = u.focus!.hint;
    }
    expect(ids(sel)).toEqual(['j3', 'j4', 'j5']);
    const back = gridKey(rows, sel, focus, key('ArrowUp', { shiftKey: true }), 10)!;
    expect(ids(back.selection)).toEqual(['j3', 'j4']);
  });

  it('extends from the row the focus leaves when there is no anchor', () => {
    const u = gridKey(rows, EMPTY_SELECTION, 6, key('ArrowDown', { shiftKey: true }), 10)!;
    expect(ids(u.selection)).toEqual(['j6', 'j7']);
  });

  it('toggles the focused row with Space and extends with shift+Space', () => {
    expect(ids(gridKey(rows, selectOnly(k(1)), 4, key(' '), 10)?.selection)).toEqual(['j1', 'j4']);
    expect(ids(gridKey(rows, selectOnly(k(1)), 4, key(' ', { shiftKey: true }), 10)?.selection)).toEqual([
      'j1',
      'j2',
      'j3',
      'j4',
    ]);
  });

  it('opens the focused row with Enter', () => {
    expect(gridKey(rows, EMPTY_SELECTION, 4, key('Enter'), 10)).toEqual({ open: rows[4] });
    expect(gridKey(rows, EMPTY_SELECTION, -1, key('Enter'), 10)).toBeNull();
  });

  it('leaves other keys and modified keys to the app (ctrl+A, alt+arrows, letters)', () => {
    expect(gridKey(rows, EMPTY_SELECTION, 4, key('a', { ctrlKey: true }), 10)).toBeNull();
    expect(gridKey(rows, EMPTY_SELECTION, 4, key('ArrowDown', { altKey: true }), 10)).toBeNull();
    expect(gridKey(rows, EMPTY_SELECTION, 4, key('x'), 10)).toBeNull();
    expect(gridKey([], EMPTY_SELECTION, -1, key('ArrowDown'), 10)).toBeNull();
  });
});

describe('keeping the focus across re-sorts and filters', () => {
  it('finds the focused row where it moved', () => {
    const reversed = [...rows].reverse();
    expect(resolveFocus(reversed, { key: k(3), hint: 3 })).toBe(16);
  });

  it('uses the hint when the row is still there (no search)', () => {
    expect(resolveFocus(rows, { key: k(3), hint: 3 })).toBe(3);
  });

  it('stays near its place when a filter removed the row', () => {
    expect(resolveFocus(rows.slice(0, 5), { key: 'gone', hint: 9 })).toBe(4);
    expect(resolveFocus([], { key: k(1), hint: 1 })).toBe(-1);
    expect(resolveFocus(rows, null)).toBe(-1);
  });
});
