/**
 * What a click or key press in the job grid does, as pure decisions: the next selection, the focused row,
 * and whether to open a row's details. The grid keeps one focused row (aria-activedescendant), so keys work
 * the same however many rows exist, and the component only applies the update it gets back.
 */
import { clickSelection, extendSelection, toggleSelection, type Selection } from './job-selection';
import type { JobRows } from './job-rows';
import { jobKey, type Job, type JobKey } from './job-types';

/** The focused row: its key, plus the index it had, so finding it again is O(1) unless the rows moved. */
export interface GridFocus {
  key: JobKey;
  hint: number;
}

/** What the grid should change; absent fields stay as they are. */
export interface GridUpdate {
  selection?: Selection;
  focus?: GridFocus;
  /** Show this job's details. */
  open?: Job;
  /** Bring this row index into view. */
  reveal?: number;
}

/** The parts of a mouse or keyboard event the grid reads. */
export interface GridModifiers {
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * A click on row `index`, on its checkbox or elsewhere (see job-selection for the rules). A plain click on
 * the row opens its details and leaves the checkboxes as they are; modified clicks only select.
 */
export function rowClick(
  rows: JobRows,
  selection: Selection,
  index: number,
  where: 'checkbox' | 'row',
  e: GridModifiers,
): GridUpdate {
  const row = index >= 0 ? rows.at(index) : undefined;
  if (!row) return {};
  const key = jobKey(row);
  const mods = { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey };
  const update: GridUpdate = {
    selection: clickSelection(selection, rows, key, where, mods),
    focus: { key, hint: index },
  };
  if (where === 'row' && !mods.shift && !mods.toggle) update.open = row;
  return update;
}

/**
 * A key press on the grid: arrows, Page Up/Down and Home/End move the focused row (with shift they extend
 * the selection from the anchor, or from the row left when there is none); Space toggles the focused row
 * (shift+Space extends to it); Enter opens it. Null when the key is not the grid's.
 */
export function gridKey(
  rows: JobRows,
  selection: Selection,
  focusIndex: number,
  e: GridModifiers & { key: string },
  pageRows: number,
): GridUpdate | null {
  const total = rows.length;
  if (total === 0 || e.altKey || e.ctrlKey || e.metaKey) return null;
  const at = Math.min(focusIndex, total - 1);
  const current = at >= 0 ? rows.at(at) : undefined;
  const page = Math.max(1, pageRows - 1);
  const move = (to: number): GridUpdate => {
    const index = Math.max(0, Math.min(total - 1, to));
    const key = jobKey(rows.at(index)!);
    const update: GridUpdate = { focus: { key, hint: index }, reveal: index };
    if (e.shiftKey) {
      const base =
        selection.anchor === null && current ? { ...selection, anchor: jobKey(current) } : selection;
      update.selection = extendSelection(base, rows, key);
    }
    return update;
  };
  switch (e.key) {
    case 'ArrowDown':
      return move(current ? at + 1 : 0);
    case 'ArrowUp':
      return move(current ? at - 1 : 0);
    case 'PageDown':
      return move(current ? at + page : 0);
    case 'PageUp':
      return move(current ? at - page : 0);
    case 'Home':
      return move(0);
    case 'End':
      return move(total - 1);
    case ' ': {
      if (!current) return move(0);
      const key = jobKey(current);
      return {
        selection: e.shiftKey ? extendSelection(selection, rows, key) : toggleSelection(selection, key),
      };
    }
    case 'Enter':
      return current ? { open: current } : null;
    default:
      return null;
  }
}

/**
 * The row index of the focus in the current rows: where it was if the row is still there, else where it
 * moved to, else the nearest index (so keyboard users keep their place when a filter removes the row).
 */
export function resolveFocus(rows: JobRows, focus: GridFocus | null): number {
  if (!focus || rows.length === 0) return -1;
  const atHint = focus.hint >= 0 ? rows.at(focus.hint) : undefined;
  if (atHint && jobKey(atHint) === focus.key) return focus.hint;
  // The key ends with the job id: comparing that first spares building a key per row of a million.
  for (let i = 0; i < rows.length; i++) {
    const j = rows.at(i)!;
    if (focus.key.endsWith(j.jobId) && jobKey(j) === focus.key) return i;
  }
  return Math.min(focus.hint, rows.length - 1);
}
