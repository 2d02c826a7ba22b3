import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SORT,
  SORT_COLUMNS,
  nextSort,
  sortJobs,
} from '../../../../../renderer/src/lib/jobs/job-sort';
import type { SortColumn, SortContext } from '../../../../../renderer/src/lib/jobs/job-sort';
import {
  CodeUnitKeys,
  descendingOrder,
  ordinalOrder,
  ordinalRanks,
  sortedOrder,
} from '../../../../../renderer/src/lib/jobs/sort-order';
import { seededRandom } from '../../../../fixtures/seeded-random';
import { jobKey, type Job, type RowResult } from '../../../../../renderer/src/lib/jobs/job-types';
import { job } from './make-jobs';

const NOW = 1_700_000_000_000;
const ctx = (over: Partial<SortContext> = {}): SortContext => ({
  profileNames: new Map([
    ['p1', 'Zulu'],
    ['p2', 'alpha'],
    ['p3', 'Mike'],
  ]),
  results: new Map(),
  now: NOW,
  ...over,
});
const ids = (jobs: Job[]): string[] => jobs.map((j) => j.jobId);

describe('sorting the job table', () => {
  it('sorts servers by their profile name, case-insensitively, not by id', () => {
    const jobs = [
      job({ jobId: 'a', profileId: 'p1' }),
      job({ jobId: 'b', profileId: 'p2' }),
      job({ jobId: 'c', profileId: 'p3' }),
    ];
    expect(ids(sortJobs(jobs, { column: 'server', direction: 'asc' }, ctx()))).toEqual(['b', 'c', 'a']);
    expect(ids(sortJobs(jobs, { column: 'server', direction: 'desc' }, ctx()))).toEqual(['a', 'c', 'b']);
  });

  it('sorts services with numbers in natural order', () => {
    const jobs = [
      job({ jobId: 'a', service: 'F/Tool10' }),
      job({ jobId: 'b', service: 'F/Tool2' }),
      job({ jobId: 'c', service: 'Buffer' }),
    ];
    expect(ids(sortJobs(jobs, { column: 'service', direction: 'asc' }, ctx()))).toEqual(['c', 'b', 'a']);
  });

  it('sorts job ids by code units (ArcGIS ids are fixed-length lowercase hex)', () => {
    const jobs = ['j9f', 'j0a', 'j5c'].map((jobId) => job({ jobId }));
    expect(ids(sortJobs(jobs, { column: 'jobId', direction: 'asc' }, ctx()))).toEqual(['j0a', 'j5c', 'j9f']);
    expect(ids(sortJobs(jobs, { column: 'jobId', direction: 'desc' }, ctx()))).toEqual(['j9f', 'j5c', 'j0a']);
  });

  it('sorts statuses in lifecycle order, unknown statuses after known ones', () => {
    const jobs = [
      job({ jobId: 'a', status: 'esriJobFailed' }),
      job({ jobId: 'b', status: 'esriJobFancyNew' }),
      job({ jobId: 'c', status: 'esriJobSubmitted' }),
      job({ jobId: 'd', status: 'esriJobExecuting' }),
    ];
    expect(ids(sortJobs(jobs, { column: 'status', direction: 'asc' }, ctx()))).toEqual(['c', 'd', 'a', 'b']);
  });

  it('sorts submitted and ended times numerically', () => {
    const jobs = [
      job({ jobId: 'a', submittedTime: 3, endTime: 10 }),
      job({ jobId: 'b', submittedTime: 1, endTime: 30 }),
      job({ jobId: 'c', submittedTime: 2, endTime: 20 }),
    ];
    expect(ids(sortJobs(jobs, { column: 'submitted', direction: 'asc' }, ctx()))).toEqual(['b', 'c', 'a']);
    expect(ids(sortJobs(jobs, { column: 'ended', direction: 'desc' }, ctx()))).toEqual(['b', 'c', 'a']);
  });

  it('sorts durations, counting a running job up to now', () => {
    const jobs = [
      job({ jobId: 'done-long', submittedTime: NOW - 5000, endTime: NOW - 1000 }),
      job({ jobId: 'running', status: 'esriJobExecuting', submittedTime: NOW - 60_000, endTime: null }),
      job({ jobId: 'done-short', submittedTime: NOW - 5000, endTime: NOW - 4000 }),
    ];
    expect(ids(sortJobs(jobs, { column: 'duration', direction: 'desc' }, ctx()))).toEqual([
      'running',
      'done-long',
      'done-short',
    ]);
  });

  it('sorts users and machines, case-insensitively', () => {
    const jobs = [
      job({ jobId: 'a', username: 'carol', machinename: 'b-host' }),
      job({ jobId: 'b', username: 'Bob', machinename: 'C-HOST' }),
      job({ jobId: 'c', username: 'alice', machinename: 'a-host' }),
    ];
    expect(ids(sortJobs(jobs, { column: 'user', direction: 'asc' }, ctx()))).toEqual(['c', 'b', 'a']);
    expect(ids(sortJobs(jobs, { column: 'machine', direction: 'asc' }, ctx()))).toEqual(['c', 'a', 'b']);
  });

  it('sorts by last result with failures first, rows without a result last', () => {
    const jobs = [job({ jobId: 'a' }), job({ jobId: 'b' }), job({ jobId: 'c' }), job({ jobId: 'd' })];
    const results = new Map<string, RowResult>([
      [jobKey(jobs[0]!), { outcome: 'deleted' }],
      [jobKey(jobs[2]!), { outcome: 'failed', message: 'HTTP 500' }],
      [jobKey(jobs[3]!), { outcome: 'already-gone' }],
    ]);
    expect(ids(sortJobs(jobs, { column: 'result', direction: 'asc' }, ctx({ results })))).toEqual([
      'c',
      'd',
      'a',
      'b',
    ]);
  });

  it.each(SORT_COLUMNS.map((c) => [c]))(
    'puts missing values last in both directions: %s',
    (column: SortColumn) => {
      const missing = job({
        jobId: '',
        profileId: '',
        service: '',
        status: '',
        submittedTime: null,
        endTime: null,
        username: null,
        machinename: null,
      });
      const present = [
        job({ jobId: 'j1', submittedTime: 1, endTime: 5 }),
        job({ jobId: 'j2', submittedTime: 2, endTime: 9 }),
      ];
      const results = new Map<string, RowResult>(present.map((j) => [jobKey(j), { outcome: 'deleted' }]));
      const names = new Map<string, string>([['p1', 'P']]);
      for (const direction of ['asc', 'desc'] as const) {
        const sorted = sortJobs(
          [missing, ...present],
          { column, direction },
          ctx({ results, profileNames: names }),
        );
        expect(sorted.at(-1)).toBe(missing);
      }
    },
  );

  it.each(SORT_COLUMNS.map((c) => [c]))(
    'is stable, ties keep input order in both directions: %s',
    (column: SortColumn) => {
      // Fifty equal jobs, told apart by identity: a stable sort returns these very objects in this order.
      const jobs = Array.from({ length: 50 }, () => job());
      for (const direction of ['asc', 'desc'] as const) {
        const sorted = sortJobs(jobs, { column, direction }, ctx());
        expect(sorted).toHaveLength(jobs.length);
        sorted.forEach((j, i) => expect(j, `${column} ${direction} position ${i}`).toBe(jobs[i]));
      }
    },
  );

  it('keeps equal-ignoring-case names in input order', () => {
    const jobs = [
      job({ jobId: '1', username: 'BOB' }),
      job({ jobId: '2', username: 'bob' }),
      job({ jobId: '3', username: 'Bob' }),
    ];
    expect(ids(sortJobs(jobs, { column: 'user', direction: 'desc' }, ctx()))).toEqual(['1', '2', '3']);
  });

  it('keeps the order of the last three columns sorted per list: a flip or a second click reads no job', () => {
    let reads = 0;
    const jobs = ['c', 'a', 'b', 'a'].map((id, i) => {
      const j = job({ jobId: id, username: `u${i}`, submittedTime: i });
      return new Proxy(j, { get: (t, p) => (p === 'jobId' && reads++, Reflect.get(t, p) as unknown) });
    });
    const sortBy = (column: SortColumn, direction: 'asc' | 'desc' = 'asc') => {
      reads = 0;
      const order = sortJobs(jobs, { column, direction }, ctx()).map((j) => jobs.indexOf(j));
      return { order, reads };
    };
    // Each id is read for its key, and the two tied 'a' once more to order them as strings.
    const first = sortBy('jobId');
    expect(first.order).toEqual([1, 3, 2, 0]);
    expect(first.reads).toBeGreaterThanOrEqual(4);
    // Ties (the two 'a') keep list order both ways, without reading the ids again.
    expect(sortBy('jobId', 'desc')).toEqual({ order: [0, 2, 1, 3], reads: 0 });
    expect(sortBy('jobId')).toEqual({ order: [1, 3, 2, 0], reads: 0 });
    sortBy('user');
    sortBy('submitted');
    expect(sortBy('jobId').reads).toBe(0);
    sortBy('user');
    sortBy('submitted');
    sortBy('status'); // the fourth column: the job id order, used longest ago, goes
    expect(sortBy('jobId').reads).toBe(first.reads);
  });

  it('does not change the input array', () => {
    const jobs = [job({ jobId: 'b' }), job({ jobId: 'a' })];
    sortJobs(jobs, { column: 'jobId', direction: 'asc' }, ctx());
    expect(ids(jobs)).toEqual(['b', 'a']);
  });

  it('flips direction on the same column and starts ascending on a new one', () => {
    expect(nextSort(DEFAULT_SORT, 'submitted')).toEqual({ column: 'submitted', direction: 'asc' });
    expect(nextSort({ column: 'jobId', direction: 'asc' }, 'jobId')).toEqual({
      column: 'jobId',
      direction: 'desc',
    });
    expect(nextSort(DEFAULT_SORT, 'user')).toEqual({ column: 'user', direction: 'asc' });
  });
});

