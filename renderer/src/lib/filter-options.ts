/**
 * The choices the filter bar offers: the statuses, services and users present in the loaded jobs (so
 * every option matches something), and the usual ages an administrator cleans up by.
 */
import type { Job } from './contract-types';
import { STATUS_ORDER } from './jobs/job-types';

/** The values the filter bar's menus list. */
export interface FilterOptions {
  statuses: string[];
  services: string[];
  users: string[];
}

/** Ages offered by the "Older than" menu, in ms. */
export const AGE_OPTIONS: readonly { label: string; ms: number }[] = [
  { label: '1 day', ms: 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
  { label: '30 days', ms: 30 * 86_400_000 },
  { label: '90 days', ms: 90 * 86_400_000 },
];

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const STATUS_RANK = new Map<string, number>(STATUS_ORDER.map((s, i) => [s, i]));

/** Distinct statuses (lifecycle order), services and users (alphabetical) of the jobs, in one pass. */
export function filterOptions(jobs: readonly Job[]): FilterOptions {
  const statuses = new Set<string>();
  const services = new Set<string>();
  const users = new Set<string>();
  for (const j of jobs) {
    statuses.add(j.status);
    services.add(j.service);
    if (j.username) users.add(j.username);
  }
  const rank = (s: string): number => STATUS_RANK.get(s) ?? STATUS_ORDER.length;
  return {
    statuses: [...statuses].sort((a, b) => rank(a) - rank(b) || collator.compare(a, b)),
    services: [...services].sort(collator.compare),
    users: [...users].sort(collator.compare),
  };
}
