import { describe, expect, it } from 'vitest';
import { RowView, filterRows, type JobRows } from '../../../../../renderer/src/lib/jobs/job-rows';
import { GrowingRows } from '../../../../../renderer/src/lib/jobs/growing-rows';
import { jobKey, type Job, type JobKey } from '../../../../../renderer/src/lib/jobs/job-types';
import type { RowResult } from '../../../../../renderer/src/lib/jobs/job-types';
import {
  SORT_COLUMNS,
  jobComparator,
  nextSort,
  type SortContext,
  type SortState,
} from '../../../../../renderer/src/lib/jobs/job-sort';
import { emptyFilter, filterJobs, type FilterState } from '../../../../../renderer/src/lib/jobs/job-filter';
import { counted, job, manyJobs } from './make-jobs';

const NOW = 1_700_000_000_000;
const keys = (rows: JobRows): JobKey[] => rows.slice().map(jobKey);

/** Many ties (few distinct values per column), missing values, equal ids on two servers. */
function tiedJobs(): Job[] {
  const jobs = manyJobs(3_000, 9, NOW).map((j, i) => ({
    ...j,
    jobId: i % 5 === 0 ? `dup${i % 40}` : j.jobId,
    submittedTime: j.submittedTime === null ? null : NOW - (i % 17) * 60_000,
  }));
  jobs.push(job({ jobId: '', username: null }), job({ jobId: 'dup0', profileId: 'p2', status: '' }));
  return jobs;
}

function context(jobs: readonly Job[]): SortContext {
  const results = new Map<JobKey, RowResult>(
    jobs.filter((_, i) => i % 3 === 0).map((j, i) => [jobKey(j), { outcome: i % 2 ? 'failed' : 'deleted' }]),
  );
  const profileNames = new Map([
    ['p1', 'Zeta'],
    ['p2', 'alpha'],
  ]);
  return { profileNames, results, now: NOW };
}

/** The reference: a stable sort of the whole list by the comparator the merge uses. */
const reference = (jobs: readonly Job[], sort: SortState, ctx: SortContext): Job[] =>
  [...jobs].sort(jobComparator(sort, ctx));

describe('flipping the sort (a header click on the sorted column)', () => {
  const jobs = tiedJobs();
  const ctx = context(jobs);

  it('orders every column as a stable reference sort does, click after click, ties in list order', () => {
    const rows = new GrowingRows();
    for (const column of SORT_COLUMNS) {
      let sort = nextSort({ column: column === 'jobId' ? 'user' : 'jobId', direction: 'asc' }, column);
      for (let click = 0; click < 3; click++) {
        expect(keys(rows.sorted(jobs, null, sort, ctx)), `${column} ${sort.direction}`).toEqual(
          keys(reference(jobs, sort, ctx)),
        );
        sort = nextSort(sort, column);
      }
    }
  });

  it('gives a view over the list itself and reads no job once each direction was sorted', () => {
    for (const column of SORT_COLUMNS) {
      const { list, reads } = counted(jobs);
      const rows = new GrowingRows();
      const asc: SortState = { column, direction: 'asc' };
      const desc = nextSort(asc, column);
      const first = rows.sorted(list, null, asc, ctx) as RowView;
      rows.sorted(list, null, desc, ctx);
      const before = reads();
      const back = rows.sorted(list, null, asc, ctx) as RowView;
      const again = rows.sorted(list, null, desc, ctx) as RowView;
      expect(reads(), column).toBe(before);
      expect(back).toBeInstanceOf(RowView);
      expect(back.jobs).toBe(list);
      // The cached order itself, not a copy.
      expect(back.order).toBe(first.order);
      expect(keys(again), column).toEqual(keys(reference(jobs, desc, ctx)));
    }
  });

  it('re-sorts a server sort when the names change, and a result sort when the results do', () => {
    const rows = new GrowingRows();
    const server: SortState = { column: 'server', direction: 'desc' };
    rows.sorted(jobs, null, server, ctx);
    const renamed = { ...ctx, profileNames: new Map([['p2', 'zzz']]) };
    const flipped = nextSort(server, 'server');
    expect(keys(rows.sorted(jobs, null, flipped, renamed))).toEqual(keys(reference(jobs, flipped, renamed)));
    const result: SortState = { column: 'result', direction: 'asc' };
    rows.sorted(jobs, null, result, ctx);
    const later = {
      ...ctx,
      results: new Map<JobKey, RowResult>([[jobKey(jobs[7]!), { outcome: 'failed' }]]),
    };
    const back = nextSort(result, 'result');
    expect(keys(rows.sorted(jobs, null, back, later))).toEqual(keys(reference(jobs, back, later)));
  });

  it('filters a flipped sort as the job filter does over the reference order', () => {
    const filters: FilterState[] = [
      { ...emptyFilter(), statuses: ['esriJobFailed', 'esriJobSucceeded'] },
      { ...emptyFilter(), text: 'dup', users: ['user1', 'user2'] },
      { ...emptyFilter(), olderThanMs: 5 * 60_000, profileIds: ['p2'] },
    ];
    const rows = new GrowingRows();
    for (const filter of filters)
      for (const column of ['jobId', 'submitted', 'user'] as const)
        for (const direction of ['asc', 'desc'] as const) {
          const sort = { column, direction };
          const shown = rows.filtered(rows.sorted(jobs, null, sort, ctx), filter, NOW);
          expect(keys(shown), `${column} ${direction}`).toEqual(
            keys(filterJobs(reference(jobs, sort, ctx), filter, NOW)),
          );
        }
  });

  it('flips rows that streamed in batch by batch to the reference order of the whole list', () => {
    const rows = new GrowingRows();
    const sort: SortState = { column: 'submitted', direction: 'desc' };
    let list: readonly Job[] = [];
    for (let end = 100; list.length < jobs.length; end += 350) {
      const next = jobs.slice(0, Math.min(end, jobs.length));
      rows.sorted(next, list, sort, ctx);
      list = next;
    }
    const flipped = nextSort(sort, 'submitted');
    expect(keys(rows.sorted(list, null, flipped, ctx))).toEqual(keys(reference(jobs, flipped, ctx)));
  });
});

describe('RowView', () => {
  const jobs = manyJobs(10, 2, NOW);
  const view = new RowView(jobs, Uint32Array.of(4, 0, 9, 2));
  const asArray = [jobs[4]!, jobs[0]!, jobs[9]!, jobs[2]!];

  it('reads like the array of its rows', () => {
    expect(view.length).toBe(4);
    for (const i of [0, 3, 4, -1, -4, -5, 99]) expect(view.at(i), String(i)).toBe(asArray.at(i));
    for (const [a, b] of [[], [1], [1, 3], [-2], [2, 1], [0, 99], [-99, -1]] as const)
      expect(view.slice(a, b), `${a} ${b}`).toEqual(asArray.slice(a, b));
    expect(filterRows(view, (j) => j !== jobs[9])).toEqual([jobs[4], jobs[0], jobs[2]]);
  });
});
