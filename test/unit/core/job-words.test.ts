import { describe, expect, it } from 'vitest';
import {
  JOB_OUTCOMES,
  outcomeLabel,
  parseOutcomeWord,
  parseStatusWord,
  statusLabel,
} from '../../../electron/core/job-words';
import { JOB_STATUSES } from '../../../electron/core/types';

// One vocabulary: display names for people, machine names for files, both read back the same way.

describe('job vocabulary', () => {
  it('gives every status a display name that reads back to the same status, as do its machine names', () => {
    expect(statusLabel('esriJobTimedOut')).toBe('Timed out');
    expect(statusLabel('esriJobExecuting')).toBe('Executing');
    expect(statusLabel('somethingNew')).toBe('somethingNew');
    for (const status of JOB_STATUSES) {
      for (const typed of [status, statusLabel(status), statusLabel(status).toUpperCase()])
        expect(parseStatusWord(typed), typed).toEqual([status]);
    }
    expect(parseStatusWord('timed-out')).toEqual(['esriJobTimedOut']);
    expect(parseStatusWord('sleeping')).toBeNull();
  });

  it('gives every result a display name that reads back to the same result', () => {
    expect(outcomeLabel('already-gone')).toBe('Already gone');
    for (const outcome of JOB_OUTCOMES) {
      for (const typed of [outcome, outcomeLabel(outcome), outcomeLabel(outcome).toLowerCase()])
        expect(parseOutcomeWord(typed), typed).toBe(outcome);
    }
    expect(parseOutcomeWord('Canceled')).toBe('cancelled');
    expect(parseOutcomeWord('gone')).toBeNull();
  });
});
