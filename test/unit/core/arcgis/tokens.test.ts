import { describe, expect, it } from 'vitest';
import type { IssuedToken } from '../../../../electron/core/arcgis/tokens';
import { TokenManager, parseExpires, readTokenResponse } from '../../../../electron/core/arcgis/tokens';
import type { Result } from '../../../../electron/core/types';
import { err, ok } from '../../../../electron/core/types';

describe('parseExpires', () => {
  it('reads a string (current admin docs)', () => expect(parseExpires('1712345678901')).toBe(1712345678901));
  it('reads a number (legacy docs, portal)', () => expect(parseExpires(1712345678901)).toBe(1712345678901));
  it('scales seconds to milliseconds', () => expect(parseExpires(1712345678)).toBe(1712345678000));
  it('gives null for absent or nonsense', () => {
    for (const v of [undefined, null, '', 'never', -5, 0]) expect(parseExpires(v)).toBeNull();
  });
});

describe('readTokenResponse', () => {
  it('reads token and expires (a string or a number), as the lifetime it implies', () => {
    const now = 1_700_000_000_000;
    expect(readTokenResponse({ token: 't', expires: String(now + 30 * 60_000) }, now, 'u')).toEqual(
      ok({ token: 't', expires: now + 30 * 60_000, issuedAt: now }),
    );
    expect(readTokenResponse({ token: 't', expires: now + 60 * 60_000 }, now, 'u')).toEqual(
      ok({ token: 't', expires: now + 60 * 60_000, issuedAt: now }),
    );
  });

  it('does not depend on the local clock agreeing with the server: hours off either way, the asked hour', () => {
    const now = 1_700_000_000_000;
    const serverAhead = readTokenResponse({ token: 't', expires: now + 3 * HOUR + HOUR }, now, 'u');
    const serverBehind = readTokenResponse({ token: 't', expires: now - 3 * HOUR + HOUR }, now, 'u');
    expect(serverAhead.ok && serverAhead.value.expires).toBe(now + HOUR);
    expect(serverBehind.ok && serverBehind.value.expires).toBe(now + HOUR);
  });
  it("reads expiration (epoch seconds, as Esri's Python client does) when expires is absent", () => {
    const now = 1_700_000_000_000;
    const seconds = readTokenResponse({ token: 't', expiration: (now + 20 * 60_000) / 1000 }, now, 'u');
    expect(seconds.ok && seconds.value.expires).toBe(now + 20 * 60_000);
    const text = readTokenResponse({ token: 't', expiration: String(now + 25 * 60_000) }, now, 'u');
    expect(text.ok && text.value.expires).toBe(now + 25 * 60_000);
    // expires wins when both are there; an unusable expires falls back to expiration.
    const both = { token: 't', expires: now + 10 * 60_000, expiration: (now + 40 * 60_000) / 1000 };
    expect(readTokenResponse(both, now, 'u')).toEqual(
      ok({ token: 't', expires: now + 10 * 60_000, issuedAt: now }),
    );
    const badExpires = { token: 't', expires: 'never', expiration: (now + 40 * 60_000) / 1000 };
    const r = readTokenResponse(badExpires, now, 'u');
    expect(r.ok && r.value.expires).toBe(now + 40 * 60_000);
  });
  it('assumes the requested hour when expires is missing', () => {
    const r = readTokenResponse({ token: 't' }, 1000, 'u');
    expect(r.ok && r.value.expires).toBe(1000 + 60 * 60_000);
  });
  it('refuses an answer without a token', () => {
    const r = readTokenResponse({ expires: 1 }, 1000, 'https://h/x');
    expect(r.ok ? null : r.error.kind).toBe('not-arcgis');
  });
});

