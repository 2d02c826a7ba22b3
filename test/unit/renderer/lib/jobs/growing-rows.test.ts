import { describe, expect, it } from 'vitest';
import { GrowingRows } from '../../../../../renderer/src/lib/jobs/growing-rows';
import { emptyFilter, filterJobs, type FilterState } from '../../../../../renderer/src/lib/jobs/job-filter';
import {
  SORT_COLUMNS,
  jobComparator,
  sortJobs,
  type SortContext,
  type SortState,
} from '../../../../../renderer/src/lib/jobs/job-sort';
import {
  jobKey,
  type Job,
  type JobKey,
  type JobOutcome,
  type RowResult,
} from '../../../../../renderer/src/lib/jobs/job-types';
import type { JobRows } from '../../../../../renderer/src/lib/jobs/job-rows';
import { mergePlaces, spliceInRows } from '../../../../../renderer/src/lib/jobs/sort-merge';
import { counted, job, manyJobs } from './make-jobs';

const NOW = 1_700_000_000_000;
const keys = (rows: JobRows): string[] => rows.slice().map(jobKey);

/** Varied jobs with duplicate values, missing ones, and case-only differences the collator ties. */
function streamJobs(): Job[] {
  const jobs = manyJobs(900, 5, NOW);
  jobs.push(
    job({ jobId: '', username: 'USER1', service: 'svc0' }),
    job({ jobId: 'dup', username: 'user1', status: 'customStatus' }),
    job({ jobId: 'dup', profileId: 'p2', status: 'CustomStatus', submittedTime: null }),
    job({ jobId: 'zz', status: '', machinename: '' }),
  );
  // Shuffle deterministically so the odd ones land in different batches.
  return jobs
    .map((j, i) => ({ j, k: (i * 7919) % 1009 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.j);
}

function context(jobs: readonly Job[]): SortContext {
  const outcomes: readonly JobOutcome[] = ['failed', 'deleted', 'skipped'];
  const results = new Map<JobKey, RowResult>(
    jobs.filter((_, i) => i % 7 === 0).map((j, i) => [jobKey(j), { outcome: outcomes[i % 3]! }]),
  );
  return {
    profileNames: new Map([
      ['p1', 'Zeta'],
      ['p2', 'alpha'],
    ]),
    results,
    now: NOW,
  };
}

/** Streams `jobs` into `rows` in batches of varied sizes; the last sorted and filtered rows. */
function stream(
  rows: GrowingRows,
  jobs: readonly Job[],
  sort: SortState,
  ctx: SortContext,
  filter: FilterState,
) {
  let list: readonly Job[] = [];
  let shown = rows.sorted(list, null, sort, ctx);
  let filtered = rows.filtered(shown, filter, NOW);
  // Batch sizes that take every path: bigger than the rows (full sort), a side-by-side merge, a search.
  const sizes = [1, 1, 2, 40, 3, 17, 100, 1, 150, 9, 300, 60, 2, 250];
  for (let b = 0; list.length < jobs.length; b++) {
    const next = jobs.slice(0, Math.min(jobs.length, list.length + sizes[b % sizes.length]!));
    shown = rows.sorted(next, list, sort, ctx);
    filtered = rows.filtered(shown, filter, NOW);
    list = next;
  }
  return { shown, filtered, list };
}

describe('GrowingRows', () => {
  const jobs = streamJobs();
  const ctx = context(jobs);
  const failed: FilterState = { ...emptyFilter(), statuses: ['esriJobFailed', 'customStatus'] };

  it('gives, batch by batch, the rows a full sort and filter of the grown list gives, for every column', () => {
    for (const column of SORT_COLUMNS)
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column, direction };
        const { shown, filtered } = stream(new GrowingRows(), jobs, sort, ctx, failed);
        const full = sortJobs(jobs, sort, ctx);
        expect(keys(shown), `${column} ${direction}`).toEqual(keys(full));
        expect(keys(filtered), `${column} ${direction}`).toEqual(keys(filterJobs(full, failed, NOW)));
      }
  });

  it('re-sorts everything when the list changed otherwise, or the sort or its context changed', () => {
    const rows = new GrowingRows();
    const sort: SortState = { column: 'server', direction: 'asc' };
    const first = jobs.slice(0, 500);
    rows.sorted(first, null, sort, ctx);
    // Not an append of the last list: the claimed origin is another array.
    const other = jobs.slice(100, 700);
    expect(keys(rows.sorted(other, jobs.slice(100, 300), sort, ctx))).toEqual(
      keys(sortJobs(other, sort, ctx)),
    );
    // Server names changed: the merge would use stale ranks, so everything is sorted again.
    const renamed = { ...ctx, profileNames: new Map([['p1', 'aaa']]) };
    const grown = jobs.slice(100, 800);
    expect(keys(rows.sorted(grown, other, sort, renamed))).toEqual(keys(sortJobs(grown, sort, renamed)));
  });

  it('reads only the appended jobs of a grown list, and returns the same rows for the same list', () => {
    const rows = new GrowingRows();
    const sort: SortState = { column: 'jobId', direction: 'asc' };
    const before = jobs.slice(0, 800);
    rows.filtered(rows.sorted(before, null, sort, ctx), failed, NOW);
    const grown = counted(jobs);
    const shown = rows.sorted(grown.list, before, sort, ctx);
    rows.filtered(shown, failed, NOW);
    // Each appended job is read once to sort and filter the batch, and once to index it (row-index).
    expect(grown.reads()).toBe(2 * (jobs.length - 800));
    expect(rows.sorted(grown.list, before, sort, ctx)).toBe(shown);
    expect(rows.filtered(shown, emptyFilter(), NOW)).toBe(shown);
  });
});

