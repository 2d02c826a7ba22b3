import { describe, expect, it } from 'vitest';
import { normalizeJobDetail, normalizeStatistics } from '../../../../electron/core/arcgis/job-detail';
import {
  normalizeJob,
  normalizeStatus,
  normalizeTime,
  parseQueryPage,
  rawField,
  readQueryPage,
  writeTimes,
} from '../../../../electron/core/arcgis/normalize';
import { JOB_STATUSES } from '../../../../electron/core/types';

describe('normalizeTime', () => {
  it('keeps epoch milliseconds', () => expect(normalizeTime(1712000000000)).toBe(1712000000000));
  it('scales values that look like seconds (Kubernetes)', () =>
    expect(normalizeTime(1637004590)).toBe(1637004590000));
  it('reads numeric strings', () => expect(normalizeTime('1712345678901')).toBe(1712345678901));
  it('reads ISO dates', () => expect(normalizeTime('2024-04-01T00:00:00Z')).toBe(Date.UTC(2024, 3, 1)));
  it('gives null for absent, zero, negative and garbage', () => {
    for (const v of [undefined, null, 0, -1, '', 'soon', {}]) expect(normalizeTime(v)).toBeNull();
  });
});

describe('writeTimes', () => {
  it('writes what rawField reads, the none value for null, at the place asked, for every form of time', () => {
    const values: unknown[] = [
      1712000000000,
      1712000000000.6,
      1e11,
      1e11 - 1,
      1637004590,
      Number.MAX_VALUE,
      Infinity,
      NaN,
      0,
      -5,
      null,
      undefined,
      '1712345678901',
      '2024-04-01T00:00:00Z',
      'soon',
    ];
    for (const v of values) {
      for (const raw of [
        { submittedTime: v, endTime: v },
        { job_created: v, job_execution_end: v },
        { submitted: v, end: 1712000000000, endTime: v },
      ]) {
        const out = [0.5, 0.5, 0.5, 0.5];
        writeTimes(raw, out, 1, -1);
        expect(out).toEqual([0.5, rawField.submittedTime(raw) ?? -1, rawField.endTime(raw) ?? -1, 0.5]);
      }
    }
  });
});

describe('normalizeStatus', () => {
  it('keeps esriJob statuses', () => expect(normalizeStatus('esriJobExecuting')).toBe('esriJobExecuting'));
  it('maps Kubernetes short names', () => expect(normalizeStatus('Succeeded')).toBe('esriJobSucceeded'));
  it('gives each spelling its own status whatever was read before it (the last one is kept aside)', () => {
    const read = ['Succeeded', 'Succeeded', 'esriJobFailed', 'weird', 'weird', 'Succeeded', '', 'failed'];
    expect(read.map(normalizeStatus)).toEqual([
      'esriJobSucceeded',
      'esriJobSucceeded',
      'esriJobFailed',
      'weird',
      'weird',
      'esriJobSucceeded',
      'unknown',
      'esriJobFailed',
    ]);
  });
  it('gives every spelling of every status its status, past the dozen spellings found by comparing', () => {
    // All three spellings of each status, twice over, each a parsed string of its own (not internalized).
    const spellings = JOB_STATUSES.flatMap((s) => {
      const bare = s.slice('esriJob'.length);
      return [s, bare, bare.charAt(0).toLowerCase() + bare.slice(1)].map((v) => [v, s] as const);
    });
    expect(spellings.length).toBeGreaterThan(12);
    const read = JSON.parse(JSON.stringify([...spellings, ...spellings].map(([v]) => v))) as string[];
    expect(read.map(normalizeStatus)).toEqual([...spellings, ...spellings].map(([, s]) => s));
    expect(['esriJobQuantum', 'quantum', 'Executing'].map(normalizeStatus)).toEqual([
      'esriJobQuantum',
      'quantum',
      'esriJobExecuting',
    ]);
  });
  it('keeps an unknown status verbatim', () =>
    expect(normalizeStatus('esriJobQuantum')).toBe('esriJobQuantum'));
  it('names a missing status unknown', () => expect(normalizeStatus(undefined)).toBe('unknown'));
});

