import { describe, expect, it } from 'vitest';
import { ageFields, ageMinutes } from '../../../../renderer/src/components/policies/retention-age';
import { retentionEdit } from '../../../../electron/core';

const dir = (cleanupMode: string, maxFileAgeMinutes: number | null) => ({
  name: 'arcgisjobs',
  physicalPath: null,
  description: null,
  cleanupMode,
  maxFileAgeMinutes,
  cleans: cleanupMode !== 'NONE',
});

describe("the server form's retention age", () => {
  it('shows an age in the largest unit that states it exactly (6 h when the server has none)', () => {
    expect(ageFields(360)).toEqual({ amount: 6, unit: 'h' });
    expect(ageFields(20_160)).toEqual({ amount: 14, unit: 'd' });
    expect(ageFields(90)).toEqual({ amount: 90, unit: 'm' });
    expect(ageFields(null)).toEqual({ amount: 6, unit: 'h' });
    expect(ageFields(0)).toEqual({ amount: 6, unit: 'h' });
  });

  it('turns the fields into whole minutes, or null for what a jobs directory cannot hold', () => {
    expect(ageMinutes(2, 'h')).toBe(120);
    expect(ageMinutes(1.5, 'h')).toBe(90);
    expect(ageMinutes(3, 'd')).toBe(4320);
    expect(ageMinutes(0.5, 'm')).toBeNull();
    expect(ageMinutes(0, 'h')).toBeNull();
    expect(ageMinutes(-1, 'd')).toBeNull();
    expect(ageMinutes(Number.NaN, 'h')).toBeNull();
    expect(ageMinutes(10_000, 'd')).toBeNull();
  });

  it('asks the same edit of the jobs directory as gpjobs servers retention', () => {
    const kept = dir('TIME_ELAPSED_SINCE_LAST_MODIFIED', 360);
    expect(retentionEdit(kept, { cleanup: 'on', maxFileAgeMinutes: 120 })).toEqual({
      cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED',
      maxFileAgeMinutes: 120,
    });
    expect(retentionEdit(kept, { cleanup: 'off' })).toEqual({ cleanupMode: 'NONE', maxFileAgeMinutes: 360 });
    expect(retentionEdit(dir('NONE', null), { cleanup: 'on' })).toEqual({
      cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED',
      maxFileAgeMinutes: 360,
    });
  });
});
