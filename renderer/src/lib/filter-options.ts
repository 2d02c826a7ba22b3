/**
 * The choices the filter bar offers: the values of each list filter present in the loaded jobs (so every
 * option matches something), and the usual ages an administrator cleans up by.
 */
import type { Job } from './contract-types';
import { LIST_FIELDS, type FilterListField } from './jobs/job-filter';
import { STATUS_ORDER } from './jobs/job-types';

/** The values each list filter's menu offers (servers come from the profiles, not the jobs). */
export type FilterOptions = Record<Exclude<FilterListField, 'profileIds'>, string[]>;

/** Ages offered as quick picks, in ms. */
export const AGE_OPTIONS: readonly { label: string; ms: number }[] = [
  { label: '1 day', ms: 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
  { label: '30 days', ms: 30 * 86_400_000 },
  { label: '90 days', ms: 90 * 86_400_000 },
];

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const STATUS_RANK = new Map<string, number>(STATUS_ORDER.map((s, i) => [s, i]));
const FIELDS = LIST_FIELDS.filter((l) => l.field !== 'profileIds');

/** Distinct values per list filter in one pass: statuses in lifecycle order, the rest alphabetical. */
export function filterOptions(jobs: readonly Job[]): FilterOptions {
  const seen = FIELDS.map(() => new Set<string>());
  for (const j of jobs) {
    for (let i = 0; i < FIELDS.length; i++) {
      const v = FIELDS[i]!.of(j);
      if (v) seen[i]!.add(v);
    }
  }
  const rank = (s: string): number => STATUS_RANK.get(s) ?? STATUS_ORDER.length;
  const out = {} as FilterOptions;
  FIELDS.forEach((l, i) => {
    const values = [...seen[i]!];
    out[l.field as keyof FilterOptions] =
      l.field === 'statuses'
        ? values.sort((a, b) => rank(a) - rank(b) || collator.compare(a, b))
        : values.sort(collator.compare);
  });
  return out;
}
