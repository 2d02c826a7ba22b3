/**
 * "Test connection" on the server form's draft (`profiles.testDraft`, through `dispatch` as over IPC): it
 * signs in to a real simulator with the settings as typed and writes nothing, no profile and no keychain
 * entry; an existing profile's stored password is used only with the URLs, sign-in mode, user name and CA
 * certificate it was entered for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import keytar from '@github/keytar';
import { dispatch } from '../../../electron/main/dispatch';
import { startSimulator, type Simulator } from '../../arcgis-sim/index';
import { TEST_CA_PEM } from '../../fixtures/test-ca';
import { useAppCore } from './app-core-setup';

const app = useAppCore({ jobs: 10, seed: 11 }, 'gpja-draft-');

/** A second simulator some tests start (same host name, its own port and CA). */
let other: Simulator | null = null;
afterEach(async () => {
  await other?.close();
  other = null;
});

/** The form's draft of a server for the simulator (`over` changes fields). */
function draft(over: Record<string, unknown> = {}) {
  return {
    name: 'Staging',
    serverUrl: `${app.sim.url}/rest/services`,
    authMode: 'server',
    username: app.sim.username,
    caCertPem: app.sim.caPem,
    ...over,
  };
}

/** Saves a profile as the form's Save does; its id. */
async function save(profile: Record<string, unknown>): Promise<string> {
  const saved = await dispatch('profiles.save', profile, app.core.handlers);
  if (!saved.ok) throw new Error(saved.error.message);
  return (saved.value as { id: string }).id;
}

/** The files under the config directory, with their text. */
function configFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(app.configDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(app.configDir, full)] = fs.readFileSync(full, 'utf8');
  }
  return files;
}

describe('testing the server form as typed', () => {
  it("signs in with a new server's draft and typed password, saving nothing", async () => {
    const before = configFiles();
    const tested = await dispatch(
      'profiles.testDraft',
      { profile: draft(), password: app.sim.password },
      app.core.handlers,
    );
    expect(tested).toMatchObject({ ok: true, value: { isAdmin: true, user: app.sim.username } });
    expect(configFiles()).toEqual(before);
    expect(await keytar.findCredentials(app.keychainService)).toEqual([]);
    const listed = await dispatch('profiles.list', undefined, app.core.handlers);
    expect(listed).toMatchObject({ ok: true, value: { profiles: [] } });
  });

  it('reports a wrong password as a sign-in failure, and a draft Save would refuse as Save does', async () => {
    const wrong = await dispatch(
      'profiles.testDraft',
      { profile: draft(), password: 'nope' },
      app.core.handlers,
    );
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'auth' } });
    const noPassword = await dispatch('profiles.testDraft', { profile: draft() }, app.core.handlers);
    expect(noPassword).toMatchObject({ ok: false, error: { kind: 'auth', message: /Enter the password/ } });
    const bad = await dispatch(
      'profiles.testDraft',
      { profile: draft({ serverUrl: 'http://plain.example.com/arcgis' }), password: 'pw' },
      app.core.handlers,
    );
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const nul = await dispatch(
      'profiles.testDraft',
      { profile: draft(), password: 'a\u0000b' },
      app.core.handlers,
    );
    expect(nul).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: /NUL/ } });
  });

  it('tests an edit of a saved server with its stored password, leaving the saved profile as it was', async () => {
    const id = await save(draft({ concurrency: 4 }));
    await dispatch('credentials.set', { profileId: id, password: app.sim.password }, app.core.handlers);
    const before = configFiles();
    const edited = draft({ id, name: 'Renamed', concurrency: 2, caCertPem: app.sim.caPem });
    const tested = await dispatch('profiles.testDraft', { profile: edited }, app.core.handlers);
    expect(tested).toMatchObject({ ok: true, value: { isAdmin: true } });
    // A typed password is tried instead of the stored one, and does not replace it.
    const typed = await dispatch(
      'profiles.testDraft',
      { profile: edited, password: 'nope' },
      app.core.handlers,
    );
    expect(typed).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(configFiles()).toEqual(before);
    expect(await keytar.getPassword(app.keychainService, id)).toBe(app.sim.password);
    // The edit's CA is what the draft test trusts: without it the certificate is not trusted.
    const noCa = await dispatch(
      'profiles.testDraft',
      { profile: { ...edited, caCertPem: null }, password: app.sim.password },
      app.core.handlers,
    );
    expect(noCa).toMatchObject({ ok: false, error: { kind: 'tls' } });
  });

  it('does not send the stored password to a host the saved server did not use', async () => {
    const id = await save(draft());
    await dispatch('credentials.set', { profileId: id, password: app.sim.password }, app.core.handlers);
    const requests = app.sim.requests.length;
    const moved = draft({ id, adminUrl: 'https://other-host.example.com:6443/arcgis' });
    const tested = await dispatch('profiles.testDraft', { profile: moved }, app.core.handlers);
    expect(tested).toMatchObject({
      ok: false,
      error: { kind: 'auth', message: /Enter the password .* changes the admin URL\.$/ },
    });
    expect(app.sim.requests.length).toBe(requests);
  });

  it('does not send the stored password to another port (and CA) on the same host name', async () => {
    const id = await save(draft());
    await dispatch('credentials.set', { profileId: id, password: app.sim.password }, app.core.handlers);
    other = await startSimulator({ jobs: 1, seed: 99 });
    expect(new URL(other.url).hostname).toBe(new URL(app.sim.url).hostname);
    expect(new URL(other.url).port).not.toBe(new URL(app.sim.url).port);
    const moved = draft({ id, serverUrl: `${other.url}/rest/services`, caCertPem: other.caPem });
    const tested = await dispatch('profiles.testDraft', { profile: moved }, app.core.handlers);
    expect(tested).toMatchObject({
      ok: false,
      error: { kind: 'auth', message: /Enter the password .* changes the server URL\.$/ },
    });
    expect(other.requests.map((r) => r.url)).toEqual([]);
  });

  it('asks for the password when the draft trusts another CA or names another user', async () => {
    const id = await save(draft());
    await dispatch('credentials.set', { profileId: id, password: app.sim.password }, app.core.handlers);
    const requests = app.sim.requests.length;
    // The simulator's CA is still in the bundle, so the sign-in would succeed with the stored password.
    const addedCa = draft({ id, caCertPem: `${app.sim.caPem}\n${TEST_CA_PEM}` });
    const ca = await dispatch('profiles.testDraft', { profile: addedCa }, app.core.handlers);
    expect(ca).toMatchObject({
      ok: false,
      error: { kind: 'auth', message: /Enter the password .* changes the CA certificate\.$/ },
    });
    const user = await dispatch(
      'profiles.testDraft',
      { profile: draft({ id, username: 'someone-else' }) },
      app.core.handlers,
    );
    expect(user).toMatchObject({
      ok: false,
      error: { kind: 'auth', message: /changes the user name\.$/ },
    });
    expect(app.sim.requests.length).toBe(requests);
    // Typed again, the password is used with the changed CA.
    const typed = await dispatch(
      'profiles.testDraft',
      { profile: addedCa, password: app.sim.password },
      app.core.handlers,
    );
    expect(typed).toMatchObject({ ok: true, value: { isAdmin: true } });
  });
});
