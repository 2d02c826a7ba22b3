import { describe, expect, it } from 'vitest';
import type { QueryPageList } from '../../../../electron/core/arcgis/normalize';
import { normalizeJob, readQueryList, readQueryPage } from '../../../../electron/core/arcgis/normalize';
import type { PageFill } from '../../../../electron/core/arcgis/page-batch';
import { batchJobs, jobsBatch, pickRows, readPageBatch } from '../../../../electron/core/arcgis/page-batch';
import { JOB_STATUSES } from '../../../../electron/core/types';

const NO_FILL: PageFill = { status: undefined, username: null, machinename: null };
const SERVICE = 'Tools/Buffer.GPServer';

function listOf(body: Record<string, unknown>): QueryPageList['list'] {
  const read = readQueryList(body);
  if (!('list' in read)) throw new Error('no job list');
  return read.list;
}

/** Every page shape the listing reads, with odd entries: the columns must say what job objects say. */
const PAGES: Array<Record<string, unknown>> = [
  {
    results: {
      j1: { jobId: 'j1', status: 'esriJobSucceeded', submittedTime: 1712000000000, endTime: 1712000060000 },
      j2: {
        jobID: 'j2',
        jobStatus: 'Failed',
        submittedTime: '1712000000',
        userName: 'ann',
        machineName: 'M1',
      },
      j3: {},
      j4: 'not an object',
      j5: { status: 'esriJobQuantum', submittedTime: '2024-04-01T00:00:00Z', url: 'https://h/jobs/j5' },
      '': { status: 'esriJobNew' },
    },
    total: 6,
  },
  {
    jobs: [
      { job_id: 'k1', status: 'Succeeded', job_created: 1637004590, job_execution_end: 1637004600 },
      { id: 42, status: 'running', username: '', machinename: 'M2' },
      'skipped',
      { status: 'esriJobNew' },
      { jobId: 'k3', status: '', submittedTime: 0, endTime: -5 },
    ],
  },
  { results: [{ jobId: 'r1', status: 'esriJobCancelled', submittedTime: 5e11 }] },
  { results: {} },
];

