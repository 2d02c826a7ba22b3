import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../renderer/src/lib/contract-types';
import {
  asListedNow,
  countCancellable,
  isCancellable,
  toJobRefs,
} from '../../../../renderer/src/lib/bulk-targets';

function job(jobId: string, status: string): Job {
  return {
    profileId: 'p1',
    service: 'Tools/Buffer',
    jobId,
    status,
    submittedTime: 1,
    endTime: null,
    username: 'u',
    machinename: 'm',
  };
}

describe('bulk targets', () => {
  it('counts only submitted and executing jobs as cancellable', () => {
    const jobs = [
      job('a', 'esriJobSubmitted'),
      job('b', 'esriJobExecuting'),
      job('c', 'esriJobSucceeded'),
      job('d', 'esriJobWaiting'),
      job('e', 'esriJobCancelling'),
    ];
    expect(countCancellable(jobs)).toBe(2);
    expect(isCancellable('esriJobFailed')).toBe(false);
  });

  it('names each job by server, service, id and last known status', () => {
    expect(toJobRefs([job('a', 'esriJobFailed')])).toEqual([
      { profileId: 'p1', service: 'Tools/Buffer', jobId: 'a', status: 'esriJobFailed' },
    ]);
  });

  it('takes each job as listed now, keeping a job no longer listed as it was, in the order given', () => {
    const seen = [
      job('a', 'esriJobExecuting'),
      job('gone', 'esriJobExecuting'),
      job('b', 'esriJobSubmitted'),
    ];
    const listed = [
      job('b', 'esriJobExecuting'),
      job('a', 'esriJobSucceeded'),
      job('other', 'esriJobFailed'),
    ];
    const now = asListedNow(seen, listed);
    expect(now.map((j) => `${j.jobId}:${j.status}`)).toEqual([
      'a:esriJobSucceeded',
      'gone:esriJobExecuting',
      'b:esriJobExecuting',
    ]);
    expect(now[0]).toBe(listed[1]);
    expect(asListedNow(seen, [{ ...listed[1]!, service: 'Other/Tool' }])[0]).toBe(seen[0]); // same id, other service
  });
});
