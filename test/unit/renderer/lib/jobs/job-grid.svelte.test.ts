import { describe, expect, it } from 'vitest';
import { JobGrid } from '../../../../../renderer/src/lib/jobs/job-grid.svelte';
import { EMPTY_SELECTION, type Selection } from '../../../../../renderer/src/lib/jobs/job-selection';
import { jobKey, type Job } from '../../../../../renderer/src/lib/jobs/job-types';
import { Box } from '../reactive-box.svelte';
import { job } from './make-jobs';

const ROW = 30;
const rows = Array.from({ length: 100 }, (_, i) => job({ jobId: `j${i}` }));

/** A grid over `jobs`, with its selection, opened jobs and menus recorded. */
function setup(jobs: readonly Job[] = rows) {
  const source = new Box<readonly Job[]>(jobs);
  const selection = new Box<Selection>(EMPTY_SELECTION);
  const opened: Job[] = [];
  const menus: [string, number, number][] = [];
  const grid = new JobGrid({
    rows: () => source.value,
    selection: () => selection.value,
    rowHeight: () => ROW,
    overscan: () => 2,
    onselectionchange: (next) => (selection.value = next),
    onopen: (j) => opened.push(j),
    onmenu: (j, x, y) => menus.push([j.jobId, x, y]),
  });
  return { grid, source, selection, opened, menus };
}

/** A key press on the grid itself, recording whether the grid took it. */
function key(key: string, mods: Partial<KeyboardEvent> = {}) {
  const target = {};
  const e = {
    key,
    target,
    currentTarget: target,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
  };
  const taken = { prevented: false };
  return Object.assign(e, mods, {
    preventDefault: () => (taken.prevented = true),
    taken,
  }) as unknown as KeyboardEvent & {
    taken: typeof taken;
  };
}

describe('JobGrid', () => {
  it('renders the rows in the viewport plus overscan, and follows the scroll', () => {
    const { grid } = setup();
    grid.clientHeight = ROW * 11; // the header takes one row: ten rows of body
    expect(grid.bodyHeight).toBe(ROW * 10);
    expect(grid.inView.map((j) => j.jobId)).toEqual(rows.slice(0, 10).map((j) => j.jobId));
    expect(grid.win.start).toBe(0);
    grid.onscroll({ currentTarget: { scrollTop: ROW * 50 } } as unknown as Event);
    expect(grid.scrollTop).toBe(ROW * 50);
    expect(grid.inView[0]?.jobId).toBe('j50');
    expect(grid.win.start).toBeLessThanOrEqual(50);
    expect(grid.win.start).toBeGreaterThanOrEqual(48);
  });

  it('moves the focused row with the arrows and selects a range with shift', () => {
    const { grid, selection } = setup();
    grid.clientHeight = ROW * 11;
    const down = key('ArrowDown');
    grid.onkeydown(down);
    expect(down.taken.prevented).toBe(true);
    expect(grid.focusIndex).toBe(0);
    grid.onkeydown(key('ArrowDown', { shiftKey: true }));
    grid.onkeydown(key('ArrowDown', { shiftKey: true }));
    expect(grid.focusIndex).toBe(2);
    expect([...selection.value.keys]).toEqual(rows.slice(0, 3).map(jobKey));
    const other = key('x');
    grid.onkeydown(other);
    expect(other.taken.prevented).toBe(false);
  });

  it('has the focused row in its window as soon as a key scrolls to it, before the scroll event', () => {
    const { grid } = setup();
    grid.clientHeight = ROW * 11;
    grid.scroller = { scrollTop: 0 } as HTMLElement;
    const inWindow = () => grid.focusIndex >= grid.win.start && grid.focusIndex < grid.win.end;
    grid.onkeydown(key('ArrowDown'));
    for (const k of ['PageDown', 'PageDown', 'End', 'PageUp', 'Home']) {
      grid.onkeydown(key(k));
      expect(grid.scrollTop).toBe(grid.scroller.scrollTop);
      expect(inWindow(), `${k}: row ${grid.focusIndex} in ${grid.win.start}..${grid.win.end}`).toBe(true);
    }
    expect(grid.focusIndex).toBe(0);
  });

  it('opens the focused row on Enter and toggles it on Space', () => {
    const { grid, selection, opened } = setup();
    grid.onkeydown(key('End'));
    expect(grid.focusIndex).toBe(99);
    grid.onkeydown(key('Enter'));
    expect(opened.map((j) => j.jobId)).toEqual(['j99']);
    grid.onkeydown(key(' '));
    expect([...selection.value.keys]).toEqual([jobKey(rows[99]!)]);
  });

  it('keeps the focus on its job when the rows change, and ignores keys aimed at a child', () => {
    const { grid, source } = setup();
    grid.onkeydown(key('Home'));
    grid.onkeydown(key('ArrowDown'));
    expect(grid.focusIndex).toBe(1);
    source.value = rows.slice(1);
    expect(grid.focusIndex).toBe(0);
    const child = { ...key('ArrowDown'), target: {} } as unknown as KeyboardEvent;
    grid.onkeydown(child);
    expect(grid.focusIndex).toBe(0);
  });

  it('opens a row menu on right click at the pointer, focusing that row', () => {
    const { grid, menus } = setup();
    const row = { dataset: { index: '4' } };
    let prevented = false;
    grid.oncontextmenu({
      target: { closest: () => row },
      clientX: 10,
      clientY: 20,
      preventDefault: () => (prevented = true),
    } as unknown as MouseEvent);
    expect(menus).toEqual([['j4', 10, 20]]);
    expect(prevented).toBe(true);
    expect(grid.focusIndex).toBe(4);
  });

  it('keeps its focused row, scroll position and selection while streamed rows are merged in above and below', () => {
    const { grid, source, selection } = setup();
    grid.clientHeight = ROW * 11;
    grid.onscroll({ currentTarget: { scrollTop: ROW * 20 } } as unknown as Event);
    for (let i = 0; i < 3; i++) grid.onkeydown(key('ArrowDown', { shiftKey: i > 0 }));
    expect(grid.focusIndex).toBe(2);
    const focused = jobKey(rows[2]!);
    const before = selection.value;
    // A batch sorted into place: rows land before and after the focused one.
    const batch = (n: number): Job[] => Array.from({ length: n }, (_, i) => job({ jobId: `new${n}-${i}` }));
    source.value = [...batch(5), ...rows.slice(0, 50), ...batch(7), ...rows.slice(50)];
    expect(jobKey(source.value[grid.focusIndex]!)).toBe(focused);
    expect(grid.focusIndex).toBe(7);
    expect(grid.scrollTop).toBe(ROW * 20);
    expect(selection.value).toBe(before);
    grid.onkeydown(key('ArrowDown'));
    expect(source.value[grid.focusIndex]!.jobId).toBe('j3');
  });
});
