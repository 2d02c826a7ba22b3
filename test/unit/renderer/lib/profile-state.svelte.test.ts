import { describe, expect, it } from 'vitest';
import { ProfileState } from '../../../../renderer/src/lib/profile-state.svelte';
import { fail, fakeApi, memoryStorage, ok, profile } from './fake-api';

const HIDDEN_KEY = 'gpja.hiddenServers';

function loaded(problems = [] as { kind: 'config'; message: string }[]) {
  const fake = fakeApi();
  fake.answer('profiles.list', () => ok({ profiles: [profile('a'), profile('b')], problems }));
  return fake;
}

describe('ProfileState', () => {
  it('loads the profiles, replacing colours that read as a status colour', async () => {
    const fake = fakeApi();
    fake.answer('profiles.list', () =>
      ok({
        profiles: [profile('a', { color: '#007ac2' }), profile('b', { color: '#4e342e' })],
        problems: [],
      }),
    );
    const state = new ProfileState(fake.api);
    expect(state.profilesReady).toBe(false);
    await state.loadProfiles();
    expect(state.profilesReady).toBe(true);
    expect(state.profiles.map((p) => p.color)).toEqual(['#00838f', '#4e342e']);
    expect(state.profileNames.get('b')).toBe('B');
    expect(state.profileColors.get('a')).toBe('#00838f');
  });

  it('keeps a load failure as a value and clears it on the next good load', async () => {
    const fake = fakeApi();
    fake.answer('profiles.list', () => fail('config', 'profiles.json is unreadable'));
    const state = new ProfileState(fake.api);
    await state.loadProfiles();
    expect(state.profilesError?.message).toBe('profiles.json is unreadable');
    expect(state.profilesReady).toBe(true);
    fake.answer('profiles.list', () => ok({ profiles: [profile('a')], problems: [] }));
    await state.loadProfiles();
    expect(state.profilesError).toBeNull();
    expect(state.profiles).toHaveLength(1);
  });

  it('turns a thrown bridge error into an error value', async () => {
    const fake = fakeApi(); // no answer: the call throws
    const state = new ProfileState(fake.api);
    await state.loadProfiles();
    expect(state.profilesError?.message).toContain('Something went wrong inside the app');
  });

  it('shows each profile-file problem once until dismissed', async () => {
    const fake = loaded([{ kind: 'config', message: 'profiles.json was damaged and moved aside' }]);
    const state = new ProfileState(fake.api);
    await state.loadProfiles();
    await state.loadProfiles();
    expect(state.profileProblems.map((p) => p.message)).toEqual([
      'profiles.json was damaged and moved aside',
    ]);
    state.dismissProfileProblems();
    expect(state.profileProblems).toEqual([]);
  });

  it('hides and shows servers, remembering the choice in storage', async () => {
    const storage = memoryStorage();
    const state = new ProfileState(loaded().api, storage);
    await state.loadProfiles();
    expect(state.toggleShown('a')).toBe(false);
    expect(state.shownProfiles.map((p) => p.id)).toEqual(['b']);
    expect(JSON.parse(storage.getItem(HIDDEN_KEY) ?? '')).toEqual(['a']);
    const again = new ProfileState(loaded().api, storage);
    expect(again.hidden).toEqual(['a']);
    expect(state.toggleShown('a')).toBe(true);
    expect(state.shownProfiles.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('reads damaged stored choices as none, and keeps a choice storage refuses for the session', async () => {
    expect(new ProfileState(loaded().api, memoryStorage({ [HIDDEN_KEY]: '{oops' })).hidden).toEqual([]);
    expect(new ProfileState(loaded().api, memoryStorage({ [HIDDEN_KEY]: '["a",3]' })).hidden).toEqual(['a']);
    const state = new ProfileState(loaded().api, memoryStorage({}, true));
    expect(state.toggleShown('b')).toBe(false);
    expect(state.hidden).toEqual(['b']);
  });

  it('follows connection events until unsubscribed', () => {
    const fake = fakeApi();
    const state = new ProfileState(fake.api);
    const stop = state.listen();
    fake.emit('connection.state', { profileId: 'a', state: 'connected', error: null, lastRefresh: 5 });
    expect(state.connections.a?.state).toBe('connected');
    stop();
    expect(fake.listeners('connection.state')).toBe(0);
  });

  it('updates the credential state after a password is stored or forgotten, never keeping the password', async () => {
    const fake = loaded();
    fake.answer('credentials.set', () => ok({ stored: 'session' }));
    fake.answer('credentials.clear', () => ok(null));
    const state = new ProfileState(fake.api);
    await state.loadProfiles();
    expect((await state.setPassword('a', 's3cret', true)).ok).toBe(true);
    expect(fake.payloads('credentials.set')).toEqual([
      { profileId: 'a', password: 's3cret', sessionOnly: true },
    ]);
    expect(state.profiles.find((p) => p.id === 'a')?.credential).toBe('session');
    expect(JSON.stringify(state.profiles)).not.toContain('s3cret');
    await state.clearPassword('a');
    expect(state.profiles.find((p) => p.id === 'a')?.credential).toBe('none');
    expect(state.profiles.find((p) => p.id === 'b')?.credential).toBe('keychain');
  });

  it('keeps the credential state when the keychain refuses', async () => {
    const fake = loaded();
    fake.answer('credentials.set', () => fail('keychain', 'The keychain is locked'));
    const state = new ProfileState(fake.api);
    await state.loadProfiles();
    const r = await state.setPassword('a', 'pw');
    expect(r.ok).toBe(false);
    expect(state.profiles.find((p) => p.id === 'a')?.credential).toBe('keychain');
  });

  it('reloads the list after a save, and not after a refused one', async () => {
    const fake = loaded();
    fake.answer('profiles.save', () => ok(profile('c')));
    const state = new ProfileState(fake.api);
    await state.saveProfile({
      name: 'C',
      serverUrl: 'https://c.example.com/arcgis',
      username: 'admin',
    } as never);
    expect(fake.payloads('profiles.list')).toHaveLength(1);
    fake.answer('profiles.save', () => fail('bad-url', 'Not a URL'));
    expect((await state.saveProfile({} as never)).ok).toBe(false);
    expect(fake.payloads('profiles.list')).toHaveLength(1);
  });

  it('shows a password left in the keychain after a removal as a problem', async () => {
    const fake = loaded();
    fake.answer('profiles.remove', () =>
      ok({ credentialWarning: { kind: 'keychain', message: 'Password left' } }),
    );
    const state = new ProfileState(fake.api);
    expect((await state.removeProfile('a')).ok).toBe(true);
    expect(state.profileProblems.map((p) => p.message)).toEqual(['Password left']);
    fake.answer('profiles.remove', () => fail('not-found', 'No such profile'));
    const r = await state.removeProfile('zz');
    expect(r.ok ? null : r.error.kind).toBe('not-found');
  });

  it('reloads after an import only when it added profiles', async () => {
    const fake = loaded();
    fake.answer('profiles.import', () => ok({ added: 0, duplicates: 1, invalid: 0, entries: [] }));
    const state = new ProfileState(fake.api);
    await state.importProfiles('{}');
    expect(fake.payloads('profiles.list')).toHaveLength(0);
    fake.answer('profiles.import', () => ok({ added: 2, duplicates: 0, invalid: 0, entries: [] }));
    await state.importProfiles('{}');
    expect(fake.payloads('profiles.list')).toHaveLength(1);
    expect(fake.payloads('profiles.import')).toEqual([{ text: '{}' }, { text: '{}' }]);
  });

  it('passes tests, diagnostics and exports through as values', async () => {
    const fake = fakeApi();
    fake.answer('profiles.test', () => fail('auth', 'Bad password'));
    fake.answer('profiles.diagnose', ({ profileId }) => ok({ text: `{"for":"${profileId}"}` }));
    fake.answer('profiles.export', () => ok({ json: '[]' }));
    const state = new ProfileState(fake.api);
    const test = await state.testConnection('a');
    expect(test.ok ? null : test.error.kind).toBe('auth');
    expect(await state.diagnose('a')).toEqual(ok({ text: '{"for":"a"}' }));
    expect(await state.exportProfiles()).toEqual(ok({ json: '[]' }));
  });
});
