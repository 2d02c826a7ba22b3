import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDuration,
  jobDuration,
  outcomeLabel,
  statusLabel,
  statusSlug,
} from '../../../../../renderer/src/lib/jobs/job-format';
import * as vocabulary from '../../../../../electron/shared/job-status';
import { job } from './make-jobs';

describe('job formatting', () => {
  it("words statuses and results from the catalogue, whose English is the core's vocabulary", () => {
    for (const s of vocabulary.JOB_STATUSES) expect(statusLabel(s)).toBe(vocabulary.statusLabel(s));
    for (const o of vocabulary.JOB_OUTCOMES) expect(outcomeLabel(o)).toBe(vocabulary.outcomeLabel(o));
    expect(statusLabel('esriJobNew')).toBe('New');
    expect(statusLabel('custom')).toBe('custom');
  });

  it('makes CSS-safe status slugs', () => {
    expect(statusSlug('esriJobTimedOut')).toBe('timed-out');
    expect(statusSlug('esriJob<x y>')).toBe('-x-y-');
    expect(statusSlug('')).toBe('unknown');
  });

  it('humanises durations compactly', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(187_000)).toBe('3m 07s');
    expect(formatDuration((2 * 60 + 5) * 60_000)).toBe('2h 05m');
    expect(formatDuration((4 * 24 + 3) * 3_600_000)).toBe('4d 03h');
    expect(formatDuration(null)).toBe('');
  });

  it('measures a finished job from submitted to end, a running job up to now', () => {
    expect(jobDuration(job({ submittedTime: 1000, endTime: 4000 }), 99_000)).toBe(3000);
    expect(jobDuration(job({ status: 'esriJobExecuting', submittedTime: 1000, endTime: null }), 9000)).toBe(
      8000,
    );
    expect(
      jobDuration(job({ status: 'esriJobFailed', submittedTime: 1000, endTime: null }), 9000),
    ).toBeNull();
    expect(jobDuration(job({ submittedTime: null }), 9000)).toBeNull();
  });

  it('formats dates for the given locale and leaves missing ones blank', () => {
    const ms = Date.UTC(2024, 0, 31, 12, 0);
    expect(formatDate(ms, 'en-US')).toMatch(/1\/31\/24/);
    expect(formatDate(ms, 'de-DE')).toMatch(/31\.01\.24/);
    expect(formatDate(null)).toBe('');
  });

  it('labels bulk outcomes', () => {
    expect(outcomeLabel('already-gone')).toBe('Already gone');
  });
});
