import { describe, expect, it } from 'vitest';
import {
  NO_FINISHED,
  applyOutcomes,
  dropFinished,
  finishedOf,
} from '../../../../renderer/src/lib/working-set';
import { jobOf as job, resultOf as result } from './jobs/make-jobs';

describe('the working set after bulk results', () => {
  const start = { a: [job('a', '1'), job('a', '2', 'esriJobExecuting'), job('a', '3')], b: [job('b', '1')] };

  it('takes deleted and already-gone jobs out of their server and keeps them as finished rows', () => {
    const { jobsByServer, finished } = applyOutcomes(start, NO_FINISHED, [
      result('a', '1', 'deleted'),
      result('a', '3', 'already-gone'),
    ]);
    expect(jobsByServer.a!.map((j) => j.jobId)).toEqual(['2']);
    expect(jobsByServer.b).toBe(start.b);
    expect([...finished.values()].map((j) => j.jobId)).toEqual(['1', '3']);
  });

  it('shows cancelled jobs as cancelled and leaves failed or skipped ones alone', () => {
    const { jobsByServer, finished } = applyOutcomes(start, NO_FINISHED, [
      result('a', '2', 'cancelled'),
      result('a', '1', 'failed'),
    ]);
    expect(jobsByServer.a!.map((j) => j.status)).toEqual([
      'esriJobSucceeded',
      'esriJobCancelled',
      'esriJobSucceeded',
    ]);
    expect(finished.size).toBe(0);
    const same = applyOutcomes(start, NO_FINISHED, [result('a', '1', 'skipped')]);
    expect(same.jobsByServer).toBe(start);
  });

  it("drops a server's finished rows on its refresh and lists the finished rows of shown servers", () => {
    const { finished } = applyOutcomes(start, NO_FINISHED, [
      result('a', '1', 'deleted'),
      result('b', '1', 'deleted'),
    ]);
    expect(finishedOf(finished, ['b']).map((j) => j.profileId)).toEqual(['b']);
    const left = dropFinished(finished, 'a');
    expect([...left.keys()]).toEqual(['b|Tools/Buffer|1']);
    expect(dropFinished(left, 'a')).toBe(left);
  });
});
