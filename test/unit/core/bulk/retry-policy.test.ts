import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_RETRY,
  isConnectionFailure,
  isTransient,
  timerSleep,
} from '../../../../electron/core/bulk/retry-policy';

describe('isTransient', () => {
  it('retries timeouts, resets and gateway errors', () => {
    expect(isTransient({ kind: 'timeout', message: '' })).toBe(true);
    expect(isTransient({ kind: 'network', message: '' })).toBe(true);
    for (const code of [502, 503, 504]) expect(isTransient({ kind: 'server', message: '', code })).toBe(true);
  });

  it('does not retry permanent errors', () => {
    expect(isTransient({ kind: 'server', message: 'Unable to delete job', code: 400 })).toBe(false);
    expect(isTransient({ kind: 'server', message: '', code: 500 })).toBe(false);
    expect(isTransient({ kind: 'auth', message: '' })).toBe(false);
    expect(isTransient({ kind: 'not-found', message: '' })).toBe(false);
  });

  it("follows the client's own verdict when it gives one", () => {
    expect(isTransient({ kind: 'server', message: '', code: 500, transient: true })).toBe(true);
    expect(isTransient({ kind: 'network', message: '', transient: false })).toBe(false);
  });
});

describe('isConnectionFailure', () => {
  it('blames the server for connection and login failures, not for job errors', () => {
    expect(isConnectionFailure({ kind: 'network', message: '' })).toBe(true);
    expect(isConnectionFailure({ kind: 'auth', message: '' })).toBe(true);
    expect(isConnectionFailure({ kind: 'server', message: '', code: 503 })).toBe(true);
    expect(isConnectionFailure({ kind: 'server', message: '', code: 400 })).toBe(false);
    expect(isConnectionFailure({ kind: 'not-found', message: '' })).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles its ceiling per retry and never exceeds the maximum', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, policy, top))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it('draws the whole range from zero (full jitter)', () => {
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0)).toBe(0);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0.5)).toBe(1000);
  });

  it('stays within bounds even when random misbehaves', () => {
    expect(backoffDelay(2, DEFAULT_RETRY, () => 7)).toBe(1000);
    expect(backoffDelay(2, DEFAULT_RETRY, () => -1)).toBe(0);
  });
});

describe('timerSleep', () => {
  it('ends as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = timerSleep(3_600_000, controller.signal);
    controller.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });
});
