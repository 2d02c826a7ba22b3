import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  buildFilter,
  collect,
  parseDuration,
  parseService,
  parseStatus,
  parseTime,
  serviceMatches,
  splitServiceId,
} from '../../../electron/cli/filters';
import type { Job } from '../../../electron/core/types';

const job = (over: Partial<Job> = {}): Job => ({
  profileId: 'p1',
  service: 'Tools/Buffer',
  jobId: 'j1',
  status: 'esriJobFailed',
  submittedTime: 1_000_000,
  endTime: 1_000_500,
  username: 'jsmith',
  machinename: 'GIS01.EXAMPLE.COM',
  url: null,
  ...over,
});

describe('parseStatus', () => {
  it('accepts short names in any case, esriJob* names, and dashed forms', () => {
    expect(parseStatus('failed')).toEqual(['esriJobFailed']);
    expect(parseStatus('FAILED')).toEqual(['esriJobFailed']);
    expect(parseStatus('esriJobFailed')).toEqual(['esriJobFailed']);
    expect(parseStatus('timed-out')).toEqual(['esriJobTimedOut']);
    expect(parseStatus('timed_out')).toEqual(['esriJobTimedOut']);
    expect(parseStatus('canceled')).toEqual(['esriJobCancelled']);
    expect(parseStatus('running')).toEqual(['esriJobExecuting']);
    expect(parseStatus('Timed out')).toEqual(['esriJobTimedOut']);
    expect(parseStatus('TimedOut')).toEqual(['esriJobTimedOut']);
    expect(parseStatus('ESRIJOBTIMEDOUT')).toEqual(['esriJobTimedOut']);
  });

  it('expands active and finished', () => {
    expect(parseStatus('active')).toEqual([
      'esriJobNew',
      'esriJobSubmitted',
      'esriJobWaiting',
      'esriJobExecuting',
      'esriJobCancelling',
    ]);
    expect(parseStatus('finished')).toEqual([
      'esriJobSucceeded',
      'esriJobFailed',
      'esriJobTimedOut',
      'esriJobCancelled',
    ]);
  });

  it('rejects anything else as a usage error', () => {
    expect(() => parseStatus('sleeping')).toThrow(InvalidArgumentError);
  });
});

