import { describe, expect, it } from 'vitest';
import type { ReadRetryNotice } from '../../../../electron/core/arcgis/read-retry';
import { DEFAULT_READ_RETRY, retryRead } from '../../../../electron/core/arcgis/read-retry';
import { ServerHold } from '../../../../electron/core/arcgis/retry-after';
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
      { attempt: 2, attempts: 4, error: REFUSED, waitMs: 150, first: true },
      { attempt: 3, attempts: 4, error: REFUSED, waitMs: 300, first: false },
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

  it('a read that finds the server paused (asked answering another request) says why and until when first', async () => {
    let now = 1_000;
    const hold = new ServerHold(() => now);
    const tooMany: AppError = {
      kind: 'server',
      code: 429,
      message: 'gis answered 429.',
      retryAfterMs: 30_000,
    };
    hold.holdFor(30_000, tooMany); // a quiet read (a job's detail) heard it
    const p = policy();
    const sleep = async (ms: number): Promise<void> => {
      p.waits.push(ms);
      now += ms;
    };
    const got = await retryRead(
      answers({ ok: true, value: 'page' }),
      undefined,
      { ...p.policy, sleep },
      hold,
    );
    expect(got).toEqual({ ok: true, value: 'page' });
    expect(p.notices).toEqual([
      { attempt: 1, attempts: 4, error: tooMany, waitMs: 30_000, paused: true, first: true },
    ]);
    expect(p.waits).toEqual([30_000]);
    expect([p.recovered(), p.gaveUp()]).toEqual([1, 0]); // its end is told, so the notice is withdrawn

    // A read that then fails and retries: its pause is withdrawn as it is sent, and its retry starts anew.
    hold.holdFor(5_000, tooMany);
    const again = policy();
    const retried = { ...again.policy, sleep };
    await retryRead(
      answers({ ok: false, error: REFUSED }, { ok: true, value: 'x' }),
      undefined,
      retried,
      hold,
      () => 0,
    );
    expect(again.notices.map((n) => [n.attempt, n.paused ?? false, n.first])).toEqual([
      [1, true, true],
      [2, false, true],
    ]);
    expect(again.recovered()).toBe(2);

    // No pause running: nothing is told; a quiet read (no onRetry) waits without a word.
    const quiet = policy();
    await retryRead(answers({ ok: true, value: 'x' }), undefined, quiet.policy, hold);
    expect(quiet.notices).toEqual([]);
  });

  it('a pause another answer lengthens while the read waits is told again, with its new end', async () => {
    let now = 1_000;
    const hold = new ServerHold(() => now);
    const asked = (s: number): AppError => ({
      kind: 'server',
      code: 429,
      message: `gis answered 429 (Retry-After: ${s}).`,
      retryAfterMs: s * 1000,
    });
    hold.holdFor(5_000, asked(5)); // a job's detail heard 429, Retry-After: 5
    const p = policy();
    let lengthened = false;
    const sleep = async (ms: number): Promise<void> => {
      p.waits.push(ms);
      if (!lengthened) hold.holdFor(30_000, asked(30)); // mid-wait, another answer asks for 30 s
      lengthened = true;
      now += ms;
    };
    const got = await retryRead(
      answers({ ok: true, value: 'page' }),
      undefined,
      { ...p.policy, sleep },
      hold,
    );
    expect(got).toEqual({ ok: true, value: 'page' });
    expect(p.waits).toEqual([5_000, 25_000]);
    // Each notice's end (now + waitMs when told) is when the read is then sent: 6 s, then 31 s.
    expect(p.notices).toEqual([
      { attempt: 1, attempts: 4, error: asked(5), waitMs: 5_000, paused: true, first: true },
      { attempt: 1, attempts: 4, error: asked(30), waitMs: 25_000, paused: true, first: false },
    ]);
    expect([p.recovered(), p.gaveUp()]).toEqual([1, 0]);
  });

  it('withdraws a pause notice once the pause is over and the read is sent, before its answer', async () => {
    let now = 1_000;
    const hold = new ServerHold(() => now);
    hold.holdFor(5_000, { kind: 'server', code: 429, message: 'gis answered 429.', retryAfterMs: 5_000 });
    const events: string[] = [];
    const sleep = async (ms: number): Promise<void> => void (now += ms);
    const got = await retryRead(
      async () => (events.push(`sent at ${now}`), { ok: true, value: 'page' }),
      undefined,
      {
        ...DEFAULT_READ_RETRY,
        sleep,
        onRetry: (n) => events.push(`paused ${n.waitMs}`),
        onRecovered: () => events.push(`withdrawn at ${now}`),
        onGaveUp: () => events.push('gave up'),
      },
      hold,
    );
    expect(got).toEqual({ ok: true, value: 'page' });
    // A slow read is in flight from 6 s on: by then nothing says "waiting until 6 s" any more.
    expect(events).toEqual(['paused 5000', 'withdrawn at 6000', 'sent at 6000']);
  });
});
