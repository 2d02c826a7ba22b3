/**
 * Active filters as removable chips, so the administrator always sees why rows are missing.
 * Each chip carries plain data saying what removing it does, so chips can be rendered, tested and
 * applied without closures.
 */
import { t } from '../strings';
import { statusLabel } from './job-format';
import { serviceText, serviceTypeText } from './service-type';
import { DAY_MS, HOUR_MS, LIST_FIELDS, type FilterListField, type FilterState } from './job-filter';

/** What removing a chip takes out of the filter. */
export type ChipRemoval =
  | { field: FilterListField; value: string }
  | { field: 'olderThanMs' }
  | { field: 'runningLongerThanMs' }
  | { field: 'text' };

/** One active filter as shown: a unique key, a label, and its removal. */
export interface FilterChip {
  key: string;
  label: string;
  remove: ChipRemoval;
}

/** An age for people: `7 days`, `1 day`, `12 hours`, `30 minutes`. */
export function formatAge(ms: number): string {
  const words = t.filters;
  if (ms >= DAY_MS && ms % DAY_MS === 0) return words.days(ms / DAY_MS);
  if (ms >= HOUR_MS && ms % HOUR_MS === 0) return words.hours(ms / HOUR_MS);
  if (ms >= DAY_MS) return words.days(Math.round((ms / DAY_MS) * 10) / 10);
  return words.minutes(Math.max(1, Math.round(ms / 60_000)));
}

/** The chips of a filter, in a stable order: the list fields, age, running, text. */
export function describeChips(f: FilterState, profileNames: ReadonlyMap<string, string>): FilterChip[] {
  const chips: FilterChip[] = [];
  const show: Partial<Record<FilterListField, (v: string) => string>> = {
    statuses: statusLabel,
    profileIds: (id) => profileNames.get(id) ?? id,
    services: serviceText,
    serviceTypes: serviceTypeText,
  };
  for (const { field, label } of LIST_FIELDS) {
    for (const value of f[field]) {
      chips.push({
        key: `${field}:${value}`,
        label: t.filters.listChip(label, show[field]?.(value) ?? value),
        remove: { field, value },
      });
    }
  }
  if (f.olderThanMs !== null) {
    chips.push({
      key: 'olderThanMs',
      label: (f.ageField === 'ended' ? t.filters.endedMoreThan : t.filters.submittedMoreThan)(
        formatAge(f.olderThanMs),
      ),
      remove: { field: 'olderThanMs' },
    });
  }
  if (f.runningLongerThanMs !== null) {
    chips.push({
      key: 'runningLongerThanMs',
      label: t.filters.runningLongerThan(formatAge(f.runningLongerThanMs)),
      remove: { field: 'runningLongerThanMs' },
    });
  }
  const text = f.text.trim();
  if (text) chips.push({ key: 'text', label: t.filters.textChip(text), remove: { field: 'text' } });
  return chips;
}

/** The filter without the chip's part. */
export function removeChip(f: FilterState, removal: ChipRemoval): FilterState {
  if (removal.field === 'olderThanMs') return { ...f, olderThanMs: null };
  if (removal.field === 'runningLongerThanMs') return { ...f, runningLongerThanMs: null };
  if (removal.field === 'text') return { ...f, text: '' };
  const { field, value } = removal;
  return { ...f, [field]: f[field].filter((v) => v !== value) };
}
