import { describe, expect, it } from 'vitest';
import { buildFilter, parseService } from '../../../../../electron/cli/filters';
import { compileFilter, emptyFilter } from '../../../../../renderer/src/lib/jobs/job-filter';
import { job } from './make-jobs';

const NOW = 1_700_000_000_000;
const JOBS = [
  job({ jobId: 'a', username: 'JSmith', submittedTime: NOW - 10 * 86_400_000 }),
  job({ jobId: 'b', username: 'jsmith', service: 'Other/Buffer', submittedTime: NOW - 10 * 86_400_000 }),
  job({ jobId: 'c', username: 'JSMITH', submittedTime: NOW - 60_000 }),
  job({ jobId: 'd', username: 'alice', submittedTime: NOW - 10 * 86_400_000 }),
  job({ jobId: 'e', username: null, submittedTime: NOW - 10 * 86_400_000 }),
];

describe('the job table and gpjobs filter alike (one predicate)', () => {
  it('let the same jobs through for a user in another case, a service and an age', () => {
    const cli = buildFilter(
      { user: 'jsmith', service: [parseService('tools/buffer')], olderThan: 86_400_000 },
      NOW,
    );
    if ('error' in cli) throw new Error(cli.error);
    const table = compileFilter(
      { ...emptyFilter(), users: ['jsmith'], services: ['Tools/Buffer'], olderThanMs: 86_400_000 },
      NOW,
    );
    const cliIds = JOBS.filter((j) => cli.matches({ ...j, url: null })).map((j) => j.jobId);
    expect(cliIds).toEqual(['a']);
    expect(JOBS.filter(table).map((j) => j.jobId)).toEqual(cliIds);
  });
});
