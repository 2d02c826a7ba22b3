import { describe, expect, it } from 'vitest';
import { planContext, spanKey } from '../../../../renderer/src/lib/plan-context';
import { jobKey, type Job } from '../../../../renderer/src/lib/jobs/job-types';

const job = (profileId: string, service: string, jobId: string, submittedTime: number | null): Job =>
  ({ profileId, service, jobId, status: 'esriJobSucceeded', submittedTime, endTime: null }) as Job;

describe('the context of a bulk plan', () => {
  const jobs = [
    job('a', 's1', '1', 300),
    job('a', 's1', '2', 100),
    job('a', 's2', '3', null),
    job('b', 's1', '4', 50),
  ];

  it('lists the selected jobs the filters hide, none when nothing is filtered', () => {
    expect(planContext(jobs, null).hidden).toEqual([]);
    const visible = new Set([jobKey(jobs[0]!), jobKey(jobs[3]!)]);
    expect(planContext(jobs, (j) => visible.has(jobKey(j))).hidden.map((j) => j.jobId)).toEqual(['2', '3']);
  });

  it("gives each group's and each server's oldest and newest job, ignoring missing times", () => {
    const { spans } = planContext(jobs, null);
    expect(spans.get(spanKey('a', 's1'))).toEqual({ oldest: 100, newest: 300 });
    expect(spans.get(spanKey('a', 's2'))).toEqual({ oldest: null, newest: null });
    expect(spans.get(spanKey('a'))).toEqual({ oldest: 100, newest: 300 });
    expect(spans.get(spanKey('b'))).toEqual({ oldest: 50, newest: 50 });
  });
});
