import { describe, expect, it } from 'vitest';
import type { ProfileEntry } from '../../../../renderer/src/lib/contract-types';
import type { ProfileDraft } from '../../../../renderer/src/lib/profile-draft';
import {
  draftChanged,
  draftFromProfile,
  storedPasswordChanges,
  toProfileInput,
  validateDraft,
} from '../../../../renderer/src/lib/profile-draft';
import { SERVER_COLORS } from '../../../../electron/shared/server-colors';
import { testProfile } from '../../../fixtures/profile';
import { profile } from './fake-api';

const entry: ProfileEntry = profile('p1', {
  name: 'Prod',
  serverUrl: 'https://gis.example.com/arcgis',
  color: '#007ac2',
  production: true,
});
describe('profile draft', () => {
  it('starts a new server with defaults and an unused colour', () => {
    const d = draftFromProfile(null, [SERVER_COLORS[0]]);
    expect(d).toMatchObject({
      authMode: 'server',
      concurrency: 8,
      production: false,
      color: SERVER_COLORS[1],
    });
  });

  it('asks for name, URL and username with field-level messages', () => {
    const errors = validateDraft(draftFromProfile(null));
    expect(Object.keys(errors).sort()).toEqual(['name', 'serverUrl', 'username']);
  });

  it('requires a portal URL for federated sign-in', () => {
    const d = { ...draftFromProfile(entry), authMode: 'portal' as const };
    expect(validateDraft(d).portalUrl).toMatch(/portal URL/);
  });

  it('bounds concurrency to 1..64', () => {
    expect(validateDraft({ ...draftFromProfile(entry), concurrency: 0 }).concurrency).toBeDefined();
    expect(validateDraft({ ...draftFromProfile(entry), concurrency: 2.5 }).concurrency).toBeDefined();
    expect(validateDraft({ ...draftFromProfile(entry), concurrency: 64 })).toEqual({});
  });

  it('saves trimmed values, nulls for empty optional URLs, and drops the portal URL in server mode', () => {
    const d = {
      ...draftFromProfile(entry),
      name: ' Prod ',
      adminUrl: '  ',
      portalUrl: 'https://p',
      color: '#007AC2',
    };
    expect(toProfileInput(d, 'p1')).toEqual(
      testProfile({
        name: 'Prod',
        adminUrl: null,
        portalUrl: null,
        concurrency: 8,
        color: '#007ac2',
        production: true,
      }),
    );
  });

  it('leaves the id out for a new server', () => {
    expect(toProfileInput(draftFromProfile(entry))).not.toHaveProperty('id');
  });

  it('notices a changed field', () => {
    const a = draftFromProfile(entry);
    expect(draftChanged(a, { ...a })).toBe(false);
    expect(draftChanged(a, { ...a, production: false })).toBe(true);
  });
});

describe('scanned service types', () => {
  it('scans every type by default and saves no serviceTypes then; a narrowed draft saves its types', () => {
    const d = draftFromProfile(entry);
    expect([d.scanGp, d.scanMap, d.scanImage]).toEqual([true, true, true]);
    expect(toProfileInput(d)).not.toHaveProperty('serviceTypes');
    expect(toProfileInput({ ...d, scanGp: false })).toMatchObject({
      serviceTypes: ['MapServer', 'ImageServer'],
    });
    const narrowed = draftFromProfile({ ...entry, serviceTypes: ['ImageServer'] });
    expect([narrowed.scanGp, narrowed.scanMap, narrowed.scanImage]).toEqual([false, false, true]);
    expect(validateDraft({ ...narrowed, scanImage: false }).scanGp).toMatch(/at least one/);
    expect(draftChanged(d, { ...d, scanMap: false })).toBe(true);
  });
});

describe('tags', () => {
  it("shows a profile's tags, saves what is typed as a list, and flags a tag that is not one word", () => {
    const d = draftFromProfile({ ...entry, tags: ['staging', 'emea'] });
    expect(d.tags).toBe('staging, emea');
    expect(toProfileInput({ ...d, tags: 'Staging,  emea prod, staging' }).tags).toEqual([
      'staging',
      'emea',
      'prod',
    ]);
    expect(toProfileInput({ ...d, tags: ' ' })).not.toHaveProperty('tags');
    expect(validateDraft({ ...d, tags: 'ok, bad!tag' }).tags).toMatch(/one word/);
    expect(validateDraft(d).tags).toBeUndefined();
    expect(draftChanged(d, { ...d, tags: 'staging' })).toBe(true);
  });
});

describe('what an edit changes of what the stored password was entered for', () => {
  const saved = draftFromProfile(entry);
  const changes = (edit: Partial<ProfileDraft>) => storedPasswordChanges(saved, { ...saved, ...edit });
  it('names a changed server, admin or portal URL, even only its port or scheme', () => {
    expect(changes({})).toEqual([]);
    expect(changes({ serverUrl: 'https://OTHER.example.com/arcgis/rest' })).toEqual(['the server URL']);
    const port = new URL(saved.serverUrl);
    port.port = '8443';
    expect(changes({ serverUrl: port.href })).toEqual(['the server URL']);
    expect(changes({ serverUrl: saved.serverUrl.replace('https:', 'http:') })).toEqual(['the server URL']);
    expect(changes({ adminUrl: 'machine.example.com:6443/arcgis' })).toEqual(['the admin URL']);
  });
  it('names the sign-in, the user name and the CA certificate; the portal only with portal sign-in', () => {
    expect(changes({ portalUrl: 'https://portal.example.com/portal' })).toEqual([]);
    expect(changes({ authMode: 'portal', portalUrl: 'https://portal.example.com/portal' })).toEqual([
      'the sign-in',
      'the portal URL',
    ]);
    expect(changes({ username: 'other', caCertPem: 'PEM' })).toEqual(['the user name', 'the CA certificate']);
    expect(changes({ name: 'Renamed', color: '#00838f', concurrency: 2, tags: 'x' })).toEqual([]);
  });
});
