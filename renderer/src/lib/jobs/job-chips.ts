/**
 * Active filters as removable chips, so the administrator always sees why rows are missing.
 * Each chip carries plain data saying what removing it does, so chips can be rendered, tested and
 * applied without closures.
 */
import { statusLabel } from './job-format';
import { DAY_MS, type FilterListField, type FilterState } from './job-filter';

/** What removing a chip takes out of the filter. */
export type ChipRemoval =
  { field: FilterListField; value: string } | { field: 'olderThanMs' } | { field: 'text' };

/** One active filter as shown: a unique key, a label, and its removal. */
export interface FilterChip {
  key: string;
  label: string;
  remove: ChipRemoval;
}

const HOUR_MS = 3_600_000;

/** An age for people: `7 days`, `1 day`, `12 hours`, `30 minutes`. */
export function formatAge(ms: number): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms >= DAY_MS && ms % DAY_MS === 0) return plural(ms / DAY_MS, 'day');
  if (ms >= HOUR_MS && ms % HOUR_MS === 0) return plural(ms / HOUR_MS, 'hour');
  if (ms >= DAY_MS) return plural(Math.round((ms / DAY_MS) * 10) / 10, 'day');
  return plural(Math.max(1, Math.round(ms / 60_000)), 'minute');
}

const LIST_LABELS: Record<FilterListField, string> = {
  statuses: 'Status',
  profileIds: 'Server',
  services: 'Service',
  users: 'User',
};

/** The chips of a filter, in a stable order: status, server, service, user, age, text. */
export function describeChips(f: FilterState, profileNames: ReadonlyMap<string, string>): FilterChip[] {
  const chips: FilterChip[] = [];
  const show: Record<FilterListField, (v: string) => string> = {
    statuses: statusLabel,
    profileIds: (id) => profileNames.get(id) ?? id,
    services: (s) => s,
    users: (u) => u,
  };
  for (const field of Object.keys(LIST_LABELS) as FilterListField[]) {
    for (const value of f[field]) {
      chips.push({
        key: `${field}:${value}`,
        label: `${LIST_LABELS[field]}: ${show[field](value)}`,
        remove: { field, value },
      });
    }
  }
  if (f.olderThanMs !== null) {
    chips.push({
      key: 'olderThanMs',
      label: `Older than ${formatAge(f.olderThanMs)}`,
      remove: { field: 'olderThanMs' },
    });
  }
  const text = f.text.trim();
  if (text) chips.push({ key: 'text', label: `Text: “${text}”`, remove: { field: 'text' } });
  return chips;
}

/** The filter without the chip's part. */
export function removeChip(f: FilterState, removal: ChipRemoval): FilterState {
  if (removal.field === 'olderThanMs') return { ...f, olderThanMs: null };
  if (removal.field === 'text') return { ...f, text: '' };
  const { field, value } = removal;
  return { ...f, [field]: f[field].filter((v) => v !== value) };
}
