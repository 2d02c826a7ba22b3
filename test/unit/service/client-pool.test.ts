/** The client pool's bookkeeping when a profile's client is rebuilt, with a stub store and transport. */
import { describe, expect, it } from 'vitest';
import { ClientPool } from '../../../electron/core/service/client-pool';
import type { CredentialVault } from '../../../electron/core/credentials/vault';
import type { ProfileStore } from '../../../electron/core/profiles/store';
import type { Profile } from '../../../electron/core/types';
import { ok } from '../../../electron/core/types';
import type { AppError } from '../../../electron/core/types';
import { testProfile } from '../../fixtures/profile';

const base: Profile = testProfile({ id: 'p', name: 'Parts', concurrency: 4 });

describe('ClientPool after a save', () => {
  it('two callers while the old transport closes get one client, which carries the pause', async () => {
    let profile = base;
    const profiles = { get: async () => ok({ ...profile }) } as unknown as ProfileStore;
    let closed = 0;
    let release = (): void => undefined;
    const closing = new Promise<void>((resolve) => (release = resolve));
    const transport = () =>
      Object.assign(async () => new Response('{}'), {
        close: async () => {
          closed += 1;
          await closing;
        },
      });
    const pool = new ClientPool({ profiles, vault: {} as CredentialVault, transport, now: Date.now });
    const before = await pool.client('p');
    if (!before.ok) throw new Error('no client');
    before.value.hold.holdFor(30_000);
    const until = before.value.hold.pausedUntil;
    profile = { ...base, name: 'Parts renamed' };
    const a = pool.client('p'); // rebuilds, waits on the old transport's close
    const b = pool.client('p');
    release();
    const [ra, rb] = await Promise.all([a, b]);
    if (!ra.ok || !rb.ok) throw new Error('no client');
    expect(ra.value).toBe(rb.value);
    expect(ra.value).not.toBe(before.value);
    expect(ra.value.hold.pausedUntil).toBe(until);
    expect(closed).toBe(1);
    const later = await pool.client('p');
    expect(later.ok && later.value).toBe(ra.value);
  });
});

describe('ClientPool: a refusal of a wait too long', () => {
  const tooLong: AppError = {
    kind: 'server',
    message: 'Busy (code 429)',
    code: 429,
    retryAfterMs: 3_600_000,
  };

  async function saved(withPause: boolean) {
    let profile = base;
    const profiles = { get: async () => ok({ ...profile }) } as unknown as ProfileStore;
    const transport = () => async () => new Response('{}');
    const pool = new ClientPool({ profiles, vault: {} as CredentialVault, transport, now: Date.now });
    const before = await pool.client('p');
    if (!before.ok) throw new Error('no client');
    if (withPause) before.value.hold.holdFor(30_000);
    before.value.hold.refuse(tooLong);
    expect(before.value.hold.refused()).toBeDefined();
    profile = { ...base, username: 'other' };
    const after = await pool.client('p');
    if (!after.ok) throw new Error('no client');
    return after.value.hold;
  }

  it('ends with a save of the profile (the administrator’s way out)', async () => {
    const hold = await saved(false);
    expect([hold.refused(), hold.held]).toEqual([undefined, false]);
  });

  it('ends with a save even when a pause is carried', async () => {
    const hold = await saved(true);
    expect(hold.refused()).toBeUndefined();
    expect(hold.pausedUntil).toBeGreaterThan(0);
  });
});
