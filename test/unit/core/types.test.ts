import { describe, expect, it } from 'vitest';
import { ACTIVE_STATUSES, CANCELLABLE_STATUSES, JOB_STATUSES, err, ok } from '../../../electron/core/types';

describe('job status vocabulary', () => {
  it('only lists cancellable statuses that are also active', () => {
    for (const s of CANCELLABLE_STATUSES) expect(ACTIVE_STATUSES).toContain(s);
  });

  it('only lists active statuses that ArcGIS Server defines', () => {
    for (const s of ACTIVE_STATUSES) expect(JOB_STATUSES).toContain(s);
  });
});

describe('result helpers', () => {
  it('wrap a value and an error as discriminated results', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err({ kind: 'timeout', message: 'slow' })).toEqual({
      ok: false,
      error: { kind: 'timeout', message: 'slow' },
    });
  });
});
