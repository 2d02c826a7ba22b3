import { describe, expect, it } from 'vitest';
import type { ReadRetryNotice } from '../../../../electron/core/arcgis/read-retry';
import { DEFAULT_READ_RETRY, retryRead } from '../../../../electron/core/arcgis/read-retry';
import type { AppError, Result } from '../../../../electron/core/types';

const REFUSED: AppError = { kind: 'network', message: 'gis:6443 refused the connection.' };

/** A read answering the given results in turn. */
function answers(...results: Result<string>[]): () => Promise<Result<string>> {
  let i = 0;
  return async () => results[Math.min(i++, results.length - 1)]!;
}

function policy() {
  const waits: number[] = [];
  const notices: ReadRetryNotice[] = [];
  let recovered = 0;
  let gaveUp = 0;
  return {
    waits,
    notices,
    recovered: () => recovered,
    gaveUp: () => gaveUp,
    policy: {
      ...DEFAULT_READ_RETRY,
      sleep: async (ms: number) => void waits.push(ms),
      onRetry: (n: ReadRetryNotice) => notices.push(n),
      onRecovered: () => void recovered++,
      onGaveUp: () => void gaveUp++,
    },
  };
}

describe('retryRead tells who listens about each retry', () => {
  it('a notice before each wait, with the attempt, the reason and that wait; recovered once it answers', async () => {
    const p = policy();
    const got = await retryRead(
      answers({ ok: false, error: REFUSED }, { ok: false, error: REFUSED }, { ok: true, value: 'page' }),
      undefined,
      p.policy,
      undefined,
      () => 0.5,
    );
    expect(got).toEqual({ ok: true, value: 'page' });
    expect(p.notices).toEqual([
      { attempt: 2, attempts: 4, error: REFUSED, waitMs: 150 },
      { attempt: 3, attempts: 4, error: REFUSED, waitMs: 300 },
    ]);
    expect(p.waits).toEqual([150, 300]);
    expect(p.recovered()).toBe(1);
  });

  it('no notice and no recovery for a read that answers at once; every attempt noticed when all fail', async () => {
    const once = policy();
    await retryRead(answers({ ok: true, value: 'x' }), undefined, once.policy);
    expect(once.notices).toEqual([]);
    expect(once.recovered()).toBe(0);

    const down = policy();
    const got = await retryRead(
      answers({ ok: false, error: REFUSED }),
      undefined,
      down.policy,
      undefined,
      () => 0,
    );
    expect(got.ok).toBe(false);
    expect(down.notices.map((n) => n.attempt)).toEqual([2, 3, 4]);
    expect(down.recovered()).toBe(0);
  });

  it('a retried read that ends without an answer is told once, so its count ends; one never retried is not', async () => {
    const spent = policy();
    await retryRead(answers({ ok: false, error: REFUSED }), undefined, spent.policy, undefined, () => 0);
    expect([spent.notices.length, spent.gaveUp(), spent.recovered()]).toEqual([3, 1, 0]);

    const denied: AppError = { kind: 'permission', message: 'Not allowed.' };
    const refusedLater = policy();
    const got = await retryRead(
      answers({ ok: false, error: REFUSED }, { ok: false, error: denied }),
      undefined,
      refusedLater.policy,
      undefined,
      () => 0,
    );
    expect(got).toEqual({ ok: false, error: denied });
    expect([refusedLater.notices.length, refusedLater.gaveUp()]).toEqual([1, 1]);

    const stop = new AbortController();
    const cancelled = policy();
    const read = answers({ ok: false, error: REFUSED });
    const aborting = { ...cancelled.policy, sleep: async () => stop.abort() };
    expect((await retryRead(read, stop.signal, aborting, undefined, () => 0)).ok).toBe(false);
    expect(cancelled.gaveUp()).toBe(1);

    const once = policy();
    await retryRead(answers({ ok: false, error: denied }), undefined, once.policy);
    expect([once.notices.length, once.gaveUp()]).toEqual([0, 0]);
  });
});
