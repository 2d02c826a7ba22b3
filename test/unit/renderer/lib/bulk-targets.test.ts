import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../renderer/src/lib/contract-types';
import { countCancellable, isCancellable, toJobRefs } from '../../../../renderer/src/lib/bulk-targets';

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
});