describe('sortedOrder', () => {
  /** The order a comparator sort gives: by key, ties by index, missing last. */
  function reference(keys: Float64Array, dir: 1 | -1): number[] {
    return [...keys.keys()].sort((a, b) => {
      const ka = keys[a]!;
      const kb = keys[b]!;
      if (Number.isNaN(ka) || Number.isNaN(kb))
        return Number.isNaN(ka) === Number.isNaN(kb) ? a - b : Number.isNaN(ka) ? 1 : -1;
      return ka === kb ? a - b : ka < kb ? -dir : dir;
    });
  }

  it('orders like a stable comparator sort, ties by row and missing last, both ways', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const n of [0, 1, 2, 17, 1000]) {
      const keys = Float64Array.from({ length: n }, () => {
        const r = next();
        return r < 0.1 ? NaN : r < 0.3 ? -0 : Math.round((r - 0.5) * 2e12);
      });
      for (const dir of [1, -1] as const) expect([...sortedOrder(keys, dir)]).toEqual(reference(keys, dir));
    }
  });

  it('flips an ascending order into the descending one in a pass (ties in row order, missing last)', () => {
    const next = seededRandom(11);
    for (const n of [0, 1, 2, 50, 1000]) {
      const keys = Float64Array.from({ length: n }, () => (next() < 0.15 ? NaN : Math.floor(next() * 20)));
      expect([...descendingOrder(sortedOrder(keys, 1), keys)]).toEqual(reference(keys, -1));
    }
  });

  it('orders fractions and spans too wide to pack as well (the comparator path)', () => {
    const keys = Float64Array.from([0.5, NaN, -1e300, 0.25, 1e300, 0.5, NaN, 3]);
    for (const dir of [1, -1] as const) expect([...sortedOrder(keys, dir)]).toEqual(reference(keys, dir));
  });
});