describe('GrowingRows free text and job ids (through the row index)', () => {
  /** The stream's jobs plus ids in other cases and alphabets, and ids no scheme of the first batch keys. */
  function oddJobs(): Job[] {
    const jobs = streamJobs();
    const odd = [
      job({ jobId: 'JABCDEF0', username: 'Bob' }),
      job({ jobId: 'jÉtÉ', profileId: 'p2' }),
      job({ jobId: 'x-1', service: 'Other/Ab.c' }),
      job({ jobId: 'a.*b', machinename: null, username: null }),
      job({ jobId: 'dup', status: 'esriJobFailed' }),
      job({ jobId: 'dup', profileId: 'p3', status: 'esriJobFailed' }),
    ];
    // Late in the list, so the first batches' key scheme has to be replaced when they arrive.
    return [...jobs.slice(0, 700), ...odd, ...jobs.slice(700)];
  }
  const jobs = oddJobs();
  const ctx = context(jobs);

  it('filters free text batch by batch exactly as the job filter does over the whole list', () => {
    const texts = [
      'ab',
      'AB',
      ' user1 ',
      'svc1',
      'gis',
      'é',
      '.*',
      'j1',
      'dup',
      'x-',
      'nothing here',
      'a\nb',
    ];
    for (const text of texts)
      for (const statuses of [[], ['esriJobFailed']]) {
        const filter: FilterState = { ...emptyFilter(), text, statuses };
        for (const sort of [
          { column: 'jobId', direction: 'asc' },
          { column: 'submitted', direction: 'desc' },
        ] as const) {
          const { shown, filtered } = stream(new GrowingRows(), jobs, sort, ctx, filter);
          expect(keys(filtered), `${text} ${statuses.join()} ${sort.column}`).toEqual(
            keys(filterJobs(shown.slice(), filter, NOW)),
          );
        }
      }
  });

  it('filters every list field, with text and ages, batch by batch as the job filter does', () => {
    const filters: FilterState[] = [
      { ...emptyFilter(), users: ['USER1', 'bob'], machines: ['gis2'] },
      { ...emptyFilter(), services: ['Folder1/Svc1', 'Svc0', 'Other/Ab.c'], profileIds: ['p2', 'p3'] },
      { ...emptyFilter(), serviceTypes: ['GPServer'], statuses: ['esriJobFailed', 'customStatus'] },
      { ...emptyFilter(), users: ['user2'], text: '1', olderThanMs: 5 * 86_400_000 },
      { ...emptyFilter(), runningLongerThanMs: 3_600_000, text: 'svc' },
      { ...emptyFilter(), machines: ['nope'] },
    ];
    for (const filter of filters)
      for (const sort of [
        { column: 'jobId', direction: 'desc' },
        { column: 'user', direction: 'asc' },
      ] as const) {
        const { shown, filtered } = stream(new GrowingRows(), jobs, sort, ctx, filter);
        expect(keys(filtered), JSON.stringify(filter)).toEqual(keys(filterJobs(shown.slice(), filter, NOW)));
      }
  });

  it('filters the same text again over a grown list, and a new text over every row', () => {
    const rows = new GrowingRows();
    const sort: SortState = { column: 'user', direction: 'asc' };
    const ab: FilterState = { ...emptyFilter(), text: 'ab' };
    const first = jobs.slice(0, 400);
    rows.filtered(rows.sorted(first, null, sort, ctx), ab, NOW);
    // A full sort of a list that is not an append (its keys and columns are indexed again).
    const other = jobs.slice(200);
    const shown = rows.sorted(other, null, sort, ctx);
    expect(keys(rows.filtered(shown, ab, NOW))).toEqual(keys(filterJobs(shown.slice(), ab, NOW)));
    const user = { ...ab, text: 'USER2' };
    expect(keys(rows.filtered(shown, user, NOW))).toEqual(keys(filterJobs(shown.slice(), user, NOW)));
  });

  it('sorts by job id with the keys indexed while streaming: the same stable order as a sort from scratch', () => {
    for (const direction of ['asc', 'desc'] as const) {
      const rows = new GrowingRows();
      // Streamed under another column, then a header click sorts the whole list by job id.
      const { list } = stream(rows, jobs, { column: 'submitted', direction: 'desc' }, ctx, emptyFilter());
      expect(keys(list)).toEqual(keys(jobs));
      const sort: SortState = { column: 'jobId', direction };
      // The streamed list itself: the index followed it batch by batch (no list replaced it).
      const byId = rows.sorted(list, null, sort, ctx);
      expect(keys(byId), direction).toEqual(keys(sortJobs(jobs, sort, ctx)));
      expect(keys(byId), direction).toEqual(keys([...jobs].sort(jobComparator(sort, ctx))));
    }
  });
});

