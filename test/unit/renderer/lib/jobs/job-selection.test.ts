import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  clickSelection,
  describeSelection,
  extendSelection,
  headerState,
  pruneSelection,
  selectAllMatching,
  indexJobs,
  selectedJobs,
  summarizeSelection,
  toggleRows,
} from '../../../../../renderer/src/lib/jobs/job-selection';
import type { Selection } from '../../../../../renderer/src/lib/jobs/job-selection';
import { emptyFilter, filterJobs } from '../../../../../renderer/src/lib/jobs/job-filter';
import { sortJobs } from '../../../../../renderer/src/lib/jobs/job-sort';
import { jobKey, type Job } from '../../../../../renderer/src/lib/jobs/job-types';
import { job } from './make-jobs';

const NONE = { shift: false, toggle: false };
const SHIFT = { shift: true, toggle: false };
const CTRL = { shift: false, toggle: true };

/** Ten jobs j0..j9 submitted in order, j0 the oldest; even ones are executing (cancellable). */
const jobs: Job[] = Array.from({ length: 10 }, (_, i) =>
  job({ jobId: `j${i}`, submittedTime: 1000 + i, status: i % 2 ? 'esriJobSucceeded' : 'esriJobExecuting' }),
);
const k = (i: number): string => jobKey(jobs[i]!);
const selectedIds = (s: Selection): string[] => jobs.filter((j) => s.keys.has(jobKey(j))).map((j) => j.jobId);

describe('selecting rows', () => {
  it('toggles a row with its checkbox and anchors there', () => {
    const s = clickSelection(EMPTY_SELECTION, jobs, k(3), 'checkbox', NONE);
    expect(selectedIds(s)).toEqual(['j3']);
    expect(s.anchor).toBe(k(3));
    expect(selectedIds(clickSelection(s, jobs, k(3), 'checkbox', NONE))).toEqual([]);
  });

  it('keeps other rows when toggling by checkbox', () => {
    let s = clickSelection(EMPTY_SELECTION, jobs, k(1), 'checkbox', NONE);
    s = clickSelection(s, jobs, k(4), 'checkbox', NONE);
    expect(selectedIds(s)).toEqual(['j1', 'j4']);
  });

  it('keeps the selection on a plain row click, only moving the anchor', () => {
    let s = clickSelection(EMPTY_SELECTION, jobs, k(1), 'checkbox', NONE);
    s = clickSelection(s, jobs, k(2), 'checkbox', NONE);
    s = clickSelection(s, jobs, k(7), 'row', NONE);
    expect(selectedIds(s)).toEqual(['j1', 'j2']);
    expect(s.anchor).toBe(k(7));
  });

  it('toggles with ctrl/cmd-click without losing the rest, and moves the anchor', () => {
    let s = clickSelection(EMPTY_SELECTION, jobs, k(1), 'row', CTRL);
    s = clickSelection(s, jobs, k(5), 'row', CTRL);
    expect(selectedIds(s)).toEqual(['j1', 'j5']);
    s = clickSelection(s, jobs, k(1), 'row', CTRL);
    expect(selectedIds(s)).toEqual(['j5']);
    expect(s.anchor).toBe(k(1));
  });

  it('shift-click selects the range from the anchor, either direction', () => {
    let s = clickSelection(EMPTY_SELECTION, jobs, k(6), 'checkbox', NONE);
    s = clickSelection(s, jobs, k(3), 'row', SHIFT);
    expect(selectedIds(s)).toEqual(['j3', 'j4', 'j5', 'j6']);
    expect(s.anchor).toBe(k(6));
  });

  it('shift ranges follow the visible order after sorting, not the load order', () => {
    const shuffled = [jobs[4]!, jobs[0]!, jobs[8]!, jobs[2]!, jobs[6]!];
    const visible = sortJobs(
      shuffled,
      { column: 'submitted', direction: 'desc' },
      { profileNames: new Map(), results: new Map(), now: 0 },
    );
    expect(visible.map((j) => j.jobId)).toEqual(['j8', 'j6', 'j4', 'j2', 'j0']);
    let s = clickSelection(EMPTY_SELECTION, visible, k(6), 'checkbox', NONE);
    s = clickSelection(s, visible, k(2), 'checkbox', SHIFT);
    expect(selectedIds(s)).toEqual(['j2', 'j4', 'j6']);
  });

  it('re-extending from the same anchor replaces the previous range but keeps earlier picks', () => {
    let s = clickSelection(EMPTY_SELECTION, jobs, k(0), 'checkbox', NONE);
    s = clickSelection(s, jobs, k(5), 'checkbox', NONE);
    s = extendSelection(s, jobs, k(8));
    expect(selectedIds(s)).toEqual(['j0', 'j5', 'j6', 'j7', 'j8']);
    s = extendSelection(s, jobs, k(3));
    expect(selectedIds(s)).toEqual(['j0', 'j3', 'j4', 'j5']);
  });

  it('starts a new range at the target when the anchor is hidden by filters', () => {
    let s = clickSelection(EMPTY_SELECTION, jobs, k(9), 'checkbox', NONE);
    const visible = jobs.slice(0, 5);
    s = extendSelection(s, visible, k(2));
    expect(selectedIds(s)).toEqual(['j2', 'j9']);
    expect(s.anchor).toBe(k(2));
  });

  it('ignores a shift target that is not visible', () => {
    const s = clickSelection(EMPTY_SELECTION, jobs, k(1), 'checkbox', NONE);
    expect(extendSelection(s, jobs.slice(0, 3), k(8))).toBe(s);
  });
});

