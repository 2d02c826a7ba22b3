/**
 * `Retry-After` on 429 and 503: read from the answer, carried on the error, honoured by read retries up to
 * a minute with every read of the server waiting meanwhile, and a longer wait refused with its reason.
 */
import { describe, expect, it } from 'vitest';
import type { RawResponse } from '../../../../electron/core/arcgis/errors';
import { interpretResponse } from '../../../../electron/core/arcgis/errors';
import { retryRead } from '../../../../electron/core/arcgis/read-retry';
import {
  MAX_RETRY_AFTER_MS,
  ServerHold,
  parseRetryAfter,
  tooLongError,
  waitsTooLong,
  wasNotSent,
} from '../../../../electron/core/arcgis/retry-after';
import type { AppError, Result } from '../../../../electron/core/types';

const URL_ = 'https://gis.example.com/arcgis/admin/services/Tools/Buffer.GPServer/jobs/query';
const NOW = Date.parse('2026-12-02T14:00:00Z');

function raw(status: number, retryAfter: string | null, text = '', contentType = 'text/html'): RawResponse {
  return { status, statusText: 'Status', contentType, location: null, text, retryAfter };
}

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates (a past date is no wait)', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Wed, 02 Dec 2026 14:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Wed, 02 Dec 2026 13:00:00 GMT', NOW)).toBe(0);
  });

  it('takes a delta too large for a number as a wait far too long, not as no Retry-After', () => {
    const huge = parseRetryAfter('9'.repeat(30), NOW);
    expect(huge).toBe(Number.MAX_SAFE_INTEGER);
    expect(waitsTooLong({ kind: 'server', code: 503, message: 'm', retryAfterMs: huge! })).toBe(true);
    expect(parseRetryAfter('0'.repeat(30) + '5', NOW)).toBe(5_000);
  });

  it('reads the two obsolete HTTP date forms too, as GMT (RFC 9110 §5.6.7)', () => {
    expect(parseRetryAfter('Wednesday, 02-Dec-26 14:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Wed Dec  2 14:00:45 2026', NOW)).toBe(45_000);
    // A two-digit year more than 50 years ahead is the last such year past: 1994, no wait.
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(0);
  });

  it('ignores what is neither', () => {
    for (const v of [null, undefined, '', '-5', '1.5', 'soon', '12 34'])
      expect(parseRetryAfter(v, NOW), String(v)).toBeNull();
  });

  it('ignores text a lenient date parser would take for a date', () => {
    const lenient = ['soon 12', 'Mon 5', 'later 2030', 'Dec 2 2026', '2026-12-02T14:00:30Z'];
    const broken = [
      'Wed, 31 Feb 2026 14:00:30 GMT',
      'Wed, 02 Dec 2026 25:00:00 GMT',
      'Wed, 02 Foo 2026 14:00:30 GMT',
    ];
    for (const v of [...lenient, ...broken]) expect(parseRetryAfter(v, NOW), v).toBeNull();
  });
});

describe('interpretResponse with Retry-After', () => {
  it('carries the wait of a 503 (a proxy page) and of a 429 (a gateway JSON), both transient', () => {
    const busy = interpretResponse(raw(503, '7', '<h1>503 Service Unavailable</h1>'), 'admin', URL_);
    expect(busy.ok ? null : busy.error).toMatchObject({ code: 503, transient: true, retryAfterMs: 7000 });
    const json = '{"message":"Too Many Requests"}';
    const limited = interpretResponse(
      raw(429, 'Wed, 02 Dec 2026 14:01:00 GMT', json, 'application/json'),
      'admin',
      URL_,
      () => NOW,
    );
    expect(limited.ok ? null : limited.error).toMatchObject({
      kind: 'server',
      code: 429,
      transient: true,
      retryAfterMs: 60_000,
    });
    expect(limited.ok ? '' : limited.error.message).toMatch(
      /gis\.example\.com .*code 429.*Too Many Requests/,
    );
  });

  it('reads it on no other status, and not when unreadable', () => {
    const other = interpretResponse(raw(500, '7', '<h1>500</h1>'), 'admin', URL_);
    expect(other.ok ? null : other.error.retryAfterMs).toBeUndefined();
    const bad = interpretResponse(raw(503, 'later', '<h1>503</h1>'), 'admin', URL_);
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 503, transient: true });
    expect(bad.ok ? null : bad.error.retryAfterMs).toBeUndefined();
  });
});

