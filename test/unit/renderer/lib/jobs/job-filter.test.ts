import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  compileFilter,
  emptyFilter,
  filterJobs,
  focusFilter,
  isFilterEmpty,
  loadFilter,
  parseFilter,
  saveFilter,
  toggleFilterValue,
} from '../../../../../renderer/src/lib/jobs/job-filter';
import type { FilterState, FilterStorage } from '../../../../../renderer/src/lib/jobs/job-filter';
import type { Job } from '../../../../../renderer/src/lib/jobs/job-types';
import { job } from './make-jobs';

const NOW = 1_700_000_000_000;
const filter = (over: Partial<FilterState>): FilterState => ({ ...emptyFilter(), ...over });
const ids = (jobs: readonly Job[]): string[] => jobs.map((j) => j.jobId);

const jobs: Job[] = [
  job({
    jobId: 'a',
    profileId: 'p1',
    service: 'Tools/Buffer',
    status: 'esriJobFailed',
    username: 'alice',
    machinename: 'GIS1',
    submittedTime: NOW - 10 * DAY_MS,
  }),
  job({
    jobId: 'b',
    profileId: 'p2',
    service: 'Clip',
    status: 'esriJobSucceeded',
    username: 'bob',
    machinename: 'GIS2',
    submittedTime: NOW - 1 * DAY_MS,
  }),
  job({
    jobId: 'c',
    profileId: 'p1',
    service: 'Clip',
    status: 'esriJobExecuting',
    username: null,
    machinename: null,
    submittedTime: null,
  }),
  job({
    jobId: 'd',
    profileId: 'p3',
    service: 'Tools/Buffer',
    status: 'esriJobSucceeded',
    username: 'alice',
    machinename: 'GIS2',
    submittedTime: NOW - 8 * DAY_MS,
  }),
];

