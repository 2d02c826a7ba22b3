import { describe, expect, it } from 'vitest';
import { ConnectionTracker } from '../../../electron/core/service/connection-tracker';

const busy = { kind: 'server' as const, message: 'Busy (code 503)', code: 503 };
const notice = (attempt: number) => ({ attempt, attempts: 4, error: busy, waitMs: 0 });

describe('ConnectionTracker.retrying', () => {
  it('keeps the notice while another read of the server still retries, and never counts back', () => {
    const tracker = new ConnectionTracker();
    tracker.set('p', 'connecting');
    tracker.retrying('p', notice(2), 1); // page A retries
    tracker.retrying('p', notice(3), 2); // page A again
    tracker.retrying('p', notice(2), 3); // page B starts retrying
    expect(tracker.get('p').retry).toMatchObject({ attempt: 3 });
    tracker.retrying('p', null, 4); // page B got through; A still retries
    expect(tracker.get('p').retry).toMatchObject({ attempt: 3 });
    tracker.retrying('p', null, 5); // A got through too
    expect(tracker.get('p').retry).toBeUndefined();
  });

  it('starts counting afresh with each contact', () => {
    const tracker = new ConnectionTracker();
    tracker.set('p', 'connecting');
    tracker.retrying('p', notice(2), 1); // a read that then fails for good: no recovery is told
    tracker.set('p', 'error', busy);
    tracker.set('p', 'connecting');
    tracker.retrying('p', notice(2), 2);
    tracker.retrying('p', null, 3);
    expect(tracker.get('p').retry).toBeUndefined();
  });
});
