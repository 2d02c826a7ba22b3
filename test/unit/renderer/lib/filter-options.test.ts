import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../renderer/src/lib/contract-types';
import { AGE_OPTIONS, filterOptions } from '../../../../renderer/src/lib/filter-options';

function job(service: string, status: string, username: string | null): Job {
  return {
    profileId: 'p1',
    service,
    jobId: `${service}-${status}`,
    status,
    submittedTime: 1,
    endTime: null,
    username,
    machinename: null,
  };
}

describe('filterOptions', () => {
  it('lists each status once, in lifecycle order, unknown ones last', () => {
    const jobs = [
      job('A', 'esriJobSucceeded', null),
      job('A', 'esriJobFuture', null),
      job('B', 'esriJobSubmitted', null),
      job('C', 'esriJobSucceeded', null),
    ];
    expect(filterOptions(jobs).statuses).toEqual(['esriJobSubmitted', 'esriJobSucceeded', 'esriJobFuture']);
  });

  it('lists services and users alphabetically with natural numbers, skipping anonymous jobs', () => {
    const jobs = [
      job('Batch/Process10', 's', 'jsmith'),
      job('Batch/Process2', 's', null),
      job('Analysis/Viewshed', 's', 'Analyst1'),
    ];
    const options = filterOptions(jobs);
    expect(options.services).toEqual(['Analysis/Viewshed', 'Batch/Process2', 'Batch/Process10']);
    expect(options.users).toEqual(['Analyst1', 'jsmith']);
  });

  it('offers the usual clean-up ages, shortest first', () => {
    expect(AGE_OPTIONS.map((a) => a.label)).toEqual(['1 day', '7 days', '30 days', '90 days']);
  });
});