describe('filtering jobs', () => {
  it('lets every job through, as the same array, when no filter is active', () => {
    expect(filterJobs(jobs, emptyFilter(), NOW)).toBe(jobs);
    expect(isFilterEmpty(filter({ text: '   ' }))).toBe(true);
  });

  it('filters by a set of statuses', () => {
    expect(ids(filterJobs(jobs, filter({ statuses: ['esriJobSucceeded', 'esriJobFailed'] }), NOW))).toEqual([
      'a',
      'b',
      'd',
    ]);
  });

  it('filters by server', () => {
    expect(ids(filterJobs(jobs, filter({ profileIds: ['p1', 'p3'] }), NOW))).toEqual(['a', 'c', 'd']);
  });

  it('filters by service', () => {
    expect(ids(filterJobs(jobs, filter({ services: ['Clip'] }), NOW))).toEqual(['b', 'c']);
  });

  it('filters by service type; a service and its result map service are told apart', () => {
    const typed = [
      job({ jobId: 'gp', service: 'Analysis/Viewshed' }),
      job({ jobId: 'map_et', service: 'Analysis/Viewshed.MapServer' }),
      job({ jobId: 'img_et', service: 'Imagery/Elevation.ImageServer' }),
    ];
    const of = (f: Partial<FilterState>) => ids(filterJobs(typed, filter(f), NOW));
    expect(of({ serviceTypes: ['MapServer', 'ImageServer'] })).toEqual(['map_et', 'img_et']);
    expect(of({ services: ['Analysis/Viewshed.MapServer'] })).toEqual(['map_et']);
    expect(of({ services: ['Analysis/Viewshed'], serviceTypes: ['GPServer'] })).toEqual(['gp']);
    expect(parseFilter({ serviceTypes: ['MapServer', 'Nope', 3] }).serviceTypes).toEqual(['MapServer']);
  });

  it('filters by user, leaving out jobs without a user', () => {
    expect(ids(filterJobs(jobs, filter({ users: ['alice'] }), NOW))).toEqual(['a', 'd']);
  });

  it('filters by age: older than 7 days, leaving out jobs without a submitted time', () => {
    expect(ids(filterJobs(jobs, filter({ olderThanMs: 7 * DAY_MS }), NOW))).toEqual(['a', 'd']);
  });

  it('filters by machine, by age since the end, and by running longer than', () => {
    expect(ids(filterJobs(jobs, filter({ machines: ['GIS1'] }), NOW))).toEqual(['a']);
    const ended = [
      job({ jobId: 'x', submittedTime: NOW - 9 * DAY_MS, endTime: NOW - 2 * 3_600_000 }),
      job({ jobId: 'y', submittedTime: NOW - 9 * DAY_MS, endTime: NOW - 30 * 3_600_000 }),
      job({ jobId: 'z', submittedTime: NOW - 9 * DAY_MS, endTime: null }),
    ];
    const byEnd = filter({ olderThanMs: 24 * 3_600_000, ageField: 'ended' });
    expect(ids(filterJobs(ended, byEnd, NOW))).toEqual(['y']);
    const running = [
      job({ jobId: 'r1', status: 'esriJobExecuting', submittedTime: NOW - 5 * 3_600_000 }),
      job({ jobId: 'r2', status: 'esriJobExecuting', submittedTime: NOW - 600_000 }),
      job({ jobId: 'r3', status: 'esriJobSucceeded', submittedTime: NOW - 5 * 3_600_000 }),
      job({ jobId: 'r4', status: 'esriJobSubmitted', submittedTime: NOW - 3 * 3_600_000 }),
    ];
    const stalled = filter({ runningLongerThanMs: 2 * 3_600_000 });
    expect(ids(filterJobs(running, stalled, NOW))).toEqual(['r1', 'r4']);
    expect(isFilterEmpty(stalled)).toBe(false);
    expect(parseFilter(JSON.parse(JSON.stringify(byEnd)))).toEqual(byEnd);
  });

  it('treats the age boundary as strictly older', () => {
    const edge = job({ submittedTime: NOW - 7 * DAY_MS });
    expect(compileFilter(filter({ olderThanMs: 7 * DAY_MS }), NOW)(edge)).toBe(false);
  });

  it('matches free text case-insensitively in job id, service, user and machine', () => {
    expect(ids(filterJobs(jobs, filter({ text: 'BUFF' }), NOW))).toEqual(['a', 'd']);
    expect(ids(filterJobs(jobs, filter({ text: 'Bob' }), NOW))).toEqual(['b']);
    expect(ids(filterJobs(jobs, filter({ text: 'gis2' }), NOW))).toEqual(['b', 'd']);
    expect(ids(filterJobs(jobs, filter({ text: ' CLIP ' }), NOW))).toEqual(['b', 'c']);
  });

  it('does not match free text across field boundaries', () => {
    const j = job({ jobId: 'abc', service: 'def' });
    expect(compileFilter(filter({ text: 'cd' }), NOW)(j)).toBe(false);
  });

  it('combines filters with AND across fields and OR within one field', () => {
    const f = filter({
      profileIds: ['p1', 'p3'],
      statuses: ['esriJobSucceeded', 'esriJobFailed'],
      users: ['alice'],
      olderThanMs: 9 * DAY_MS,
    });
    expect(ids(filterJobs(jobs, f, NOW))).toEqual(['a']);
    expect(ids(filterJobs(jobs, filter({ services: ['Clip'], text: 'gis' }), NOW))).toEqual(['b']);
  });

  it('keeps the input order', () => {
    const reversed = [...jobs].reverse();
    expect(ids(filterJobs(reversed, filter({ users: ['alice'] }), NOW))).toEqual(['d', 'a']);
  });

  it('toggles a value in and out of a list field', () => {
    const once = toggleFilterValue(emptyFilter(), 'statuses', 'esriJobFailed');
    expect(once.statuses).toEqual(['esriJobFailed']);
    expect(toggleFilterValue(once, 'statuses', 'esriJobFailed').statuses).toEqual([]);
  });

  it('narrows to one server and status, as a chart click does, keeping other fields', () => {
    const f = focusFilter(filter({ text: 'x', statuses: ['esriJobNew'] }), {
      profileId: 'p2',
      status: 'esriJobFailed',
    });
    expect(f).toEqual(filter({ text: 'x', profileIds: ['p2'], statuses: ['esriJobFailed'] }));
    expect(focusFilter(f, { profileId: 'p1' }).statuses).toEqual(['esriJobFailed']);
  });
});

describe('persisting filters', () => {
  const memory = (): FilterStorage & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
  };

  it('round-trips a filter through storage under the caller key', () => {
    const store = memory();
    const f = filter({
      statuses: ['esriJobFailed'],
      profileIds: ['p1'],
      services: ['Clip'],
      users: ['bob'],
      olderThanMs: 7 * DAY_MS,
      text: 'q',
    });
    saveFilter(store, 'gpja.filter', f);
    expect([...store.data.keys()]).toEqual(['gpja.filter']);
    expect(loadFilter(store, 'gpja.filter')).toEqual(f);
  });

  it('loads an empty filter when nothing or garbage is stored', () => {
    const store = memory();
    expect(loadFilter(store, 'k')).toEqual(emptyFilter());
    store.data.set('k', '{not json');
    expect(loadFilter(store, 'k')).toEqual(emptyFilter());
  });

  it('drops malformed fields from stored JSON and keeps the good ones', () => {
    expect(
      parseFilter({
        statuses: ['esriJobFailed', 3, '', 'esriJobFailed'],
        users: 'bob',
        olderThanMs: -5,
        text: 42,
      }),
    ).toEqual(filter({ statuses: ['esriJobFailed'] }));
    expect(parseFilter(null)).toEqual(emptyFilter());
  });

  it('survives a storage that refuses writes', () => {
    const full: FilterStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => saveFilter(full, 'k', emptyFilter())).not.toThrow();
  });
});