describe('normalizeJob', () => {
  it('reads the documented camelCase shape', () => {
    const job = normalizeJob(
      {
        jobId: 'j1',
        submittedTime: 1700000100000,
        endTime: 1700000160000,
        status: 'esriJobSucceeded',
        username: 'analyst1',
        machinename: 'GIS01',
        url: 'https://h/arcgis/rest/services/Tools/Buffer/GPServer/Buffer/jobs/j1',
      },
      'p1',
      'Tools/Buffer',
    );
    expect(job).toEqual({
      profileId: 'p1',
      service: 'Tools/Buffer',
      jobId: 'j1',
      status: 'esriJobSucceeded',
      submittedTime: 1700000100000,
      endTime: 1700000160000,
      username: 'analyst1',
      machinename: 'GIS01',
      url: 'https://h/arcgis/rest/services/Tools/Buffer/GPServer/Buffer/jobs/j1',
    });
  });

  it('reads jobID (the documented table spelling)', () => {
    expect(normalizeJob({ jobID: 'j2', status: 'esriJobFailed' }, 'p', 's')?.jobId).toBe('j2');
  });

  it('reads the Kubernetes shape: job_id, seconds, short status', () => {
    const job = normalizeJob(
      {
        job_id: 'k1',
        job_created: 1637004590,
        job_execution_end: 1637004600,
        status: 'Succeeded',
        username: 'u',
      },
      'p',
      's',
    );
    expect(job).toMatchObject({
      jobId: 'k1',
      submittedTime: 1637004590000,
      endTime: 1637004600000,
      status: 'esriJobSucceeded',
    });
  });

  it('gives anonymous jobs a null username and missing fields null', () => {
    const job = normalizeJob({ jobId: 'j3', username: null }, 'p', 's');
    expect(job).toMatchObject({
      username: null,
      machinename: null,
      url: null,
      submittedTime: null,
      endTime: null,
    });
  });

  it('drops an entry without any job id', () => {
    expect(normalizeJob({ status: 'esriJobSucceeded' }, 'p', 's')).toBeNull();
  });
});

describe('parseQueryPage', () => {
  it('reads jobs and the paging fields', () => {
    const page = parseQueryPage({
      total: 23,
      num: 10,
      start: 11,
      nextStart: 21,
      jobs: [{ jobId: 'a' }, 'junk'],
    });
    expect(page).toEqual({ jobs: [{ jobId: 'a' }], total: 23, num: 10, start: 11, nextStart: 21 });
  });

  it('reads a results array (Kubernetes) and numbers as strings', () => {
    const page = parseQueryPage({ total: '2', nextStart: '-1', results: [{ job_id: 'a' }, { job_id: 'b' }] });
    expect(page).toMatchObject({ total: 2, nextStart: -1, jobs: [{ job_id: 'a' }, { job_id: 'b' }] });
  });

  it('gives null when there is no job array', () => {
    expect(parseQueryPage({ total: 3 })).toBeNull();
  });
});

describe('readQueryPage', () => {
  it('reads results keyed by job id: the key is the id, values full, partial, empty or not objects', () => {
    const read = readQueryPage({
      total: 4,
      nextStart: -1,
      results: {
        j1: { status: 'esriJobFailed', machineName: 'GIS01' },
        j2: { jobID: 'j2', jobStatus: 'esriJobNew' },
        j3: {},
        j4: null,
      },
    });
    expect(read).toEqual({
      shape: 'keyed-results',
      page: {
        total: 4,
        num: null,
        start: null,
        nextStart: -1,
        jobs: [
          { status: 'esriJobFailed', machineName: 'GIS01', jobId: 'j1' },
          { jobID: 'j2', jobStatus: 'esriJobNew' },
          { jobId: 'j3' },
          { jobId: 'j4' },
        ],
      },
    });
    const jobs = 'page' in read ? read.page.jobs.map((raw) => normalizeJob(raw, 'p', 's')) : [];
    expect(jobs.map((j) => [j?.jobId, j?.status, j?.machinename])).toEqual([
      ['j1', 'esriJobFailed', 'GIS01'],
      ['j2', 'esriJobNew', null],
      ['j3', 'unknown', null],
      ['j4', 'unknown', null],
    ]);
  });

  it('names the shape of arrays under jobs and results, and the keys of an unknown layout', () => {
    expect(readQueryPage({ jobs: [] })).toMatchObject({ shape: 'jobs-array' });
    expect(readQueryPage({ results: [] })).toMatchObject({ shape: 'results-array' });
    expect(readQueryPage({ total: 3, items: [], nextStart: -1 })).toEqual({
      unknownKeys: ['total', 'items', 'nextStart'],
    });
  });
});

describe('normalizeStatistics and normalizeJobDetail', () => {
  it('keeps every numeric statistic and defaults the documented ones', () => {
    expect(normalizeStatistics({ total: '19', failed: 2, note: 'x' })).toEqual({
      total: 19,
      succeeded: 0,
      failed: 2,
      cancelled: 0,
    });
  });

  it('reads the REST job page', () => {
    const detail = normalizeJobDetail(
      {
        jobId: 'j4',
        jobStatus: 'esriJobExecuting',
        progress: { type: 'step', message: 'Tiling 3 of 10', percent: 30 },
        messages: [
          { type: 'esriJobMessageTypeInformative', description: 'Submitted.' },
          { type: 'esriJobMessageTypeAbort' },
        ],
        results: { Out: { paramUrl: 'results/Out' }, Bad: 3 },
      },
      'fallback',
    );
    expect(detail).toEqual({
      jobId: 'j4',
      jobStatus: 'esriJobExecuting',
      progress: { type: 'step', message: 'Tiling 3 of 10', percent: 30 },
      messages: [
        { type: 'esriJobMessageTypeInformative', description: 'Submitted.' },
        { type: 'esriJobMessageTypeAbort', description: '' },
      ],
      results: { Out: { paramUrl: 'results/Out' } },
    });
  });
});
