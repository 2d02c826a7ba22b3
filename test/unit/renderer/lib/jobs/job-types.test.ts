import { describe, expect, it } from 'vitest';
import { ACTIVE_STATUSES, CANCELLABLE_STATUSES, JOB_STATUSES } from '../../../../../electron/core/types';
import * as renderer from '../../../../../renderer/src/lib/jobs/job-types';
import { job } from './make-jobs';

describe('the renderer’s status vocabulary', () => {
  it('lists every core status, in lifecycle order', () => {
    expect(renderer.STATUS_ORDER).toEqual(JOB_STATUSES);
  });

  it('matches the core cancellable and active statuses', () => {
    expect(renderer.CANCELLABLE_STATUSES).toEqual(CANCELLABLE_STATUSES);
    expect(renderer.ACTIVE_STATUSES).toEqual(ACTIVE_STATUSES);
  });
});

describe('row keys', () => {
  it('join server, service and job id, so equal job ids on different servers or services differ', () => {
    expect(renderer.jobKey(job({ profileId: 'p1', service: 'F/S', jobId: 'j1' }))).toBe('p1|F/S|j1');
    expect(renderer.jobKey(job({ profileId: 'p2', jobId: 'j1' }))).not.toBe(
      renderer.jobKey(job({ profileId: 'p1', jobId: 'j1' })),
    );
    expect(renderer.jobKey(job({ service: 'A', jobId: 'j1' }))).not.toBe(
      renderer.jobKey(job({ service: 'B', jobId: 'j1' })),
    );
  });
});