describe('tooLongError', () => {
  it('names the server (in the message it keeps) and the wait asked for, against the one honoured', () => {
    const e: AppError = {
      kind: 'server',
      code: 429,
      message: 'gis.example.com reported an error (code 429).',
    };
    expect(waitsTooLong({ ...e, retryAfterMs: MAX_RETRY_AFTER_MS })).toBe(false);
    expect(waitsTooLong({ ...e, retryAfterMs: MAX_RETRY_AFTER_MS + 1 })).toBe(true);
    const long = tooLongError({ ...e, retryAfterMs: 3_600_000 });
    expect(long.message).toMatch(
      /^gis\.example\.com reported an error \(code 429\)\. It asked to be retried in 3,600 s/,
    );
    expect(long.message).toMatch(/longer than the 60 s GP Job Admin waits/);
    expect(long).toMatchObject({ code: 429, retryAfterMs: 3_600_000 });
  });
});

describe('ServerHold', () => {
  it('waits out the pause once, longer when lengthened meanwhile, and is over after it', async () => {
    let clock = NOW;
    const hold = new ServerHold(() => clock);
    const naps: number[] = [];
    expect(hold.held).toBe(false);
    hold.holdFor(5000);
    hold.holdFor(2000); // a shorter pause does not shorten it
    expect(hold.held).toBe(true);
    await hold.pass(async (ms) => {
      naps.push(ms);
      if (naps.length === 1) hold.holdFor(8000); // another answer asked for more meanwhile
      clock += ms;
    });
    expect(naps).toEqual([5000, 3000]);
    expect(hold.held).toBe(false);
    hold.holdFor(10 * MAX_RETRY_AFTER_MS);
    await hold.pass(async (ms) => void naps.push(ms)); // a clock that never moves: one wait, then over
    expect(naps.at(-1)).toBe(MAX_RETRY_AFTER_MS);
    expect(hold.held).toBe(false);
    hold.holdFor(0); // Retry-After: 0 or a past date: no pause (the caller's own backoff applies)
    expect(hold.held).toBe(false);
  });
});

describe('ServerHold, shared by a client and its bulk lanes', () => {
  it('says until when the server asked to wait, and tells its watchers when a pause starts or grows', () => {
    let clock = NOW;
    const hold = new ServerHold(() => clock);
    let told = 0;
    const unwatch = hold.watch(() => told++);
    expect(hold.pausedUntil).toBe(0);
    hold.holdFor(5000);
    expect(hold.pausedUntil).toBe(NOW + 5000);
    hold.holdFor(2000); // shorter: nothing changes, nobody is told
    expect(told).toBe(1);
    hold.holdFor(8000);
    expect([told, hold.pausedUntil]).toEqual([2, NOW + 8000]);
    clock += 8000;
    expect(hold.pausedUntil).toBe(0); // over, even before anyone passed it
    unwatch();
    hold.holdFor(1000);
    expect(told).toBe(2);
  });

  it('is held while a wait too long runs, and fails requests unsent, naming its end, until it is over', () => {
    let clock = NOW;
    const hold = new ServerHold(() => clock);
    let told = 0;
    hold.watch(() => told++);
    const answer = busy(120_000);
    const error = answer.ok ? undefined : answer.error;
    hold.refuse(error!);
    const refused = hold.refused()!;
    expect([hold.held, refused.code, wasNotSent(refused), told]).toEqual([true, 503, true, 1]);
    const end = new Date(NOW + 120_000).toTimeString().slice(0, 8);
    expect(refused.message).toBe(
      `gis.example.com reported an error (code 503). It asked (answering an earlier request) to be left ` +
        `alone until ${end} (Retry-After), longer than the 60 s GP Job Admin waits for a server, so this ` +
        'request was not sent. Try again after that.',
    );
    expect(hold.pausedUntil).toBe(0); // not a pause anyone waits out
    clock += 120_000;
    expect(hold.refused()).toBeUndefined();
    expect(hold.held).toBe(false);
  });

  it('keeps the end of a refusal when its not-sent failure is handed back to it later', () => {
    let clock = NOW;
    const hold = new ServerHold(() => clock);
    let told = 0;
    hold.watch(() => told++);
    const answer = busy(600_000);
    hold.refuse(answer.ok ? ({} as never) : answer.error);
    clock += 500_000;
    hold.refuse(hold.refused()!); // as a bulk job refused without sending hands it to heedRetryAfter
    expect(told).toBe(1);
    clock += 100_000; // T0 + 600 s: the wait asked for is over
    expect(hold.refused()).toBeUndefined();
    expect(hold.held).toBe(false);
  });
});

