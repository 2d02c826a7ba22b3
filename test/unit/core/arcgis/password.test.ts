import { describe, expect, it } from 'vitest';
import { passwordFrom } from '../../../../electron/core/arcgis/password';
import type { Result } from '../../../../electron/core/types';
import { err, ok } from '../../../../electron/core/types';

function store(answer: Result<string | null>) {
  const asked: string[] = [];
  return {
    asked,
    get: async (id: string) => {
      asked.push(id);
      return answer;
    },
  };
}

describe('passwordFrom', () => {
  it('reads the profile password from the store each time', async () => {
    const s = store(ok('pw'));
    const get = passwordFrom(s, 'p1');
    expect(await get()).toEqual(ok('pw'));
    expect(await get()).toEqual(ok('pw'));
    expect(s.asked).toEqual(['p1', 'p1']);
  });

  it('turns a missing password into an auth error saying what to do', async () => {
    const r = await passwordFrom(store(ok(null)), 'p1')();
    expect(r.ok ? null : r.error).toMatchObject({
      kind: 'auth',
      noPassword: true,
      message: expect.stringMatching(/No password is saved/),
    });
  });

  it('passes a keychain error through', async () => {
    const e = err({ kind: 'keychain' as const, message: 'no Secret Service' });
    expect(await passwordFrom(store(e), 'p1')()).toEqual(e);
  });
});
