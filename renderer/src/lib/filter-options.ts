/**
 * The choices the filter bar offers: the values of each list filter present in the loaded jobs (so every
 * option matches something), and the usual ages an administrator cleans up by.
 */
import { SERVICE_TYPES, serviceTypeOf } from '../../../electron/shared/job-filter';
import type { Job } from './contract-types';
import type { FilterListField } from './jobs/job-filter';
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
/** Distinct values per list filter in one pass: statuses in lifecycle order, the rest alphabetical. */
export function filterOptions(jobs: readonly Job[]): FilterOptions {
  // Direct field reads, not LIST_FIELDS' accessors: this runs over every loaded job on each load.
  const statuses = new Set<string>();
  const services = new Set<string>();
  const types = new Set<string>();
  const users = new Set<string>();
  const machines = new Set<string>();
  for (const j of jobs) {
    statuses.add(j.status);
    services.add(j.service);
    if (j.username) users.add(j.username);
    if (j.machinename) machines.add(j.machinename);
  }
  for (const s of services) types.add(serviceTypeOf(s));
  const rank = (s: string): number => STATUS_RANK.get(s) ?? STATUS_ORDER.length;
  return {
    statuses: [...statuses].sort((a, b) => rank(a) - rank(b) || collator.compare(a, b)),
    services: [...services].sort(collator.compare),
    serviceTypes: SERVICE_TYPES.filter((t) => types.has(t)),
    users: [...users].sort(collator.compare),
    machines: [...machines].sort(collator.compare),
  };
}