const busy = (retryAfterMs?: number): Result<never> => ({
  ok: false,
  error: {
    kind: 'server',
    code: 503,
    transient: true,
    message: 'gis.example.com reported an error (code 503).',
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  },
});

describe('retryRead and Retry-After', () => {
  const policy = (naps: number[]) => ({
    attempts: 4,
    baseDelayMs: 300,
    maxDelayMs: 3000,
    sleep: async (ms: number) => void naps.push(ms),
  });

  it('waits as asked (not the shorter jitter), then reads again', async () => {
    const naps: number[] = [];
    const answers = [busy(7000), busy(4000), { ok: true as const, value: 'page' }];
    const r = await retryRead(
      async () => answers.shift()!,
      undefined,
      policy(naps),
      new ServerHold(),
      () => 0.99,
    );
    expect(r).toEqual({ ok: true, value: 'page' });
    expect(naps.length).toBe(2);
    expect(naps[0]).toBeGreaterThan(6900);
    expect(naps[1]).toBeGreaterThan(3900);
  });

  it('without a hold, waits at least what was asked', async () => {
    const naps: number[] = [];
    const answers = [busy(7000), { ok: true as const, value: 1 }];
    await retryRead(
      async () => answers.shift()!,
      undefined,
      policy(naps),
      undefined,
      () => 0,
    );
    expect(naps).toEqual([7000]);
  });

  it('still waits the jitter after Retry-After: 0 (or a date already past), and holds nothing', async () => {
    const naps: number[] = [];
    const hold = new ServerHold();
    const answers = [busy(0), busy(0), { ok: true as const, value: 1 }];
    await retryRead(
      async () => answers.shift()!,
      undefined,
      policy(naps),
      hold,
      () => 0.5,
    );
    expect(naps).toEqual([150, 300]);
    expect(hold.held).toBe(false);
  });

  it('gives up at once, saying why, when asked to wait longer than a minute', async () => {
    const naps: number[] = [];
    let reads = 0;
    const r = await retryRead(
      async () => (reads++, busy(120_000)),
      undefined,
      policy(naps),
      new ServerHold(),
    );
    expect(reads).toBe(1);
    expect(naps).toEqual([]);
    expect(r.ok ? '' : r.error.message).toMatch(/gis\.example\.com .*retried in 120 s.*60 s/);
  });

  it("after a wait too long, fails the client's other reads at once, sending nothing, until it is over", async () => {
    let clock = NOW;
    const hold = new ServerHold(() => clock);
    const naps: number[] = [];
    const first = await retryRead(async () => busy(120_000), undefined, policy(naps), hold);
    let reads = 0;
    const page = async (): Promise<Result<number>> => (reads++, { ok: true, value: 1 });
    clock += 119_000;
    const other = await retryRead(page, undefined, policy(naps), hold);
    expect(reads).toBe(0);
    expect(naps).toEqual([]);
    expect(first.ok ? '' : first.error.message).toMatch(/retried in 120 s.*nothing more was sent/);
    expect(other.ok ? '' : other.error.message).toMatch(/left alone until .*this request was not sent/);
    clock += 1_000;
    expect(await retryRead(page, undefined, policy(naps), hold)).toEqual({ ok: true, value: 1 });
    expect(reads).toBe(1);
  });

  it('makes every read of the server wait while one was asked to', async () => {
    let clock = NOW;
    const hold = new ServerHold(() => clock);
    const naps: number[] = [];
    const p = policy(naps);
    await retryRead(async () => busy(9000), undefined, { ...p, attempts: 1 }, hold);
    expect(hold.held).toBe(true);
    clock += 1000;
    let sentAt = 0;
    await retryRead(async () => ((sentAt = naps.length), { ok: true, value: 1 }), undefined, p, hold);
    expect(naps).toEqual([8000]);
    expect(sentAt).toBe(1);
  });

  it('stops waiting when the caller cancels', async () => {
    const ac = new AbortController();
    const hold = new ServerHold();
    hold.holdFor(30_000);
    let reads = 0;
    const r = await retryRead(
      async () => (reads++, { ok: true, value: 1 }),
      ac.signal,
      { attempts: 4, baseDelayMs: 0, maxDelayMs: 0, sleep: async () => ac.abort() },
      hold,
    );
    expect(r.ok ? null : r.error.kind).toBe('aborted');
    expect(reads).toBe(0);
  });
});