describe('jobComparator', () => {
  it('orders as sortJobs does, for every column and direction (a stable sort by it gives the same rows)', () => {
    const jobs = streamJobs();
    const ctx = context(jobs);
    for (const column of SORT_COLUMNS)
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column, direction };
        const byComparator = [...jobs].sort(jobComparator(sort, ctx));
        expect(keys(byComparator), `${column} ${direction}`).toEqual(keys(sortJobs(jobs, sort, ctx)));
      }
  });
});

describe('mergePlaces and spliceInRows', () => {
  /** `sorted` with `batch` merged in (rows are the numbers themselves, compared by their tens). */
  const merge = (sorted: number[], batch: number[]): number[] => {
    const byTens = (a: number, b: number): number => Math.floor(a / 10) - Math.floor(b / 10);
    const places = mergePlaces(sorted, batch, byTens);
    return Array.from(spliceInRows(Uint32Array.from(sorted), Uint32Array.from(batch), places));
  };

  it('puts each new item after the ones it ties with, keeping both inputs in order', () => {
    expect(merge([10, 11, 20, 30], [1, 12, 13, 35, 40])).toEqual([1, 10, 11, 12, 13, 20, 30, 35, 40]);
    // A batch as big as the rows takes the side-by-side walk: the same result.
    expect(merge([10, 20, 21, 30], [5, 20, 25, 31])).toEqual([5, 10, 20, 21, 20, 25, 30, 31]);
    expect(merge([], [1, 2])).toEqual([1, 2]);
    expect(merge([1, 2], [])).toEqual([1, 2]);
  });

  it('adds the offset to each inserted row', () => {
    const places = Uint32Array.of(0, 2);
    expect(Array.from(spliceInRows(Uint32Array.of(7, 8), Uint32Array.of(0, 1), places, 100))).toEqual([
      100, 7, 8, 101,
    ]);
  });
});