describe('ordinalRanks', () => {
  /** Ranks by a plain string sort: equal values share the rank of the first, '' is missing. */
  function reference(values: string[]): number[] {
    const sorted = [...values].filter(Boolean).sort();
    return values.map((v) => (v ? sorted.indexOf(v) : NaN));
  }
  const order = (ranks: ArrayLike<number>): number[] =>
    [...Array.from(ranks).keys()].sort((a, b) => {
      const ra = ranks[a]!;
      const rb = ranks[b]!;
      if (Number.isNaN(ra) || Number.isNaN(rb)) return Number.isNaN(ra) ? 1 : -1;
      return ra - rb || a - b;
    });

  it('orders as code units do: shared prefixes, ties beyond the packed characters, lengths, duplicates, empties', () => {
    let seed = 3;
    const next = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const hex = (): string => Math.floor(next() * 16).toString(16);
    const values = Array.from({ length: 3000 }, (_, i) => {
      if (i % 97 === 0) return '';
      if (i % 13 === 0) return 'j00000000000000aa';
      const tail = Array.from({ length: 1 + Math.floor(next() * 20) }, hex).join('');
      return i % 5 === 0 ? `j0000000000000${tail}` : `j${tail}`;
    });
    values.push('jé', 'jZ', 'j', 'j\u{1F600}');
    const got = ordinalRanks(values);
    const want = reference(values);
    expect(order(got)).toEqual(order(want));
    // Equal values share a rank; '' is missing.
    expect(new Set(values.map((v, i) => `${v}:${got[i]}`)).size).toBe(new Set(values).size);
    expect(Number.isNaN(got[0]!)).toBe(true);
    // The order it sorted on the way is the ranks' order, missing values last.
    expect([...ordinalOrder(values).order]).toEqual(order(want));
  });

  it('orders long runs of equal values, and of values sharing a long prefix, as a string sort does', () => {
    const next = seededRandom(5);
    const values = Array.from({ length: 2000 }, (_, i) => {
      if (i % 3 === 0) return 'same-value';
      if (i % 3 === 1) return `job-000000000${Math.floor(next() * 500)}`;
      return `JOB\u00e9${Math.floor(next() * 50)}`;
    });
    const got = ordinalOrder(values);
    const want = [...values.keys()].sort((a, b) =>
      values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : a - b,
    );
    expect([...got.order]).toEqual(want);
    // Equal neighbours are marked, so a flip keeps equal values in list order.
    const equal = [...got.order].map((row, i) =>
      i > 0 && values[got.order[i - 1]!] === values[row] ? 1 : 0,
    );
    expect([...got.same]).toEqual(equal);
  });
});

describe('CodeUnitKeys', () => {
  it('keys values in code-unit order and refuses a value it cannot key exactly', () => {
    const scheme = CodeUnitKeys.of(['j0a', 'j1b', 'j2c']);
    const k = (v: string): number => scheme.key(v);
    expect(k('j0a')).toBeLessThan(k('j1b'));
    expect(k('j1')).toBeLessThan(k('j1b'));
    expect(k('')).toBe(0);
    expect(k('x0a')).toBeNaN(); // another prefix
    expect(k('j0Z')).toBeNaN(); // a character the first values did not have
  });
});
