import { describe, expect, it } from 'vitest';
import { parseService } from '../../../electron/cli/filters';
import { jobMatcher, serviceMatches, splitServiceId } from '../../../electron/core/job-filter';
import type { Job } from '../../../electron/core/types';

/** A failed Tools/Buffer job of JSmith on GIS01, with the fields a test is about replaced. */
function job(over: Partial<Job> = {}): Job {
  const base = { profileId: 'p1', service: 'Tools/Buffer', jobId: 'j1', status: 'esriJobFailed' };
  const when = { submittedTime: 1_000_000, endTime: 1_000_500 };
  return { ...base, ...when, username: 'JSmith', machinename: 'GIS01.EXAMPLE.COM', url: null, ...over };
}

const JOBS: Job[] = [
  job({ jobId: 'a' }),
  job({ jobId: 'b', username: 'jsmith', service: 'Buffer' }),
  job({ jobId: 'c', username: 'JSMITH', service: 'Other/Buffer', status: 'esriJobSucceeded' }),
  job({ jobId: 'd', username: 'analyst1' }),
  job({ jobId: 'e', username: null }),
];
const ids = (matches: (j: Job) => boolean) => JOBS.filter(matches).map((j) => j.jobId);

describe('jobMatcher', () => {
  it('lets every job through without criteria', () => {
    expect(ids(jobMatcher({}))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('matches users whatever their case; a job without a user never matches a user filter', () => {
    expect(ids(jobMatcher({ users: ['jsmith'] }))).toEqual(['a', 'b', 'c']);
    expect(ids(jobMatcher({ users: ['JSmith', 'ANALYST1'] }))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('matches a service in any folder, in one folder, or in the root, whatever the case', () => {
    expect(ids(jobMatcher({ services: [{ folder: null, name: 'buffer' }] }))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(ids(jobMatcher({ services: [{ folder: 'tools', name: 'BUFFER' }] }))).toEqual(['a', 'd', 'e']);
    expect(ids(jobMatcher({ services: [{ folder: '', name: 'Buffer' }] }))).toEqual(['b']);
  });

  it('matches statuses exactly, machines case-insensitively, servers by profile id', () => {
    expect(ids(jobMatcher({ statuses: ['esriJobSucceeded'] }))).toEqual(['c']);
    expect(ids(jobMatcher({ statuses: ['esrijobsucceeded'] }))).toEqual([]);
    expect(ids(jobMatcher({ machines: ['gis01.example.com'] }))).toHaveLength(5);
    expect(ids(jobMatcher({ machines: ['gis02.example.com'] }))).toEqual([]);
    expect(ids(jobMatcher({ profileIds: ['p2'] }))).toEqual([]);
  });

  it('bounds the submission time: before is exclusive, from and until inclusive, an unknown time never matches', () => {
    const timed = [job({ submittedTime: 10 }), job({ submittedTime: 20 }), job({ submittedTime: null })];
    const times = (m: (j: Job) => boolean) => timed.filter(m).map((j) => j.submittedTime);
    expect(times(jobMatcher({ submittedBefore: 20 }))).toEqual([10]);
    expect(times(jobMatcher({ submittedFrom: 20 }))).toEqual([20]);
    expect(times(jobMatcher({ submittedUntil: 10 }))).toEqual([10]);
    expect(times(jobMatcher({ submittedBefore: null }))).toEqual([10, 20, null]);
  });

  it('finds free text in the job id, service, user or machine, ignoring case and spaces around it', () => {
    expect(ids(jobMatcher({ text: '  ANALYST ' }))).toEqual(['d']);
    expect(ids(jobMatcher({ text: 'other/' }))).toEqual(['c']);
  });
});

describe('serviceMatches and splitServiceId', () => {
  it('splits ids at the folder and matches discovered services like jobs', () => {
    expect(splitServiceId('Tools/Buffer')).toEqual({ folder: 'Tools', name: 'Buffer' });
    expect(splitServiceId('Buffer')).toEqual({ folder: '', name: 'Buffer' });
    expect(serviceMatches({ folder: 'Tools', name: 'Buffer' }, [parseService('tools/buffer')])).toBe(true);
    expect(serviceMatches({ folder: 'Tools', name: 'Buffer' }, [parseService('Other/Buffer')])).toBe(false);
    expect(serviceMatches({ folder: 'Tools', name: 'Buffer' }, [])).toBe(true);
  });
});

describe('service types', () => {
  const typed = [
    job({ jobId: 'gp' }),
    job({ jobId: 'map_et', service: 'Tools/Buffer.MapServer' }),
    job({ jobId: 'img_et', service: 'Elevation.ImageServer' }),
  ];
  const of = (matches: (j: Job) => boolean) => typed.filter(matches).map((j) => j.jobId);

  it('narrows by service type; a service id without a type is a GP service', () => {
    expect(of(jobMatcher({ serviceTypes: ['MapServer', 'ImageServer'] }))).toEqual(['map_et', 'img_et']);
    expect(of(jobMatcher({ serviceTypes: ['GPServer'] }))).toEqual(['gp']);
    expect(of(jobMatcher({ serviceTypes: [] }))).toEqual(['gp', 'map_et', 'img_et']);
  });

  it('matches Folder/Name of every type, or one type by its whole id', () => {
    expect(of(jobMatcher({ services: [parseService('tools/buffer')] }))).toEqual(['gp', 'map_et']);
    expect(of(jobMatcher({ services: [splitServiceId('Tools/Buffer.MapServer')] }))).toEqual(['map_et']);
    expect(of(jobMatcher({ services: [parseService('Elevation')] }))).toEqual(['img_et']);
    const map = { folder: 'Tools', name: 'Buffer', type: 'MapServer' as const };
    expect(serviceMatches(map, [splitServiceId('Tools/Buffer.MapServer')])).toBe(true);
    expect(serviceMatches(map, [splitServiceId('Tools/Buffer.ImageServer')])).toBe(false);
  });
});
