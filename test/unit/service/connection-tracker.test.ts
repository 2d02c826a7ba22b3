import { describe, expect, it } from 'vitest';
import { ConnectionTracker } from '../../../electron/core/service/connection-tracker';

const busy = { kind: 'server' as const, message: 'Busy (code 503)', code: 503 };
const notice = (attempt: number, first = attempt === 2) => ({
  attempt,
  attempts: 4,
  error: busy,
  waitMs: 0,
  first,
});

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

  it('a read waiting out a pause counts as one read, and the notice says it is paused', () => {
    const tracker = new ConnectionTracker();
    tracker.set('p', 'connecting');
    tracker.retrying('p', { ...notice(1, true), waitMs: 30_000, paused: true }, 10);
    expect(tracker.get('p').retry).toEqual({
      attempt: 1,
      attempts: 4,
      reason: busy,
      waitMs: 30_000,
      at: 10,
      paused: true,
    });
    tracker.retrying('p', notice(2, false), 11); // the same read, after the pause, failed and retries
    expect(tracker.get('p').retry?.paused).toBeUndefined();
    tracker.retrying('p', null, 12); // ... and got through: no read is left
    expect(tracker.get('p').retry).toBeUndefined();
  });
});