describe('parseDuration', () => {
  it('reads weeks, days, hours, minutes, seconds and combinations', () => {
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('30m')).toBe(30 * 60_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('1d12h')).toBe(36 * 3_600_000);
    expect(parseDuration('45S')).toBe(45_000);
  });

  it('rejects missing units, spaces and zero', () => {
    for (const bad of ['7', '7 days', 'd', '0d', '-1d', '1.5h']) {
      expect(() => parseDuration(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('rejects absurd ages (over 100 years, overflowing numbers, repeated units) with a reason', () => {
    expect(parseDuration('36500d')).toBe(36_500 * 86_400_000);
    expect(() => parseDuration('36501d')).toThrow(/more than 100 years/);
    expect(() => parseDuration('99999999999999999999w')).toThrow(/more than 100 years/);
    expect(() => parseDuration(`${'9'.repeat(400)}d`)).toThrow(/more than 100 years/);
    expect(() => parseDuration('1d1d')).toThrow(/repeats a unit/);
  });
});

describe('parseTime', () => {
  it('reads epoch milliseconds and ISO dates and times', () => {
    expect(parseTime('1700000000000')).toBe(1_700_000_000_000);
    expect(parseTime('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    expect(parseTime('2024-05-01T08:30:00Z')).toBe(Date.UTC(2024, 4, 1, 8, 30));
  });

  it('rejects words and impossible dates', () => {
    for (const bad of ['yesterday', '2024-13-45', '05/01/2024', '']) {
      expect(() => parseTime(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('refuses dates that do not exist instead of rolling them over (February 30th is not March 2nd)', () => {
    for (const bad of ['2026-02-30', '2026-02-29', '2024-04-31', '2024-05-01T24:00Z', '2024-05-01T08:60Z']) {
      expect(() => parseTime(bad), bad).toThrow(/not a real date or time/);
    }
    expect(parseTime('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseTime('2024-05-01T08:30+02:00')).toBe(Date.UTC(2024, 4, 1, 6, 30));
    expect(parseTime('2024-05-01 08:30Z')).toBe(Date.UTC(2024, 4, 1, 8, 30));
  });

  it('refuses short numbers, which are years or epoch seconds typed by mistake', () => {
    for (const bad of ['2024', '1700000000', '00', '9999999999999999'])
      expect(() => parseTime(bad), bad).toThrow(/epoch milliseconds/);
    expect(parseTime('0')).toBe(0);
  });
});

describe('services', () => {
  it('parses NAME and FOLDER/NAME, dropping a .GPServer suffix', () => {
    expect(parseService('Buffer')).toEqual({ folder: null, name: 'Buffer' });
    expect(parseService('Tools/Buffer')).toEqual({ folder: 'Tools', name: 'Buffer' });
    expect(parseService('Tools/Buffer.GPServer')).toEqual({ folder: 'Tools', name: 'Buffer' });
    for (const bad of ['a/b/c', '/Buffer', 'Tools/', ''])
      expect(() => parseService(bad)).toThrow(InvalidArgumentError);
  });

  it('matches NAME in any folder and FOLDER/NAME exactly, in any case', () => {
    const buffer = splitServiceId('Tools/Buffer');
    expect(serviceMatches(buffer, [])).toBe(true);
    expect(serviceMatches(buffer, [parseService('buffer')])).toBe(true);
    expect(serviceMatches(buffer, [parseService('TOOLS/BUFFER')])).toBe(true);
    expect(serviceMatches(buffer, [parseService('Other/Buffer')])).toBe(false);
    expect(serviceMatches(splitServiceId('Buffer'), [parseService('Buffer')])).toBe(true);
    expect(serviceMatches(splitServiceId('Buffer'), [parseService('Tools/Buffer')])).toBe(false);
  });
});

describe('buildFilter', () => {
  const now = 10_000_000;

  it('turns the filters into the server query', () => {
    const filter = buildFilter(
      {
        status: ['esriJobFailed', 'esriJobFailed', 'esriJobTimedOut'],
        user: 'jsmith',
        machine: 'GIS01',
        since: 1000,
        until: 9_000_000,
        olderThan: 2_000_000,
      },
      now,
    );
    if ('error' in filter) throw new Error(filter.error);
    expect(filter.query).toEqual({
      statuses: ['esriJobFailed', 'esriJobTimedOut'],
      startTime: 1000,
      endTime: 8_000_000,
      username: 'jsmith',
      machineName: 'GIS01',
    });
    expect(filter.cutoff).toBe(8_000_000);
  });

  it('checks every listed job against every filter again', () => {
    const filter = buildFilter(
      {
        status: ['esriJobFailed'],
        service: [parseService('Buffer')],
        user: 'JSmith',
        machine: 'gis01.example.com',
        olderThan: 1000,
      },
      now,
    );
    if ('error' in filter) throw new Error(filter.error);
    expect(filter.matches(job())).toBe(true);
    expect(filter.matches(job({ status: 'esriJobSucceeded' }))).toBe(false);
    expect(filter.matches(job({ service: 'Tools/Clip' }))).toBe(false);
    expect(filter.matches(job({ username: 'other' }))).toBe(false);
    expect(filter.matches(job({ username: null }))).toBe(false);
    expect(filter.matches(job({ machinename: 'GIS02.EXAMPLE.COM' }))).toBe(false);
    expect(filter.matches(job({ submittedTime: now - 1000 }))).toBe(false);
    expect(filter.matches(job({ submittedTime: null }))).toBe(false);
  });

  it('says when nothing can match', () => {
    expect(buildFilter({ since: 5000, until: 4000 }, now)).toEqual({
      error: 'No job can match: --since is later than --until / --older-than.',
    });
  });
});

describe('collect', () => {
  it('appends each parsed value, flattening lists', () => {
    const status = collect(parseStatus);
    expect(status('failed', status('new', undefined))).toEqual(['esriJobNew', 'esriJobFailed']);
  });

  it('takes comma lists, each item parsed, and refuses an empty value', () => {
    const status = collect(parseStatus);
    expect(status('failed, Timed out,esriJobCancelled', undefined)).toEqual([
      'esriJobFailed',
      'esriJobTimedOut',
      'esriJobCancelled',
    ]);
    expect(() => status('failed,sleeping', undefined)).toThrow(/Unknown job status "sleeping"/);
    expect(() => status(',', undefined)).toThrow(InvalidArgumentError);
  });
});
