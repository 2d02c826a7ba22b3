import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../../electron/core/policies/schema';

/** The message for a policy that is `base` with `change`. */
function reason(change: Record<string, unknown>): string {
  const r = parsePolicy({ name: 'Sweep', statuses: ['esriJobFailed'], ...change });
  if (r.ok) throw new Error('expected the policy to be refused');
  return r.error.message;
}

describe('parsePolicy says in plain words what to change, never zod English', () => {
  it.each([
    [{ name: 'y'.repeat(81) }, 'name: Use a name of at most 80 characters.'],
    [{ name: '   ' }, 'name: Enter a name.'],
    [{ name: 7 }, 'name: Enter a name.'],
    [{ description: 'd'.repeat(1001) }, 'description: Use a description of at most 1000 characters.'],
    [{ servers: [] }, 'servers: Use "all", or 1 to 1000 server names and tag:NAME entries.'],
    [{ servers: ['x'.repeat(201)] }, 'servers.0: Use a server name of at most 200 characters.'],
    [{ user: 'u'.repeat(257) }, 'user: Use at most 256 characters.'],
    [{ maxJobs: 0 }, 'maxJobs: The job cap is a whole number from 1 to 1,000,000.'],
    [{ maxJobs: 2.5 }, 'maxJobs: The job cap is a whole number from 1 to 1,000,000.'],
    [{ maxJobs: 'lots' }, 'maxJobs: The job cap is a whole number from 1 to 1,000,000.'],
  ])('%j: %s', (change, message) => {
    expect(reason(change)).toBe(message);
  });

  it('keeps a valid policy as written', () => {
    const r = parsePolicy({ name: ' Sweep ', servers: ['Prod', 'TAG:Nightly'], maxJobs: 50 });
    expect(r.ok && [r.value.name, r.value.servers, r.value.maxJobs]).toEqual([
      'Sweep',
      ['Prod', 'tag:nightly'],
      50,
    ]);
  });
});
