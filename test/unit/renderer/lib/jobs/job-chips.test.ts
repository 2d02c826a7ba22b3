import { describe, expect, it } from 'vitest';
import { describeChips, formatAge, removeChip } from '../../../../../renderer/src/lib/jobs/job-chips';
import {
  DAY_MS,
  emptyFilter,
  isFilterEmpty,
  parseFilter,
} from '../../../../../renderer/src/lib/jobs/job-filter';
import type { FilterState } from '../../../../../renderer/src/lib/jobs/job-filter';

const names = new Map([['p1', 'Production East']]);
const full: FilterState = {
  statuses: ['esriJobFailed', 'esriJobTimedOut'],
  profileIds: ['p1', 'gone'],
  services: ['Tools/Buffer'],
  serviceTypes: [],
  users: ['alice'],
  machines: ['GIS01'],
  olderThanMs: 7 * DAY_MS,
  ageField: 'submitted',
  runningLongerThanMs: null,
  text: '  abc ',
};

describe('filter chips', () => {
  it('shows no chips for an empty filter', () => {
    expect(describeChips(emptyFilter(), names)).toEqual([]);
  });

  it('labels each active filter in words, servers by name, services with their type', () => {
    expect(describeChips(full, names).map((c) => c.label)).toEqual([
      'Status: Failed',
      'Status: Timed out',
      'Server: Production East',
      'Server: gone',
      'Service: Tools/Buffer (GP)',
      'User: alice',
      'Machine: GIS01',
      'Submitted more than 7 days ago',
      'Text: “abc”',
    ]);
    const more = describeChips(
      {
        ...emptyFilter(),
        olderThanMs: 12 * 3_600_000,
        ageField: 'ended',
        runningLongerThanMs: 2 * 3_600_000,
      },
      names,
    );
    expect(more.map((c) => c.label)).toEqual(['Ended more than 12 hours ago', 'Running longer than 2 hours']);
    expect(
      removeChip(
        more[0]!.remove === undefined ? emptyFilter() : { ...emptyFilter(), runningLongerThanMs: 1 },
        more[1]!.remove,
      ),
    ).toEqual(emptyFilter());
  });

  it('gives each chip a unique key', () => {
    const keys = describeChips(full, names).map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names services with their type, and types in words', () => {
    const typed = {
      ...emptyFilter(),
      services: ['Basemaps/Streets.MapServer'],
      serviceTypes: ['ImageServer'],
    };
    expect(describeChips(typed, names).map((c) => c.label)).toEqual([
      'Service: Basemaps/Streets (Map)',
      'Type: Image',
    ]);
  });

  it('removes exactly its own part of the filter', () => {
    const chips = describeChips(full, names);
    expect(removeChip(full, chips[1]!.remove)).toEqual({ ...full, statuses: ['esriJobFailed'] });
    expect(removeChip(full, chips[7]!.remove)).toEqual({ ...full, olderThanMs: null });
    expect(removeChip(full, chips[8]!.remove)).toEqual({ ...full, text: '' });
    expect(removeChip(full, chips[6]!.remove)).toEqual({ ...full, machines: [] });
  });

  it('round-trips: removing every chip leaves an empty filter, and chips survive JSON persistence', () => {
    let f = parseFilter(JSON.parse(JSON.stringify(full)));
    expect(describeChips(f, names)).toEqual(describeChips(full, names));
    for (const chip of describeChips(full, names)) f = removeChip(f, JSON.parse(JSON.stringify(chip.remove)));
    expect(isFilterEmpty(f)).toBe(true);
  });

  it('words ages in days, hours or minutes', () => {
    expect(formatAge(DAY_MS)).toBe('1 day');
    expect(formatAge(30 * DAY_MS)).toBe('30 days');
    expect(formatAge(12 * 3_600_000)).toBe('12 hours');
    expect(formatAge(1.5 * DAY_MS)).toBe('36 hours');
    expect(formatAge(2.5 * DAY_MS + 60_000)).toBe('2.5 days');
    expect(formatAge(90_000)).toBe('2 minutes');
  });
});
