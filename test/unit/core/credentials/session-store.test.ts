import { describe, expect, it } from 'vitest';
import { SessionCredentialStore } from '../../../../electron/core/credentials/session-store';

describe('SessionCredentialStore', () => {
  it('keeps, replaces and forgets a password per profile', async () => {
    const store = new SessionCredentialStore();
    expect(await store.get('p1')).toEqual({ ok: true, value: null });
    expect(await store.set('p1', 'first')).toEqual({ ok: true, value: undefined });
    expect(await store.set('p1', 'second')).toEqual({ ok: true, value: undefined });
    expect(await store.get('p1')).toEqual({ ok: true, value: 'second' });
    expect(await store.has('p2')).toEqual({ ok: true, value: false });
    expect(await store.clear('p1')).toEqual({ ok: true, value: undefined });
    expect(await store.has('p1')).toEqual({ ok: true, value: false });
  });

  it('refuses empty, oversized and NUL-containing passwords', async () => {
    const store = new SessionCredentialStore();
    expect(await store.set('p1', '')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await store.set('p1', 'x'.repeat(5000))).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await store.set('p1', 'a\0b')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await store.set('', 'pw')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('forgets everything at once', async () => {
    const store = new SessionCredentialStore();
    await store.set('a', '1');
    await store.set('b', '2');
    store.clearAll();
    expect([await store.has('a'), await store.has('b')]).toEqual([
      { ok: true, value: false },
      { ok: true, value: false },
    ]);
  });
});
