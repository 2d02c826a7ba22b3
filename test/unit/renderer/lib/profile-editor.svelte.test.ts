import { describe, expect, it } from 'vitest';
import { ProfileEditor } from '../../../../renderer/src/lib/profile-editor.svelte';
import { Workspace } from '../../../../renderer/src/lib/workspace.svelte';
import type { ProfileView } from '../../../../renderer/src/lib/contract-types';
import { fail, fakeApi, listing, ok, profile } from './fake-api';

/** A workspace whose backend stores saved profiles, and an editor on `editing` (null: a new server). */
async function setup(editing: ProfileView | null = null) {
  const fake = fakeApi();
  const profiles: ProfileView[] = editing ? [editing] : [];
  fake.answer('profiles.list', () => ok({ profiles, problems: [] }));
  fake.answer('jobs.list', ({ profileId }) => ok(listing(profileId, [])));
  fake.answer('profiles.save', (input) => {
    const saved = profile(input.id ?? 'new', { ...input, serverUrl: 'https://gis.example.com/arcgis' });
    profiles.splice(0, profiles.length, saved);
    return ok(saved);
  });
  fake.answer('credentials.set', ({ sessionOnly }) => ok({ stored: sessionOnly ? 'session' : 'keychain' }));
  const workspace = new Workspace(fake.api);
  await workspace.loadProfiles();
  return { fake, workspace, editor: new ProfileEditor(workspace, editing) };
}

function fill(editor: ProfileEditor): void {
  editor.draft.name = 'Production';
  editor.draft.serverUrl = 'gis.example.com/arcgis/rest/services';
  editor.draft.username = 'admin';
}

/** An editor on a new server, filled with a password, whose backend answers both kinds of test with success. */
async function filledAndTestable() {
  const ready = await setup();
  const info = { version: '11.3', federated: false, portalUrl: null, isAdmin: true, user: 'admin' };
  ready.fake.answer('profiles.testDraft', () => ok(info));
  ready.fake.answer('profiles.test', () => ok(info));
  fill(ready.editor);
  ready.editor.password = 'pw';
  return ready;
}

