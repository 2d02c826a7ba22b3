/**
 * Plain-text tables for people: columns aligned, numbers right-aligned, and the whole table fitted to the
 * terminal by shortening the widest shrinkable columns (with an ellipsis) rather than wrapping lines.
 */

/** One column: its header, how to show a row in it, and how it may be shortened. */
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: 'left' | 'right';
  /** May be cut to fit the width (default true for left-aligned columns). */
  shrink?: boolean;
  /** Never cut below this many characters (default 8, or the header's length if shorter). */
  min?: number;
  /** Left out when the table cannot fit otherwise; lower numbers go first. */
  dropOrder?: number;
}

const GAP = '  ';

/** Cuts `text` to `width` characters, ending in an ellipsis when cut. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, width).join('');
  return `${chars.slice(0, width - 1).join('')}…`;
}

const len = (s: string): number => [...s].length;

/** One-line cell text: control characters (line breaks in a server's message) become spaces. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/** Column widths: natural widths, then the widest shrinkable ones cut one by one until the line fits. */
export function fitWidths(
  natural: readonly number[],
  mins: readonly number[],
  shrinkable: readonly boolean[],
  maxWidth: number,
): number[] {
  const widths = [...natural];
  let total = widths.reduce((a, b) => a + b, 0) + GAP.length * Math.max(0, widths.length - 1);
  while (total > maxWidth) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (!shrinkable[i] || widths[i]! <= mins[i]!) continue;
      if (widest < 0 || widths[i]! > widths[widest]!) widest = i;
    }
    if (widest < 0) break;
    widths[widest]!--;
    total--;
  }
  return widths;
}

/** A table's columns fitted once: its header line, the sample's lines, and any later row as a line. */
export interface TableLayout<T> {
  header: string;
  /** The lines of the rows the columns were fitted to, in their order. */
  sampleLines: string[];
  line: (row: T) => string;
}

/**
 * Column widths fitted to `sample` (natural widths, shrunk and dropped to fit `maxWidth`), for rows that
 * may come later (a listing printed as it arrives): a later row's longer value is cut with an ellipsis in a
 * shrinkable column when there is a width to fit, and never cut otherwise (a job id stays whole, if out
 * of line).
 */
export function tableLayout<T>(
  columns: readonly Column<T>[],
  sample: readonly T[],
  maxWidth = Number.POSITIVE_INFINITY,
): TableLayout<T> {
  const cells = sample.map((row) => columns.map((c) => clean(c.value(row))));
  // A reduce, not Math.max(...cells): a spread of a few hundred thousand rows overflows the call stack.
  const natural = columns.map((c, i) => cells.reduce((m, r) => Math.max(m, len(r[i]!)), len(c.header)));
  const shrinkable = columns.map((c) => c.shrink ?? c.align !== 'right');
  const mins = columns.map((c, i) => Math.min(natural[i]!, c.min ?? Math.max(8, len(c.header))));
  let shown = columns.map((_, i) => i);
  let widths = fitWidths(natural, mins, shrinkable, maxWidth);
  for (;;) {
    const total = widths.reduce((a, b) => a + b, 0) + GAP.length * Math.max(0, widths.length - 1);
    const droppable = shown.filter((i) => columns[i]!.dropOrder !== undefined);
    if (total <= maxWidth || droppable.length === 0) break;
    const drop = droppable.reduce((a, b) => (columns[b]!.dropOrder! < columns[a]!.dropOrder! ? b : a));
    shown = shown.filter((i) => i !== drop);
    const pick = <V>(values: readonly V[]): V[] => shown.map((i) => values[i]!);
    widths = fitWidths(pick(natural), pick(mins), pick(shrinkable), maxWidth);
  }
  // Without a width to fit (output to a file), a later row's longer value is written whole.
  const cuts = Number.isFinite(maxWidth);
  const line = (values: readonly string[]): string =>
    shown
      .map((col, k) => {
        const text = shrinkable[col] && cuts ? truncate(values[col]!, widths[k]!) : values[col]!;
        const pad = ' '.repeat(Math.max(0, widths[k]! - len(text)));
        return columns[col]!.align === 'right' ? pad + text : text + pad;
      })
      .join(GAP)
      .trimEnd();
  return {
    header: line(columns.map((c) => c.header)),
    sampleLines: cells.map(line),
    line: (row) => line(columns.map((c) => clean(c.value(row)))),
  };
}

/** Renders rows as an aligned table with a header line; lines end without trailing spaces. */
export function renderTable<T>(
  columns: readonly Column<T>[],
  rows: readonly T[],
  maxWidth = Number.POSITIVE_INFINITY,
): string {
  const layout = tableLayout(columns, rows, maxWidth);
  return [layout.header, ...layout.sampleLines].join('\n') + '\n';
}
