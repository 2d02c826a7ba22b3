import { describe, expect, it } from 'vitest';
import { GrowingRows } from '../../../../../renderer/src/lib/jobs/growing-rows';
import { jobMatcher } from '../../../../../electron/shared/job-filter';
import {
  DAY_MS,
  HOUR_MS,
  compileFilter,
  emptyFilter,
  type FilterState,
} from '../../../../../renderer/src/lib/jobs/job-filter';
import type { SortState } from '../../../../../renderer/src/lib/jobs/job-sort';
import { jobKey, type Job } from '../../../../../renderer/src/lib/jobs/job-types';
import { counted, job, manyJobs } from './make-jobs';
import { streamingTable } from './streaming-table';

const NOW = 1_700_000_000_000;
const SORT: SortState = { column: 'jobId', direction: 'asc' };
const ctx = { profileNames: new Map<string, string>(), results: new Map(), now: NOW };

/**
 * Jobs on and around every bound the filters below draw (a time equal to a bound does not pass, one ms
 * under does), without times, in unknown and in-flight statuses, and with odd ids.
 */
function edgeJobs(): Job[] {
  const jobs = manyJobs(1_500, 8, NOW);
  const bounds = [NOW - DAY_MS, NOW - 7 * DAY_MS, NOW - HOUR_MS, NOW - 2 * DAY_MS];
  const statuses = ['esriJobExecuting', 'esriJobSubmitted', 'esriJobSucceeded', 'customStatus', ''];
  let n = 0;
  for (const bound of bounds)
    for (const delta of [-1, 0, 1])
      for (const status of statuses) {
        const t = bound + delta;
        jobs.push(job({ jobId: `JÉ${n++}`, status, submittedTime: t, endTime: t }));
        jobs.push(job({ jobId: `x.*${n++}`, status, submittedTime: t, endTime: null }));
        jobs.push(job({ jobId: `e${n++}`, status, submittedTime: null, endTime: t }));
      }
  // Shuffled deterministically, so the edge jobs land in different batches.
  return jobs
    .map((j, i) => ({ j, k: (i * 7919) % 1601 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.j);
}

const FILTERS: FilterState[] = [
  { ...emptyFilter(), olderThanMs: DAY_MS },
  { ...emptyFilter(), olderThanMs: 7 * DAY_MS, ageField: 'ended' },
  { ...emptyFilter(), runningLongerThanMs: HOUR_MS },
  { ...emptyFilter(), runningLongerThanMs: HOUR_MS, olderThanMs: 2 * DAY_MS, ageField: 'ended' },
  { ...emptyFilter(), olderThanMs: 2 * DAY_MS, users: ['user3', 'USER4'], text: 'j' },
  { ...emptyFilter(), runningLongerThanMs: DAY_MS, statuses: ['esriJobExecuting', 'customStatus'] },
];

/** The reference: the shared job filter for the list and submitted-age fields, the rest written out. */
function reference(f: FilterState, now: number): (j: Job) => boolean {
  const before = f.olderThanMs === null ? null : now - f.olderThanMs;
  const byEnd = f.ageField === 'ended';
  const shared = jobMatcher({
    statuses: f.statuses,
    users: f.users,
    text: f.text,
    submittedBefore: byEnd ? null : before,
  });
  const inFlight = new Set([
    'esriJobNew',
    'esriJobSubmitted',
    'esriJobWaiting',
    'esriJobExecuting',
    'esriJobCancelling',
  ]);
  return (j) =>
    shared(j) &&
    (!byEnd || before === null || (j.endTime !== null && j.endTime < before)) &&
    (f.runningLongerThanMs === null ||
      (inFlight.has(j.status) && j.submittedTime !== null && j.submittedTime < now - f.runningLongerThanMs));
}

/** Streams `jobs` into `rows` batch by batch; the last list and its filtered rows. */
function stream(rows: GrowingRows, jobs: readonly Job[], filter: FilterState, now: number) {
  let list: readonly Job[] = [];
  let shown = rows.filtered(rows.sorted(list, null, SORT, ctx), filter, now);
  for (const size of [1, 40, 3, 300, 17, 900, 2, 500, 1_000]) {
    const next = jobs.slice(0, Math.min(jobs.length, list.length + size));
    shown = rows.filtered(rows.sorted(next, list, SORT, ctx), filter, now);
    list = next;
  }
  return { list, shown };
}

describe('the time filters through the row index', () => {
  const jobs = edgeJobs();

  it('let through exactly what the job filter does, on the bounds, batch by batch', () => {
    for (const filter of FILTERS) {
      const { list, shown } = stream(new GrowingRows(), jobs, filter, NOW);
      expect(list).toHaveLength(jobs.length);
      const want = jobs.filter(compileFilter(filter, NOW));
      expect(want.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(jobs.filter(reference(filter, NOW))).toEqual(want);
      expect(new Set(shown.slice()), JSON.stringify(filter)).toEqual(new Set(want));
      expect(shown).toHaveLength(want.length);
    }
  });

  it('follow the clock: the same filter at another time is decided again', () => {
    const rows = new GrowingRows();
    const filter = FILTERS[2]!;
    const sorted = rows.sorted(jobs, null, SORT, ctx);
    for (const now of [NOW, NOW + 1, NOW - 1, NOW + DAY_MS])
      expect(rows.filtered(sorted, filter, now).slice(), String(now)).toEqual(
        sorted.slice().filter(compileFilter(filter, now)),
      );
  });

  it('read no job past the row index: filtering by time reads only the appended jobs, once to index them', () => {
    const rows = new GrowingRows();
    const before = jobs.slice(0, 1_000);
    rows.filtered(rows.sorted(before, null, SORT, ctx), FILTERS[3]!, NOW);
    const grown = counted(jobs);
    rows.filtered(rows.sorted(grown.list, before, SORT, ctx), FILTERS[3]!, NOW);
    expect(grown.reads()).toBe(2 * (jobs.length - 1_000));
    const later = grown.reads();
    rows.filtered(rows.sorted(grown.list, null, SORT, ctx), FILTERS[1]!, NOW);
    expect(grown.reads()).toBe(later);
  });
});

describe('the selection summary hidden count and the confirmation context', () => {
  it('count and list the selected jobs the filters hide as the job filter does, while rows stream in', () => {
    const all = edgeJobs();
    const { jobs, grown, table } = streamingTable(NOW);
    // Every third job selected, some of them not listed yet.
    table.select({ keys: new Set(all.filter((_, i) => i % 3 === 0).map(jobKey)), anchor: null, range: [] });
    for (const filter of [...FILTERS, { ...emptyFilter(), text: 'a\nb' }]) {
      table.setFilter(filter);
      for (const end of [200, 900, all.length]) {
        grown.value = end === 200 ? null : jobs.value;
        jobs.value = all.slice(0, end);
        const listed = jobs.value.filter((j) => table.selection.keys.has(jobKey(j)));
        const shown = compileFilter(filter, NOW);
        const hidden = listed.filter((j) => !shown(j));
        expect(table.summary, `${JSON.stringify(filter)} ${end}`).toMatchObject({
          selected: listed.length,
          hidden: hidden.length,
        });
        expect(table.contextOf(table.selectedJobs()).hidden, `${JSON.stringify(filter)} ${end}`).toEqual(
          hidden,
        );
      }
    }
  });
});
