import { describe, expect, it } from 'vitest';
import {
  choiceFrom,
  choiceServers,
  serverTags,
} from '../../../../renderer/src/components/policies/policy-servers';
import { policySchema } from '../../../../electron/core/policies/schema';

describe('Save as policy: the choice of servers', () => {
  it('starts from the filter: its servers by name, or all servers when it names none', () => {
    expect(choiceFrom(['Staging', 'Prod'])).toEqual({ by: 'name', names: ['Staging', 'Prod'], tags: [] });
    expect(choiceFrom('all')).toEqual({ by: 'all', names: [], tags: [] });
    expect(choiceFrom([])).toEqual({ by: 'all', names: [], tags: [] });
    expect(choiceFrom(undefined)).toEqual({ by: 'all', names: [], tags: [] });
  });

  it('offers every tag the servers carry, once, in lower case and in order', () => {
    expect(serverTags([{ tags: ['nightly', 'EMEA'] }, {}, { tags: ['emea', 'arcgis-11'] }])).toEqual([
      'arcgis-11',
      'emea',
      'nightly',
    ]);
    expect(serverTags([{}, { tags: [] }])).toEqual([]);
  });

  it('writes all, the chosen names, or tag:NAME per chosen tag; nothing chosen is no servers yet', () => {
    expect(choiceServers({ by: 'all', names: ['A'], tags: ['x'] })).toBe('all');
    expect(choiceServers({ by: 'name', names: ['A', 'B'], tags: ['x'] })).toEqual(['A', 'B']);
    expect(choiceServers({ by: 'tag', names: ['A'], tags: ['nightly', 'emea'] })).toEqual([
      'tag:nightly',
      'tag:emea',
    ]);
    expect(choiceServers({ by: 'name', names: [], tags: ['x'] })).toBeNull();
    expect(choiceServers({ by: 'tag', names: ['A'], tags: [] })).toBeNull();
  });

  it('writes servers the policy file accepts as tags', () => {
    const servers = choiceServers({ by: 'tag', names: [], tags: ['nightly', 'arcgis-11'] });
    const parsed = policySchema.safeParse({ name: 'Tagged', servers, statuses: ['esriJobFailed'] });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.servers).toEqual(['tag:nightly', 'tag:arcgis-11']);
  });
});
