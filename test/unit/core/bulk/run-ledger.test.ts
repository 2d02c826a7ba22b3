import { describe, expect, it } from 'vitest';
import { jobResult } from '../../../../electron/core/bulk/job-result';
import { planBulk } from '../../../../electron/core/bulk/plan';
import { RunLedger } from '../../../../electron/core/bulk/run-ledger';
import type { BulkJob, JobResult } from '../../../../electron/core/bulk/types';

const profiles = [
  { id: 'p1', name: 'GIS One', concurrency: 2, production: false, serverUrl: 'https://one/arcgis' },
  { id: 'p2', name: 'GIS Two', concurrency: 2, production: false },
];
const jobs: BulkJob[] = [
  {
    profileId: 'p1',
    service: 'Clip',
    jobId: 'a',
    status: 'esriJobSucceeded',
    submittedTime: 1_700_000_000_123,
    endTime: 1_700_000_060_000,
    username: 'analyst',
    machinename: 'GIS1',
  },
  { profileId: 'p2', service: 'Buffer', jobId: 'b', status: 'esriJobFailed' },
  { profileId: 'p1', service: 'Clip', jobId: 'c', status: 'esriJobExecuting' },
  { profileId: 'p2', service: 'Buffer', jobId: 'd', status: 'esriJobSucceeded' },
];
const plan = planBulk(jobs, 'delete', profiles);
const serverOf = (index: number) => plan.servers.find((s) => s.profileId === plan.jobs[index]!.profileId)!;

function ledger(seen: number[] = []): RunLedger {
  return new RunLedger({
    runId: 'run-1',
    plan,
    osUser: 'me',
    serverOf,
    onResult: (index) => seen.push(index),
    onAuditFailure: () => undefined,
  });
}

/** Each job's result as the engine makes them: plain ones and ones with something of their own. */
const results: JobResult[] = [
  jobResult(plan.jobs[0]!, serverOf(0), 'delete', 'deleted', 1_700_000_100_000.5, { attempts: 1 }),
  jobResult(plan.jobs[1]!, serverOf(1), 'delete', 'failed', 1_700_000_100_001, {
    attempts: 4,
    message: 'Gave up after 4 attempts: Connection reset',
    kind: 'network',
  }),
  jobResult(plan.jobs[2]!, serverOf(2), 'delete', 'already-gone', 1_700_000_100_002, {
    attempts: 2,
    status: 'esriJobDeleted',
  }),
  jobResult(plan.jobs[3]!, serverOf(3), 'delete', 'deleted', 1_700_000_100_003, { attempts: 3 }),
];

describe('RunLedger', () => {
  it('reads back every result as recorded, plain ones made again from the plan, field for field and in order', () => {
    const books = ledger();
    [3, 1, 0, 2].forEach((i) => books.record(i, results[i]!));
    results.forEach((r, i) => {
      expect(books.result(i)).toEqual(r);
      expect(JSON.stringify(books.result(i))).toBe(JSON.stringify(r));
      expect(Object.keys(books.result(i)!)).toEqual(Object.keys(r));
    });
    expect(books.all()).toEqual(results);
    // Plain results are held as columns and made again (new objects); the others are held whole.
    expect(books.result(0)).not.toBe(results[0]);
    expect(books.result(3)).not.toBe(results[3]);
    expect(books.result(1)).toBe(results[1]);
    expect(books.result(2)).toBe(results[2]);
  });

  it('tells progress which job finished, counts outcomes and refuses a second result', () => {
    const seen: number[] = [];
    const books = ledger(seen);
    books.record(2, results[2]!);
    books.record(0, results[0]!);
    expect(seen).toEqual([2, 0]);
    expect(books.done).toBe(2);
    expect([books.has(0), books.has(1), books.has(2)]).toEqual([true, false, true]);
    expect(books.result(1)).toBeUndefined();
    expect(books.counts).toMatchObject({ deleted: 1, 'already-gone': 1, failed: 0 });
    expect(() => books.record(0, results[0]!)).toThrow(/second result/);
  });

  it('keeps a result whole when it differs from what the plan would make again', () => {
    const books = ledger();
    // Same outcome and no message, but another server name than the plan's (a renamed profile).
    const renamed = { ...results[0]!, server: 'Renamed' };
    books.record(0, renamed);
    expect(books.result(0)).toEqual(renamed);
  });

  it.each([
    ['another job id', { jobId: 'other' }],
    ['another end time', { endTime: 1_700_000_070_000 }],
    ['another submitted time', { submittedTime: null }],
    ['attempts past the column', { attempts: 2 ** 32 }],
  ])('keeps a result whole when it has %s than the plan would make again', (_, change) => {
    const books = ledger();
    const differing: JobResult = { ...results[0]!, ...change };
    books.record(0, differing);
    expect(books.result(0)).toBe(differing);
  });
});
