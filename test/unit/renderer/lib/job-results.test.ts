import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../../renderer/src/lib/contract-types';
import {
  NO_RESULTS,
  mergeResults,
  profileIndex,
  pruneResults,
} from '../../../../renderer/src/lib/job-results';
import { jobOf as job, resultOf as result } from './jobs/make-jobs';

describe('job results', () => {
  it('records each result on its row key, with the reason of a failure', () => {
    const map = mergeResults(NO_RESULTS, [
      result('p1', 'a', 'deleted'),
      result('p1', 'b', 'failed', 'HTTP 500'),
    ]);
    expect(map.get('p1|Tools/Buffer|a')).toEqual({ outcome: 'deleted' });
    expect(map.get('p1|Tools/Buffer|b')).toEqual({ outcome: 'failed', message: 'HTTP 500' });
  });

  it('lets a later result replace an earlier one (retry failed)', () => {
    const first = mergeResults(NO_RESULTS, [result('p1', 'b', 'failed', 'HTTP 500')]);
    expect(mergeResults(first, [result('p1', 'b', 'deleted')]).get('p1|Tools/Buffer|b')).toEqual({
      outcome: 'deleted',
    });
  });

  it('returns the same map when there is nothing to merge', () => {
    expect(mergeResults(NO_RESULTS, [])).toBe(NO_RESULTS);
  });

  it("drops results of a server's jobs that a refresh no longer lists, keeping other servers'", () => {
    const map = mergeResults(NO_RESULTS, [
      result('p1', 'a', 'deleted'),
      result('p1', 'b', 'failed'),
      result('p2', 'a', 'deleted'),
    ]);
    const pruned = pruneResults(map, 'p1', [job('p1', 'b')]);
    expect([...pruned.keys()].sort()).toEqual(['p1|Tools/Buffer|b', 'p2|Tools/Buffer|a']);
    expect(pruneResults(pruned, 'p1', [job('p1', 'b')])).toBe(pruned);
  });

  it('indexes profile names and colours by id', () => {
    const profiles = [{ id: 'p1', name: 'Prod', color: '#d83020' }] as ProfileView[];
    expect(profileIndex(profiles, 'name').get('p1')).toBe('Prod');
    expect(profileIndex(profiles, 'color').get('p1')).toBe('#d83020');
  });
});
