import { describe, expect, it } from 'vitest';
import { countStatuses, legendStatuses, maxTotal } from '../../../../../renderer/src/lib/jobs/job-overview';
import { job } from './make-jobs';

const jobs = [
  job({ profileId: 'p1', service: 'A', status: 'esriJobFailed' }),
  job({ profileId: 'p1', service: 'A', status: 'esriJobSucceeded' }),
  job({ profileId: 'p1', service: 'B', status: 'esriJobFailed' }),
  job({ profileId: 'p1', service: 'B', status: 'esriJobFailed' }),
  job({ profileId: 'p1', service: 'B', status: 'esriJobExecuting' }),
  job({ profileId: 'p2', service: 'A', status: 'esriJobWeird' }),
];

describe('status overview counts', () => {
  it('counts jobs by status per server, statuses in lifecycle order', () => {
    const [p1] = countStatuses(jobs);
    expect(p1).toMatchObject({
      profileId: 'p1',
      total: 5,
      segments: [
        { status: 'esriJobExecuting', count: 1 },
        { status: 'esriJobSucceeded', count: 1 },
        { status: 'esriJobFailed', count: 3 },
      ],
    });
  });

  it('counts per service within a server, busiest service first', () => {
    const [p1] = countStatuses(jobs);
    expect(p1!.services.map((s) => [s.service, s.total])).toEqual([
      ['B', 3],
      ['A', 2],
    ]);
    expect(p1!.services[0]!.segments).toEqual([
      { status: 'esriJobExecuting', count: 1 },
      { status: 'esriJobFailed', count: 2 },
    ]);
  });

  it('lists servers in profile order, including servers without jobs', () => {
    expect(countStatuses(jobs, ['p3', 'p2']).map((s) => [s.profileId, s.total])).toEqual([
      ['p3', 0],
      ['p2', 1],
      ['p1', 5],
    ]);
  });

  it('keeps unknown statuses, after known ones in the legend', () => {
    expect(legendStatuses(countStatuses(jobs))).toEqual([
      'esriJobExecuting',
      'esriJobSucceeded',
      'esriJobFailed',
      'esriJobWeird',
    ]);
  });

  it('scales bars against the busiest server, never against zero', () => {
    expect(maxTotal(countStatuses(jobs))).toBe(5);
    expect(maxTotal(countStatuses([], ['p1']))).toBe(1);
  });
});
