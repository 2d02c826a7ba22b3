import { describe, expect, it } from 'vitest';
import { DAY_MS, emptyFilter, filterJobs } from '../../../../../renderer/src/lib/jobs/job-filter';
import { SORT_COLUMNS, sortKeys, sortJobs } from '../../../../../renderer/src/lib/jobs/job-sort';
import {
  EMPTY_SELECTION,
  indexJobs,
  selectAllMatching,
  summarizeSelection,
} from '../../../../../renderer/src/lib/jobs/job-selection';
import { countStatuses } from '../../../../../renderer/src/lib/jobs/job-overview';
import { manyJobs } from './make-jobs';

const NOW = 1_700_000_000_000;
const jobs = manyJobs(100_000, 7, NOW);
const ctx = {
  profileNames: new Map([
    ['p1', 'East'],
    ['p2', 'West'],
    ['p3', 'North'],
  ]),
  results: new Map(),
  now: NOW,
};

/** Timings are logged for information only; the benchmark owns the targets. */
function timed<T>(label: string, run: () => T): T {
  const t = performance.now();
  const out = run();
  console.log(`${label}: ${(performance.now() - t).toFixed(1)} ms`);
  return out;
}

/**
 * The first row out of place in sorted keys (missing values, NaN, last; the rest in `direction`), or null.
 * Checked in a plain loop and asserted once: an `expect` per row cost seconds per column (2 million calls).
 */
function firstMisplacedRow(keys: ArrayLike<number>, direction: 'asc' | 'desc'): string | null {
  let seenMissing = false;
  for (let i = 1; i < keys.length; i++) {
    const a = keys[i - 1]!;
    const b = keys[i]!;
    if (Number.isNaN(b)) seenMissing = true;
    else if (seenMissing) return `row ${i} has a value after a missing one`;
    if (!Number.isNaN(a) && !Number.isNaN(b) && (direction === 'asc' ? a > b : a < b))
      return `rows ${i - 1} and ${i} out of order`;
  }
  return null;
}

describe('100,000 jobs', () => {
  it.each(SORT_COLUMNS.map((c) => [c]))('sorts by %s into a correct order', (column) => {
    for (const direction of ['asc', 'desc'] as const) {
      const sorted = timed(`sort ${column} ${direction}`, () => sortJobs(jobs, { column, direction }, ctx));
      expect(sorted).toHaveLength(jobs.length);
      expect(firstMisplacedRow(sortKeys(sorted, column, ctx), direction), `${column} ${direction}`).toBe(
        null,
      );
    }
  });

  it('filters by status, server, age and text into exactly the matching rows', () => {
    const f = {
      ...emptyFilter(),
      statuses: ['esriJobFailed'],
      profileIds: ['p2'],
      olderThanMs: 7 * DAY_MS,
      text: 'user1',
    };
    const out = timed('filter', () => filterJobs(jobs, f, NOW));
    const expected = jobs.filter(
      (j) =>
        j.status === 'esriJobFailed' &&
        j.profileId === 'p2' &&
        j.submittedTime !== null &&
        j.submittedTime < NOW - 7 * DAY_MS &&
        [j.jobId, j.service, j.username ?? '', j.machinename ?? ''].some((s) =>
          s.toLowerCase().includes('user1'),
        ),
    );
    expect(out).toEqual(expected);
    expect(out.length).toBeGreaterThan(0);
  });

  it('selects all matching and summarises the selection', () => {
    const failed = filterJobs(
      jobs,
      { ...emptyFilter(), statuses: ['esriJobFailed', 'esriJobExecuting'] },
      NOW,
    );
    const s = timed('select all matching', () => selectAllMatching(EMPTY_SELECTION, failed));
    const index = timed('index', () => indexJobs(jobs));
    const summary = timed('summarise', () => summarizeSelection(s, jobs, index, null));
    expect(summary.selected).toBe(failed.length);
    expect(summary.cancellable).toBe(failed.filter((j) => j.status === 'esriJobExecuting').length);
  });

  it('counts statuses per server', () => {
    const servers = timed('overview', () => countStatuses(jobs, ['p1', 'p2', 'p3']));
    expect(servers.reduce((n, s) => n + s.total, 0)).toBe(jobs.length);
  });
});
