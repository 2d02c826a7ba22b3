/**
 * The user's column layout: order, hidden columns and widths, as one plain JSON value persisted in
 * localStorage. Parsing is tolerant: unknown ids are dropped, and a column this version adds (absent from
 * a stored layout) appears at its default place with its default visibility.
 */
import { JOB_COLUMNS, MAX_COLUMN_WIDTH, columnById, type ColumnId, type JobColumn } from './job-columns';
import type { FilterStorage } from './job-filter';
import { loadJson, saveJson } from '../stored-json';

/** Order, hidden columns and widths chosen by the user. */
export interface ColumnLayout {
  order: ColumnId[];
  hidden: ColumnId[];
  widths: Partial<Record<ColumnId, number>>;
}

const IDS = new Set<string>(JOB_COLUMNS.map((c) => c.id));

/** The default layout. */
export function defaultLayout(): ColumnLayout {
  return {
    order: JOB_COLUMNS.map((c) => c.id),
    hidden: JOB_COLUMNS.filter((c) => !c.shown).map((c) => c.id),
    widths: {},
  };
}

function ids(value: unknown): ColumnId[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((v): v is ColumnId => typeof v === 'string' && IDS.has(v)))];
}

/** A layout from anything stored (see the module comment). */
export function parseLayout(value: unknown): ColumnLayout {
  if (typeof value !== 'object' || value === null) return defaultLayout();
  const v = value as Record<string, unknown>;
  const order = ids(v.order);
  const known = new Set(order);
  const hidden = ids(v.hidden);
  // New columns: after their default predecessor, with their default visibility.
  JOB_COLUMNS.forEach((c, i) => {
    if (known.has(c.id)) return;
    const before = JOB_COLUMNS[i - 1]?.id;
    const at = before === undefined ? 0 : order.indexOf(before) + 1;
    order.splice(at, 0, c.id);
    if (!c.shown) hidden.push(c.id);
  });
  const widths: Partial<Record<ColumnId, number>> = {};
  if (typeof v.widths === 'object' && v.widths !== null) {
    for (const [id, w] of Object.entries(v.widths as Record<string, unknown>)) {
      if (IDS.has(id) && typeof w === 'number' && Number.isFinite(w))
        widths[id as ColumnId] = clampWidth(id as ColumnId, w);
    }
  }
  if (hidden.length >= order.length) return { order, hidden: [], widths };
  return { order, hidden, widths };
}

function clampWidth(id: ColumnId, width: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(columnById(id).minWidth, width)));
}

/** The shown columns, in the layout's order, with the layout's widths. */
export function visibleColumns(layout: ColumnLayout): JobColumn[] {
  const hidden = new Set(layout.hidden);
  return layout.order
    .filter((id) => !hidden.has(id))
    .map((id) => {
      const c = columnById(id);
      const width = layout.widths[id];
      return width === undefined ? c : { ...c, width };
    });
}

/** Shows or hides a column; the last shown column stays. */
export function toggleColumn(layout: ColumnLayout, id: ColumnId): ColumnLayout {
  if (layout.hidden.includes(id)) return { ...layout, hidden: layout.hidden.filter((h) => h !== id) };
  if (layout.order.length - layout.hidden.length <= 1) return layout;
  return { ...layout, hidden: [...layout.hidden, id] };
}

/** Moves a column `delta` places among the shown columns (hidden ones keep their places). */
export function moveColumn(layout: ColumnLayout, id: ColumnId, delta: number): ColumnLayout {
  const shown = layout.order.filter((c) => !layout.hidden.includes(c));
  const from = shown.indexOf(id);
  const to = Math.max(0, Math.min(shown.length - 1, from + delta));
  if (from < 0 || to === from) return layout;
  const target = shown[to]!;
  const order = layout.order.filter((c) => c !== id);
  const at = order.indexOf(target) + (delta > 0 ? 1 : 0);
  order.splice(at, 0, id);
  return { ...layout, order };
}

/** Sets a column's width, within its bounds. */
export function resizeColumn(layout: ColumnLayout, id: ColumnId, width: number): ColumnLayout {
  return { ...layout, widths: { ...layout.widths, [id]: clampWidth(id, width) } };
}

/** The stored layout under `key`, or the default. */
export function loadLayout(storage: FilterStorage, key: string): ColumnLayout {
  return loadJson(storage, key, parseLayout, defaultLayout);
}

/** Stores the layout; a full or disabled storage only costs persistence. */
export function saveLayout(storage: FilterStorage, key: string, layout: ColumnLayout): void {
  saveJson(storage, key, layout);
}