describe('the header checkbox', () => {
  const rows = jobs.slice(2, 6);

  it('reads none, some or all of the given rows', () => {
    expect(headerState(EMPTY_SELECTION, rows)).toBe('none');
    const some = clickSelection(EMPTY_SELECTION, jobs, k(3), 'checkbox', NONE);
    expect(headerState(some, rows)).toBe('some');
    expect(headerState(toggleRows(some, rows), rows)).toBe('all');
  });

  it('ignores selected rows outside the given ones', () => {
    const s = clickSelection(EMPTY_SELECTION, jobs, k(9), 'checkbox', NONE);
    expect(headerState(s, rows)).toBe('none');
  });

  it('selects all given rows from none or some, and clears them from all, keeping others', () => {
    let s = clickSelection(EMPTY_SELECTION, jobs, k(9), 'checkbox', NONE);
    s = toggleRows(s, rows);
    expect(selectedIds(s)).toEqual(['j2', 'j3', 'j4', 'j5', 'j9']);
    s = toggleRows(s, rows);
    expect(selectedIds(s)).toEqual(['j9']);
  });

  it('reads none for no rows', () => {
    expect(headerState(EMPTY_SELECTION, [])).toBe('none');
  });
});

describe('select all matching and hidden selections', () => {
  const many = Array.from({ length: 5000 }, (_, i) =>
    job({ jobId: `m${i}`, username: i % 2 ? 'bob' : 'alice' }),
  );

  it('selects every row matching the filter, including rows never rendered', () => {
    const matching = filterJobs(many, { ...emptyFilter(), users: ['bob'] }, 0);
    const s = selectAllMatching(EMPTY_SELECTION, matching);
    expect(s.keys.size).toBe(2500);
    expect(s.keys.has(jobKey(many[4999]!))).toBe(true);
    expect(s.keys.has(jobKey(many[0]!))).toBe(false);
  });

  it('keeps selected rows when a filter hides them and counts them as hidden', () => {
    const s = selectAllMatching(EMPTY_SELECTION, many.slice(0, 10));
    const visible = new Set(filterJobs(many, { ...emptyFilter(), users: ['alice'] }, 0));
    const summary = summarizeSelection(s, many, indexJobs(many), (j) => visible.has(j));
    expect(summary).toMatchObject({ selected: 10, hidden: 5 });
    expect(describeSelection(summary)).toBe('10 selected (5 hidden by filters)');
  });

  it('survives re-sorting: the same keys stay selected', () => {
    const s = selectAllMatching(EMPTY_SELECTION, jobs.slice(0, 3));
    const resorted = sortJobs(
      jobs,
      { column: 'jobId', direction: 'desc' },
      { profileNames: new Map(), results: new Map(), now: 0 },
    );
    expect(selectedJobs(s, resorted).map((j) => j.jobId)).toEqual(['j2', 'j1', 'j0']);
  });

  it('counts cancellable selected jobs', () => {
    const s = selectAllMatching(EMPTY_SELECTION, jobs.slice(0, 5));
    expect(summarizeSelection(s, jobs, indexJobs(jobs), () => true)).toEqual({
      selected: 5,
      hidden: 0,
      cancellable: 3,
    });
    expect(describeSelection({ selected: 5, hidden: 0, cancellable: 3 })).toBe('5 selected');
  });

  it('does not count selected keys of jobs that are no longer loaded', () => {
    const s = selectAllMatching(EMPTY_SELECTION, jobs.slice(0, 4));
    const rest = jobs.slice(2);
    expect(summarizeSelection(s, rest, indexJobs(rest), null)).toEqual({
      selected: 2,
      hidden: 0,
      cancellable: 1,
    });
  });

  it('drops keys of jobs that are gone after a refresh', () => {
    const s = selectAllMatching(EMPTY_SELECTION, jobs.slice(0, 5));
    const pruned = pruneSelection(s, jobs.slice(3));
    expect(selectedIds(pruned)).toEqual(['j3', 'j4']);
    expect(pruneSelection(pruned, jobs)).toBe(pruned);
  });
});