/** A token source whose answers the test releases by hand, counting calls. */
function controlledSource() {
  const pending: Array<(r: Result<IssuedToken>) => void> = [];
  let calls = 0;
  return {
    fetcher: () => {
      calls++;
      return new Promise<Result<IssuedToken>>((resolve) => pending.push(resolve));
    },
    release(r: Result<IssuedToken>) {
      const next = pending.shift();
      if (!next) throw new Error('no pending refresh');
      next(r);
    },
    get calls() {
      return calls;
    },
  };
}

const HOUR = 60 * 60_000;

describe('TokenManager', () => {
  it('shares one refresh among concurrent callers (single-flight)', async () => {
    const src = controlledSource();
    const clock = { t: 1_000_000 };
    const tm = new TokenManager(src.fetcher, () => clock.t);
    const callers = Array.from({ length: 10 }, () => tm.get());
    expect(src.calls).toBe(1);
    src.release(ok({ token: 'T1', expires: clock.t + HOUR, issuedAt: clock.t }));
    const tokens = await Promise.all(callers);
    expect(tokens.every((r) => r.ok && r.value === 'T1')).toBe(true);
    expect(src.calls).toBe(1);
  });

  it('serves the cached token until a minute before expiry, then refreshes', async () => {
    let n = 0;
    const clock = { t: 0 };
    const tm = new TokenManager(
      async () => ok({ token: `T${++n}`, expires: clock.t + HOUR, issuedAt: clock.t }),
      () => clock.t,
    );
    expect(tm.cached()).toBeNull();
    expect(await tm.get()).toEqual(ok('T1'));
    clock.t = HOUR - 60_001;
    expect(tm.cached()).toBe('T1');
    expect(await tm.get()).toEqual(ok('T1'));
    clock.t = HOUR - 60_000;
    // `cached` never fetches: past the margin it gives nothing, and `get` refreshes.
    expect(tm.cached()).toBeNull();
    expect(await tm.get()).toEqual(ok('T2'));
    expect(n).toBe(2);
    tm.invalidate('T2');
    expect(tm.cached()).toBeNull();
  });

  it('refreshes a very short token at half its lifetime', async () => {
    let n = 0;
    const clock = { t: 0 };
    const tm = new TokenManager(
      async () => ok({ token: `T${++n}`, expires: clock.t + 10_000, issuedAt: clock.t }),
      () => clock.t,
    );
    await tm.get();
    clock.t = 4_999;
    expect(await tm.get()).toEqual(ok('T1'));
    clock.t = 5_000;
    expect(await tm.get()).toEqual(ok('T2'));
  });

  it('invalidates only the token that was rejected', async () => {
    let n = 0;
    const tm = new TokenManager(
      async () => ok({ token: `T${++n}`, expires: 10 * HOUR, issuedAt: 0 }),
      () => 0,
    );
    await tm.get();
    tm.invalidate('stale-older-token');
    expect(await tm.get()).toEqual(ok('T1'));
    tm.invalidate('T1');
    expect(await tm.get()).toEqual(ok('T2'));
  });

  it('does not cache a failed refresh; the next call tries again', async () => {
    const src = controlledSource();
    const tm = new TokenManager(src.fetcher, () => 0);
    const first = tm.get();
    src.release(err({ kind: 'auth', message: 'wrong password' }));
    expect((await first).ok).toBe(false);
    const second = tm.get();
    expect(src.calls).toBe(2);
    src.release(ok({ token: 'T', expires: HOUR, issuedAt: 0 }));
    expect(await second).toEqual(ok('T'));
  });

  it('lets one caller give up without failing the shared refresh', async () => {
    const src = controlledSource();
    const tm = new TokenManager(src.fetcher, () => 0);
    const ac = new AbortController();
    const quitter = tm.get({ signal: ac.signal });
    const stayer = tm.get();
    ac.abort();
    expect(await quitter).toEqual(err({ kind: 'aborted', message: 'Cancelled.' }));
    src.release(ok({ token: 'T', expires: HOUR, issuedAt: 0 }));
    expect(await stayer).toEqual(ok('T'));
    expect(src.calls).toBe(1);
  });
});