describe('ProfileEditor', () => {
  it('refuses to save an incomplete form, saying which fields are missing, without calling the backend', async () => {
    const { fake, editor } = await setup();
    expect(await editor.save()).toBe(false);
    expect(Object.keys(editor.errors).sort()).toEqual(['name', 'serverUrl', 'username']);
    expect(fake.payloads('profiles.save')).toHaveLength(0);
  });

  it('saves a new server, shows the site root the backend normalised, then stores the password', async () => {
    const { fake, editor, workspace } = await setup();
    fill(editor);
    editor.password = 'pw';
    expect(editor.dirty).toBe(true);
    expect(await editor.save()).toBe(true);
    expect(editor.id).toBe('new');
    expect(editor.savedRoot).toBe('https://gis.example.com/arcgis');
    expect(editor.draft.serverUrl).toBe('https://gis.example.com/arcgis');
    expect(editor.dirty).toBe(false);
    expect(editor.password).toBe('');
    expect(editor.notice).toBe('Saved.');
    expect(fake.payloads('credentials.set')).toEqual([
      { profileId: 'new', password: 'pw', sessionOnly: false },
    ]);
    expect(workspace.profiles.map((p) => p.id)).toEqual(['new']);
    expect(editor.credential).toBe('keychain');
  });

  it('keeps a refused save as the error, with the form as typed', async () => {
    const { fake, editor } = await setup();
    fake.answer('profiles.save', () => fail('bad-url', 'This is not an ArcGIS Server URL'));
    fill(editor);
    expect(await editor.save()).toBe(false);
    expect(editor.error?.message).toBe('This is not an ArcGIS Server URL');
    expect(editor.draft.serverUrl).toBe('gis.example.com/arcgis/rest/services');
    expect(editor.id).toBeNull();
  });

  it('offers the session when the keychain refuses the password, and keeps it there on request', async () => {
    const { fake, editor } = await setup(profile('a'));
    fake.answer('credentials.set', ({ sessionOnly }) =>
      sessionOnly ? ok({ stored: 'session' }) : fail('keychain', 'The keychain is locked'),
    );
    editor.password = 'pw';
    expect(await editor.save()).toBe(false);
    expect(editor.keychainError?.message).toBe('The keychain is locked');
    expect(editor.error).toBeNull();
    expect(editor.password).toBe('pw');
    await editor.keepForSession();
    expect(editor.keychainError).toBeNull();
    expect(editor.notice).toBe('Password kept for this session only.');
    expect(editor.credential).toBe('session');
    expect(fake.payloads('profiles.save')).toHaveLength(0); // nothing else changed
  });

  it('tests an edited server as the form stands, saving nothing, and a saved one as saved', async () => {
    const { fake, editor } = await setup(profile('a'));
    fake.answer('profiles.test', ({ profileId }) => fail('auth', `Bad password for ${profileId}`));
    fake.answer('profiles.testDraft', () => fail('auth', 'Bad password for the draft'));
    editor.draft.name = 'Renamed';
    editor.password = 'typed';
    await editor.testConnection();
    expect(fake.payloads('profiles.testDraft')).toEqual([
      { profile: expect.objectContaining({ id: 'a', name: 'Renamed' }), password: 'typed' },
    ]);
    expect(fake.payloads('profiles.save')).toHaveLength(0);
    expect(fake.payloads('credentials.set')).toHaveLength(0);
    expect(editor.test?.ok).toBe(false);
    expect(editor.testedDraft).toBe(true);
    expect(editor.busy).toBeNull();
    expect(editor.dirty).toBe(true); // still unsaved: Save is the only write
    expect(editor.password).toBe('typed');
    // Without a typed password the draft is tested with the stored one (the backend reads it).
    editor.password = '';
    await editor.testConnection();
    expect(fake.payloads('profiles.testDraft')[1]).toEqual({
      profile: expect.objectContaining({ id: 'a', name: 'Renamed' }),
    });
    // Back to the saved settings: the saved profile is tested (its sidebar state follows).
    editor.draft.name = editor.baseline.name;
    await editor.testConnection();
    expect(fake.payloads('profiles.test')).toEqual([{ profileId: 'a' }]);
    expect(editor.testedDraft).toBe(false);
    expect(fake.payloads('profiles.save')).toHaveLength(0);
  });

  it('tests a new server before it is saved, and checks the form first', async () => {
    const { fake, editor, workspace } = await setup();
    fake.answer('profiles.testDraft', () =>
      ok({ version: '11.3', federated: false, portalUrl: null, user: 'admin', isAdmin: true }),
    );
    await editor.testConnection();
    expect(Object.keys(editor.errors).sort()).toEqual(['name', 'serverUrl', 'username']);
    expect(fake.payloads('profiles.testDraft')).toHaveLength(0);
    fill(editor);
    editor.password = 'pw';
    await editor.testConnection();
    expect(editor.test?.ok).toBe(true);
    expect(fake.payloads('profiles.testDraft')).toEqual([
      { profile: expect.objectContaining({ name: 'Production', username: 'admin' }), password: 'pw' },
    ]);
    expect(fake.payloads('profiles.testDraft')[0]?.profile).not.toHaveProperty('id');
    expect(editor.id).toBeNull();
    expect(workspace.profiles).toEqual([]);
    expect(fake.payloads('profiles.save')).toHaveLength(0);
    expect(fake.payloads('credentials.set')).toHaveLength(0);
  });

  it('forgets the password and removes the server, but never a managed one', async () => {
    const { fake, editor, workspace } = await setup(profile('a'));
    fake.answer('credentials.clear', () => ok(null));
    fake.answer('profiles.remove', () => ok({ credentialWarning: null }));
    await editor.forgetPassword();
    expect(editor.notice).toBe('Password forgotten.');
    expect(workspace.profiles[0]?.credential).toBe('none');
    expect(await editor.remove()).toBe(true);
    expect(fake.payloads('profiles.remove')).toEqual([{ profileId: 'a' }]);
    const managed = new ProfileEditor(workspace, profile('m', { managed: true }));
    expect(await managed.remove()).toBe(false);
    expect(fake.payloads('profiles.remove')).toHaveLength(1);
  });

  it('asks before closing after a draft test of something unsaved, not once it is saved', async () => {
    const { editor } = await filledAndTestable();
    expect(editor.discardAsks).toBe(false); // nothing tested: nothing looks done
    await editor.testConnection();
    expect(editor.test?.ok).toBe(true);
    expect(editor.discardAsks).toBe(true);
    expect(await editor.save()).toBe(true);
    expect(editor.discardAsks).toBe(false);
    // A saved server tested as saved (no edits, no password) has nothing to lose.
    await editor.testConnection();
    expect(editor.discardAsks).toBe(false);
  });

  it("hides a test's result once the form changes, and does not pass it off as a test of what is saved", async () => {
    const { editor } = await filledAndTestable();
    await editor.testConnection();
    expect(editor.test?.ok).toBe(true);
    // Saved as tested: the result stays (the URL normalised and the password stored do not change that).
    expect(await editor.save()).toBe(true);
    expect(editor.test?.ok).toBe(true);
    expect(editor.testedDraft).toBe(false);
    // Tested, then edited, then saved: the result is of something else, so it is not shown.
    await editor.testConnection();
    expect(editor.test?.ok).toBe(true);
    editor.draft.serverUrl = 'https://other.example.com/arcgis';
    expect(editor.test).toBeNull();
    editor.draft.serverUrl = 'https://gis.example.com/arcgis';
    expect(editor.test?.ok).toBe(true); // back as tested
    editor.password = 'typed-after';
    expect(editor.test).toBeNull();
    expect(await editor.save()).toBe(true);
    expect(editor.test).toBeNull();
  });

  it('names what an edit changes of what the stored password was entered for', async () => {
    const { editor } = await setup(profile('a'));
    expect(editor.passwordChanges).toEqual([]);
    editor.draft.adminUrl = 'https://machine.internal:6443/arcgis';
    editor.draft.caCertPem = 'PEM';
    expect(editor.passwordChanges).toEqual(['the admin URL', 'the CA certificate']);
  });
});
