/**
 * The benchmark's verdict: the headline figures, their targets, a readable table and the one JSON line
 * that ends the output.
 */

/** The keys of the last line, in order. */
export const HEADLINE_KEYS = [
  'bulk_efficiency',
  'bulk_speedup_vs_sequential',
  'bulk_vs_bare_ratio',
  'bulk_cpu_vs_bare_ratio',
  'list_speedup_vs_paged10',
  'list_vs_bare_ratio',
  'peak_rss_mb_100k',
  'progress_events_per_s',
  'table_first_rows_ms_100k',
  'table_sort_ms_100k',
  'table_filter_ms_100k',
  'table_longest_task_ms_scroll_100k',
  'table_first_rows_ratio_100k_vs_1k',
  'audit_history_ms_1000_runs',
  'audit_open_run_ms_10m',
  'fleet_list_vs_bare_ratio',
  'fleet_peak_rss_mb_1m',
  'fleet_table_first_rows_ms_1m',
  'fleet_table_longest_task_ms_scroll_1m',
  'fleet_table_filter_ms_1m',
  'fleet_table_sort_ms_1m',
  'fleet_renderer_heap_mb_1m',
  'fleet_bulk_vs_bare_ratio_100k',
] as const;

/** One headline figure. */
export type HeadlineKey = (typeof HEADLINE_KEYS)[number];

/** The headline figures; null when a part was not measured (smoke mode, or it failed). */
export type Headline = Record<HeadlineKey, number | null>;

/** A target: at least or at most a value. */
export interface Target {
  op: '>=' | '<=';
  value: number;
}

/** The targets of issues 8, 18 and 22. Figures without one are reported only. */
export const TARGETS: Partial<Record<HeadlineKey, Target>> = {
  bulk_efficiency: { op: '>=', value: 0.9 },
  bulk_speedup_vs_sequential: { op: '>=', value: 20 },
  bulk_vs_bare_ratio: { op: '>=', value: 0.95 },
  bulk_cpu_vs_bare_ratio: { op: '<=', value: 1.1 },
  list_vs_bare_ratio: { op: '>=', value: 0.8 },
  list_speedup_vs_paged10: { op: '>=', value: 50 },
  peak_rss_mb_100k: { op: '<=', value: 250 },
  progress_events_per_s: { op: '<=', value: 20 },
  table_first_rows_ratio_100k_vs_1k: { op: '<=', value: 2 },
  table_longest_task_ms_scroll_100k: { op: '<=', value: 50 },
  audit_history_ms_1000_runs: { op: '<=', value: 200 },
  audit_open_run_ms_10m: { op: '<=', value: 200 },
  fleet_list_vs_bare_ratio: { op: '>=', value: 0.8 },
  fleet_peak_rss_mb_1m: { op: '<=', value: 600 },
  fleet_table_first_rows_ms_1m: { op: '<=', value: 1000 },
  fleet_table_longest_task_ms_scroll_1m: { op: '<=', value: 50 },
  fleet_table_filter_ms_1m: { op: '<=', value: 300 },
  fleet_table_sort_ms_1m: { op: '<=', value: 500 },
  fleet_renderer_heap_mb_1m: { op: '<=', value: 300 },
  fleet_bulk_vs_bare_ratio_100k: { op: '>=', value: 0.9 },
};

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `pass`, `miss`, `-` (no target) or `n/a` (not measured). */
export function verdict(key: HeadlineKey, value: number | null): 'pass' | 'miss' | '-' | 'n/a' {
  const target = TARGETS[key];
  if (value === null || !Number.isFinite(value)) return target ? 'n/a' : '-';
  if (!target) return '-';
  const met = target.op === '>=' ? value >= target.value : value <= target.value;
  return met ? 'pass' : 'miss';
}

/** Rounds for display and JSON: 3 significant decimals for small values, 1 decimal otherwise. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) < 10 ? Math.round(value * 1000) / 1000 : Math.round(value * 10) / 10;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/**
 * The headline table, one figure per line, with target and verdict, how many runs its median is of, the
 * machine's load while its part ran, and how it is computed.
 */
export function headlineTable(
  headline: Headline,
  notes: Partial<Record<HeadlineKey, string>> = {},
  loads: Partial<Record<HeadlineKey, string>> = {},
  runs: Partial<Record<HeadlineKey, string>> = {},
): string {
  const rows = HEADLINE_KEYS.map((key) => {
    const value = headline[key];
    const target = TARGETS[key];
    return [
      key,
      value === null ? 'n/a' : String(round(value)),
      target ? `${target.op} ${target.value}` : '',
      verdict(key, value),
      value === null ? '' : (runs[key] ?? ''),
      value === null ? '' : (loads[key] ?? ''),
      notes[key] ?? '',
    ];
  });
  const head = ['figure', 'value', 'target', 'verdict', 'runs', 'load', 'how'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, i === 1 || i === 4))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The last line: exactly the headline keys, numbers rounded, null where not measured. */
export function headlineJson(headline: Headline): string {
  const out: Record<string, number | null> = {};
  for (const key of HEADLINE_KEYS) {
    const v = headline[key];
    out[key] = v === null || !Number.isFinite(v) ? null : round(v);
  }
  return JSON.stringify(out);
}
