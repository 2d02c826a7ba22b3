/**
 * "Save as policy": the job table's current filter as a clean-up policy. Ages become the duration words
 * policies store (`7d`, `12h`); servers become names (none chosen: all servers). What a policy cannot hold
 * (free text, several users or machines) is reported, never silently dropped.
 */
import type { PayloadOf } from '../../lib/contract-types';
import type { FilterState } from '../../lib/jobs/job-filter';
import { t } from '../../lib/strings';

/** The policy fields a filter gives, and what of the filter could not be kept. */
export interface FilterPolicy {
  fields: Omit<PayloadOf<'policies.save'>['policy'], 'name'>;
  /** Why it cannot be saved (several users, no filter at all), or null. */
  problem: string | null;
  /** Parts of the filter a policy leaves out. */
  leftOut: string[];
}

const UNITS: Array<[number, string]> = [
  [604_800_000, 'w'],
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm'],
  [1000, 's'],
];

/** Milliseconds as the one largest whole unit (`7d`, `90m`): the words a policy stores. */
export function durationWord(ms: number): string {
  const [size, unit] = UNITS.find(([u]) => ms % u === 0) ?? [1000, 's'];
  return `${Math.max(1, Math.round(ms / size))}${unit}`;
}

/** The policy of `filter`; `names` gives each profile id's name. */
export function policyFromFilter(filter: FilterState, names: ReadonlyMap<string, string>): FilterPolicy {
  const leftOut = filter.text.trim() ? [t.policies.freeText] : [];
  const fields: FilterPolicy['fields'] = {
    servers: filter.profileIds.length ? filter.profileIds.map((id) => names.get(id) ?? id) : 'all',
    services: [...filter.services],
    statuses: filter.statuses as FilterPolicy['fields']['statuses'],
    olderThan: filter.olderThanMs === null ? null : durationWord(filter.olderThanMs),
    age: filter.ageField,
    user: filter.users[0] ?? null,
    machine: filter.machines[0] ?? null,
    runningLongerThan: filter.runningLongerThanMs === null ? null : durationWord(filter.runningLongerThanMs),
  };
  const narrows =
    filter.statuses.length ||
    filter.services.length ||
    filter.users.length ||
    filter.machines.length ||
    filter.olderThanMs !== null ||
    filter.runningLongerThanMs !== null;
  const problem =
    filter.users.length > 1
      ? t.policies.oneUser
      : filter.machines.length > 1
        ? t.policies.oneMachine
        : narrows
          ? null
          : t.policies.needsFilter;
  return { fields, problem, leftOut };
}