describe('readPageBatch', () => {
  it('reads every shape into columns that give the same jobs as normalizeJob does', () => {
    for (const body of PAGES) {
      const read = readQueryPage(body);
      if (!('page' in read)) throw new Error('no page');
      const expected = read.page.jobs.flatMap((raw) => normalizeJob(raw, 'p1', SERVICE) ?? []);
      const { batch, entries } = readPageBatch(listOf(body), SERVICE, NO_FILL);
      expect(batchJobs('p1', batch)).toEqual(expected);
      // Keyed entries all count (the page size the walk pages by); array entries that are not objects do not.
      expect(entries).toBe(read.page.jobs.length);
    }
  });

  it('fills a left-out status, user and machine from what the query asked for, and nothing else', () => {
    const body = { results: { a: { status: '' }, b: { status: 'esriJobFailed', username: 'bob' } } };
    const fill = { status: 'esriJobSucceeded', username: 'ann', machinename: 'M9' };
    const jobs = batchJobs('p1', readPageBatch(listOf(body), SERVICE, fill).batch);
    expect(jobs.map((j) => [j.status, j.username, j.machinename])).toEqual([
      ['esriJobSucceeded', 'ann', 'M9'],
      ['esriJobFailed', 'bob', 'M9'],
    ]);
  });

  it('says which rows of the batch took their status from the query (rows, not entries)', () => {
    const fill = { status: 'esriJobFailed', username: null, machinename: null };
    const body = {
      jobs: [
        { jobId: 'a', status: 'esriJobFailed' },
        'not a job',
        { status: '' },
        { jobId: 'b' },
        { jobId: 'c', jobStatus: 'Failed' },
        { jobId: 'd' },
      ],
    };
    const { batch, filledRows } = readPageBatch(listOf(body), SERVICE, fill);
    expect(batch.jobIds).toEqual(['a', 'b', 'c', 'd']);
    expect(filledRows).toEqual([1, 3]);
    expect(readPageBatch(listOf(body), SERVICE, NO_FILL).filledRows).toEqual([]);
  });

  it('keeps urls only when some job came with one, and rows picked keep theirs', () => {
    const plain = readPageBatch(listOf({ results: { a: {}, b: {} } }), SERVICE, NO_FILL).batch;
    expect(plain.urls).toBeNull();
    const body = { jobs: [{ jobId: 'a' }, { jobId: 'b', url: 'https://h/b' }, { jobId: 'c' }] };
    const { batch } = readPageBatch(listOf(body), SERVICE, NO_FILL);
    expect(batch.urls).toEqual([null, 'https://h/b', null]);
    expect(batchJobs('p1', pickRows(batch, [2, 1])).map((j) => [j.jobId, j.url])).toEqual([
      ['c', null],
      ['b', 'https://h/b'],
    ]);
  });

  it('gives each job its own user and machine, past the few values found by comparing, each string once', () => {
    // 20 users (more than are found by comparing), 3 machines, as separate parsed strings each time.
    const users = Array.from({ length: 20 }, (_, u) => `user${u}`);
    const entries = Array.from({ length: 200 }, (_, i) => ({
      jobId: `j${i}`,
      status: 'esriJobSucceeded',
      username: users[(i * 7) % 20],
      machineName: `GIS0${i % 3}.EXAMPLE.COM`,
      ...(i % 11 === 0 ? { username: '' } : {}),
    }));
    const body = JSON.parse(JSON.stringify({ jobs: entries })) as Record<string, unknown>;
    const { batch } = readPageBatch(listOf(body), SERVICE, NO_FILL);
    const jobs = batchJobs('p1', batch);
    expect(jobs.map((j) => [j.jobId, j.username, j.machinename])).toEqual(
      entries.map((e) => [e.jobId, e.username || null, e.machineName]),
    );
    expect(new Set(batch.strings).size).toBe(batch.strings.length);
  });

  it('gives every spelling of every status its status on one page, past the spellings found by comparing', () => {
    // All three spellings of each status, twice over, as parsed strings; then statuses that read as none.
    const spellings = JOB_STATUSES.flatMap((s) => {
      const bare = s.slice('esriJob'.length);
      return [s, bare, bare.charAt(0).toLowerCase() + bare.slice(1)];
    });
    expect(spellings.length).toBeGreaterThan(24);
    const odd = [{ status: 'unknown' }, { status: 7 }, { jobStatus: '' }, {}, { status: 'esriJobQuantum' }];
    const entries = [...spellings, ...spellings].map((status, i) => ({ jobId: `j${i}`, status }));
    const all = [...entries, ...odd.map((e, i) => ({ jobId: `o${i}`, ...e }))];
    const body = JSON.parse(JSON.stringify({ jobs: all })) as Record<string, unknown>;
    const expected = all.flatMap((raw) => normalizeJob(raw, 'p1', SERVICE) ?? []);
    const { batch, filledRows } = readPageBatch(listOf(body), SERVICE, NO_FILL);
    expect(batchJobs('p1', batch)).toEqual(expected);
    expect(expected.filter((j) => j.status === 'unknown').map((j) => j.jobId)).toEqual([
      'o0',
      'o1',
      'o2',
      'o3',
    ]);
    expect(new Set(batch.strings).size).toBe(batch.strings.length);
    // Those four, and only those, take the status the query asked for.
    const fill = { ...NO_FILL, status: 'esriJobFailed' };
    const filled = readPageBatch(listOf(body), SERVICE, fill);
    const n = 2 * spellings.length;
    expect(filled.filledRows).toEqual([n, n + 1, n + 2, n + 3]);
    expect(batchJobs('p1', filled.batch).map((j) => j.status)).toEqual(
      expected.map((j) => (j.status === 'unknown' ? 'esriJobFailed' : j.status)),
    );
    expect(filledRows).toEqual([]);
  });

  it('turns job objects back into a batch that gives the same jobs', () => {
    const { batch } = readPageBatch(listOf(PAGES[0]!), SERVICE, NO_FILL);
    const jobs = batchJobs('p1', batch);
    expect(batchJobs('p1', jobsBatch(jobs))).toEqual(jobs);
  });
});
