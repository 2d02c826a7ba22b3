/**
 * The job table's selection as an immutable value: which rows are selected, where a shift-range starts,
 * and what the last shift-range added. Operations return a new Selection, so a Svelte `$state.raw` holds it
 * and every change is one assignment.
 *
 * Click rules: the checkbox toggles its row and sets the anchor; a plain row click only moves the anchor
 * (it opens the row's details, and never throws away a selection such as "all 1,200 matching");
 * ctrl/cmd-click toggles; shift-click (or shift+arrow) selects the range from the anchor to the target in
 * the current visible order, replacing the previous shift-range from the same anchor but keeping
 * everything selected before it. Keys of rows hidden by filters stay selected.
 */
import { t } from '../strings';
import type { JobRows } from './job-rows';
import { CANCELLABLE_STATUSES, jobKey, type Job, type JobKey } from './job-types';

/** Selected row keys plus the shift-range state. */
export interface Selection {
  keys: ReadonlySet<JobKey>;
  /** Where the next shift-range starts; the last row clicked or toggled. */
  anchor: JobKey | null;
  /** Keys the last shift-range added (undone when the range is re-extended). */
  range: readonly JobKey[];
}

/** Modifier keys of a click or key press. */
export interface SelectModifiers {
  shift: boolean;
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  toggle: boolean;
}

/** Nothing selected. */
export const EMPTY_SELECTION: Selection = { keys: new Set(), anchor: null, range: [] };

/** Flips one row and makes it the anchor. */
export function toggleSelection(sel: Selection, key: JobKey): Selection {
  const keys = new Set(sel.keys);
  if (!keys.delete(key)) keys.add(key);
  return { keys, anchor: key, range: [] };
}

/** Only this row selected, and the anchor. */
export function selectOnly(key: JobKey): Selection {
  return { keys: new Set([key]), anchor: key, range: [] };
}

/** Selects anchor..target in `order` (the visible, sorted rows); without a visible anchor, selects target and anchors there. */
export function extendSelection(sel: Selection, order: JobRows, target: JobKey): Selection {
  let from = -1;
  let to = -1;
  for (let i = 0; i < order.length && (from < 0 || to < 0); i++) {
    const k = jobKey(order.at(i)!);
    if (k === sel.anchor) from = i;
    if (k === target) to = i;
  }
  if (to < 0) return sel;
  if (from < 0) {
    // The anchor is hidden or gone: start a new range at the target.
    const keys = new Set(sel.keys);
    keys.add(target);
    return { keys, anchor: target, range: [] };
  }
  const keys = new Set(sel.keys);
  for (const k of sel.range) keys.delete(k);
  const added: JobKey[] = [];
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
    const k = jobKey(order.at(i)!);
    if (!keys.has(k)) {
      keys.add(k);
      added.push(k);
    }
  }
  return { keys, anchor: sel.anchor, range: added };
}

/** Applies a click on a row's checkbox (`checkbox`) or elsewhere on the row (`row`) per the rules above. */
export function clickSelection(
  sel: Selection,
  order: JobRows,
  key: JobKey,
  where: 'checkbox' | 'row',
  mods: SelectModifiers,
): Selection {
  if (mods.shift) return extendSelection(sel, order, key);
  if (where === 'checkbox' || mods.toggle) return toggleSelection(sel, key);
  return sel.anchor === key ? sel : { keys: sel.keys, anchor: key, range: [] };
}

/** The header checkbox state for a set of rows: none, some or all of them selected. */
export function headerState(sel: Selection, rows: readonly Job[]): 'none' | 'some' | 'all' {
  let n = 0;
  for (const j of rows) if (sel.keys.has(jobKey(j))) n++;
  return n === 0 ? 'none' : n === rows.length ? 'all' : 'some';
}

/** The header checkbox's click: deselects the rows when all are selected, else selects all of them. */
export function toggleRows(sel: Selection, rows: readonly Job[]): Selection {
  const all = rows.length > 0 && headerState(sel, rows) === 'all';
  const keys = new Set(sel.keys);
  for (const j of rows) {
    if (all) keys.delete(jobKey(j));
    else keys.add(jobKey(j));
  }
  return { keys, anchor: sel.anchor, range: [] };
}

/** "Select all N matching the filter": adds every matching row, rendered or not. */
export function selectAllMatching(sel: Selection, matching: JobRows): Selection {
  const keys = new Set(sel.keys);
  for (let i = 0; i < matching.length; i++) keys.add(jobKey(matching.at(i)!));
  return { keys, anchor: sel.anchor, range: [] };
}

/** Drops keys of jobs no longer listed (after a refresh or a delete run). */
export function pruneSelection(sel: Selection, jobs: readonly Job[]): Selection {
  if (!sel.keys.size) return sel;
  const keys = new Set<JobKey>();
  for (const j of jobs) {
    const k = jobKey(j);
    if (sel.keys.has(k)) keys.add(k);
  }
  if (keys.size === sel.keys.size) return sel;
  const anchor = sel.anchor !== null && keys.has(sel.anchor) ? sel.anchor : null;
  return { keys, anchor, range: sel.range.filter((k) => keys.has(k)) };
}

/** The counts the toolbar shows: "N selected (M hidden by filters)", and how many can be cancelled. */
export interface SelectionSummary {
  selected: number;
  /** Selected rows the current filters hide. */
  hidden: number;
  /** Selected jobs whose status the cancel operation accepts. */
  cancellable: number;
}

const CANCELLABLE = new Set<string>(CANCELLABLE_STATUSES);

/**
 * Rows by key (each job's index in `jobs`), built once per job list so selection counts cost O(selected),
 * not O(all jobs). With `from` and `into`, adds `jobs` from index `from` on to an existing index (a
 * streamed batch).
 */
export function indexJobs(
  jobs: readonly Job[],
  from = 0,
  into: Map<JobKey, number> = new Map(),
): Map<JobKey, number> {
  for (let i = from; i < jobs.length; i++) into.set(jobKey(jobs[i]!), i);
  return into;
}

/**
 * Counts the selected jobs that still exist in `jobs` (`rowOf` is `indexJobs(jobs)`), how many the filters
 * hide (`shown` tells whether they let a row through, by its job and its index in `jobs`; null for all)
 * and how many can be cancelled.
 */
export function summarizeSelection(
  sel: Selection,
  jobs: readonly Job[],
  rowOf: ReadonlyMap<JobKey, number>,
  shown: ((job: Job, row: number) => boolean) | null,
): SelectionSummary {
  let selected = 0;
  let hidden = 0;
  let cancellable = 0;
  for (const key of sel.keys) {
    const row = rowOf.get(key);
    if (row === undefined) continue;
    const j = jobs[row]!;
    selected++;
    if (shown && !shown(j, row)) hidden++;
    if (CANCELLABLE.has(j.status)) cancellable++;
  }
  return { selected, hidden, cancellable };
}

/** The selected jobs in `jobs` order, e.g. to build a bulk plan. */
export function selectedJobs(sel: Selection, jobs: readonly Job[]): Job[] {
  return sel.keys.size ? jobs.filter((j) => sel.keys.has(jobKey(j))) : [];
}

/** "12 selected (3 hidden by filters)". */
export function describeSelection(s: SelectionSummary): string {
  return t.jobs.selected(s.selected, s.hidden);
}
