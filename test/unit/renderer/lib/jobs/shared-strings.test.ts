/** Shared strings: decoded jobs point at one copy of each repeated value and read the same as before. */
import { describe, expect, it } from 'vitest';
import { SharedStrings } from '../../../../../renderer/src/lib/jobs/shared-strings';
import { job } from './make-jobs';

/** A copy of `s` that is a different string object (as a decoder makes one per job). */
const copy = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

describe('SharedStrings', () => {
  it('points every repeated field at the first copy seen, changing no value', () => {
    const strings = new SharedStrings();
    const a = job({ jobId: 'j1', username: copy('alice'), machinename: null });
    const b = job({ jobId: 'j2', username: copy('alice'), service: copy('Tools/Buffer') });
    const before = [structuredClone(a), structuredClone(b)];
    const shared = strings.shareJobs([a, b]);
    expect(shared).toEqual(before);
    expect(shared[1]!.username).toBe(strings.share('alice'));
    expect(strings.share(copy('Tools/Buffer'))).toBe(strings.share('Tools/Buffer'));
    expect(shared[0]!.machinename).toBeNull();
  });
});
