import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../renderer/src/lib/contract-types';
import { dueServers, newFailureKeys, parseIntervals } from '../../../../renderer/src/lib/auto-refresh';

const job = (jobId: string, status: string): Job => ({
  profileId: 'p',
  service: 'S',
  jobId,
  status,
  submittedTime: 1,
  endTime: null,
  username: null,
  machinename: null,
});

describe('auto-refresh', () => {
  it('is off unless chosen, and reads stored intervals tolerantly', () => {
    expect(parseIntervals(null)).toEqual({});
    expect(parseIntervals('{"a":60,"b":"x","c":0}')).toEqual({ a: 60 });
    expect(parseIntervals('{broken')).toEqual({});
  });

  it('refreshes servers whose interval passed, never while busy', () => {
    const loaded = (id: string) => ({ a: 0, b: 50_000, c: null })[id] ?? null;
    expect(dueServers({ a: 60, b: 60, c: 60 }, loaded, 61_000, false)).toEqual(['a']);
    expect(dueServers({ a: 60 }, loaded, 61_000, true)).toEqual([]);
  });

  it('finds failures new since the last load, none on the first load', () => {
    const before = [job('1', 'esriJobFailed'), job('2', 'esriJobExecuting')];
    const after = [job('1', 'esriJobFailed'), job('2', 'esriJobFailed'), job('3', 'esriJobTimedOut')];
    expect(newFailureKeys(before, after)).toEqual(['p|S|2', 'p|S|3']);
    expect(newFailureKeys(undefined, after)).toEqual([]);
  });
});
