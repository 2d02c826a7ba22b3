import { describe, expect, it } from 'vitest';
import type { Migration } from '../../../../electron/core/profiles/schema';
import {
  DEFAULT_COLOR,
  DEFAULT_CONCURRENCY,
  migrateProfilesData,
  parseProfile,
  parseProfileInput,
  secretKeys,
  serializeProfilesFile,
} from '../../../../electron/core/profiles/schema';
import { MAX_PEM_CHARS } from '../../../../electron/core/profiles/profile-fields';
import { TEST_CA_PEM } from '../../../fixtures/test-ca';

const CERT = TEST_CA_PEM;
const minimal = { name: 'Production', serverUrl: 'https://gis.example.com/arcgis', username: 'siteadmin' };

function reason(entry: unknown, names: 'keys' | 'labels' = 'labels'): string {
  const r = parseProfileInput(entry, names);
  if (r.ok) throw new Error(`expected ${JSON.stringify(entry)} to be invalid`);
  return r.error.message;
}

describe('profile input defaults', () => {
  it('fills auth mode, concurrency, colour, production and nulls', () => {
    expect(parseProfileInput(minimal)).toEqual({
      ok: true,
      value: {
        ...minimal,
        adminUrl: null,
        authMode: 'server',
        portalUrl: null,
        caCertPem: null,
        concurrency: DEFAULT_CONCURRENCY,
        color: DEFAULT_COLOR,
        production: false,
      },
    });
  });

  it('normalises the server, admin and portal URLs it is given', () => {
    const r = parseProfileInput({
      ...minimal,
      serverUrl: 'https://gis.example.com/arcgis/rest/services/',
      adminUrl: 'https://m1:6443/arcgis/admin',
      portalUrl: 'https://gis.example.com/portal/home',
      authMode: 'portal',
    });
    expect(r).toMatchObject({
      ok: true,
      value: {
        serverUrl: 'https://gis.example.com/arcgis',
        adminUrl: 'https://m1:6443/arcgis',
        portalUrl: 'https://gis.example.com/portal',
      },
    });
  });

  it('treats empty optional URLs and PEM as none', () => {
    expect(parseProfileInput({ ...minimal, adminUrl: ' ', portalUrl: '', caCertPem: '' })).toMatchObject({
      ok: true,
      value: { adminUrl: null, portalUrl: null, caCertPem: null },
    });
  });

  it('trims the name and lower-cases the colour', () => {
    expect(parseProfileInput({ ...minimal, name: '  Prod  ', color: '#AB12EF' })).toMatchObject({
      ok: true,
      value: { name: 'Prod', color: '#ab12ef' },
    });
  });
});

describe('profile bounds', () => {
  it('needs a name of 1 to 100 characters', () => {
    expect(reason({ ...minimal, name: '   ' })).toMatch(/^Name: Enter a name/);
    expect(reason({ ...minimal, name: 'x'.repeat(101) })).toMatch(/at most 100 characters/);
    expect(parseProfileInput({ ...minimal, name: 'x'.repeat(100) }).ok).toBe(true);
  });

  it('keeps concurrency within 1..64, whole numbers only', () => {
    expect(reason({ ...minimal, concurrency: 0 })).toMatch(/Concurrency is 1 to 64/);
    expect(reason({ ...minimal, concurrency: 65 })).toMatch(/Concurrency is 1 to 64/);
    expect(reason({ ...minimal, concurrency: 2.5 })).toBe(
      'Concurrent requests: Concurrency is a whole number from 1 to 64.',
    );
    expect(reason({ ...minimal, concurrency: '8' }, 'keys')).toBe(
      'concurrency: Concurrency is a whole number from 1 to 64.',
    );
    expect(parseProfileInput({ ...minimal, concurrency: 64 }).ok).toBe(true);
    expect(parseProfileInput({ ...minimal, concurrency: 1 }).ok).toBe(true);
  });

  it('accepts only #rrggbb colours', () => {
    for (const color of ['red', '#fff', '#12345g', 'rgb(0,0,0)']) {
      expect(reason({ ...minimal, color })).toMatch(/Use a colour like #2f7dd1/);
    }
  });

  it('needs a user name and a valid server URL', () => {
    expect(reason({ ...minimal, username: '' })).toMatch(/Username: Enter the administrator user name/);
    expect(reason({ ...minimal, serverUrl: 'ftp://x/arcgis' })).toMatch(/^Server URL: Use an https/);
  });

  it('names a field by its form label for what was typed, by its key for an entry of a file', () => {
    const bare = { ...minimal, serverUrl: 'https://gis.example.com:8443' };
    expect(reason(bare)).toMatch(/^Server URL: Add the site name to the address/);
    expect(reason(bare, 'keys')).toMatch(/^serverUrl: Add the site name to the address/);
    expect(reason({ ...minimal, concurrency: 0, color: 'red' })).toBe(
      'Concurrent requests: Concurrency is 1 to 64; Colour: Use a colour like #2f7dd1.',
    );
    expect(reason({ ...minimal, concurrency: 0, color: 'red' }, 'keys')).toBe(
      'concurrency: Concurrency is 1 to 64; color: Use a colour like #2f7dd1.',
    );
  });

  it('only knows the two auth modes', () => {
    expect(reason({ ...minimal, authMode: 'oauth' }, 'keys')).toBe(
      'authMode: Use "server" (ArcGIS Server) or "portal" (Portal for ArcGIS).',
    );
  });

  it('accepts a PEM certificate and normalises its line ends', () => {
    const r = parseProfileInput({ ...minimal, caCertPem: CERT.replace(/\n/g, '\r\n') });
    expect(r).toMatchObject({ ok: true, value: { caCertPem: `${CERT}\n` } });
  });

  it('refuses text that is not a PEM certificate', () => {
    expect(reason({ ...minimal, caCertPem: 'MIIBszCCAVmgAwIBAgIUQ' })).toMatch(/-----BEGIN CERTIFICATE-----/);
  });

  it('refuses a PEM whose body is not a certificate, naming the block', () => {
    const fake = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----';
    expect(reason({ ...minimal, caCertPem: fake })).toMatch(/is not a valid certificate/);
    expect(reason({ ...minimal, caCertPem: `${CERT}\n${fake}` })).toMatch(/Block 2 of the CA certificate/);
    expect(parseProfileInput({ ...minimal, caCertPem: `${CERT}\n${CERT}` }).ok).toBe(true);
  });

  it('refuses a private key pasted as the CA certificate', () => {
    const key = `${CERT}\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----`;
    expect(reason({ ...minimal, caCertPem: key })).toMatch(/private key/);
  });

  it(`refuses a PEM over ${MAX_PEM_CHARS / 1024} KiB`, () => {
    const big = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(MAX_PEM_CHARS)}\n-----END CERTIFICATE-----`;
    expect(reason({ ...minimal, caCertPem: big })).toMatch(/too long/);
  });

  it('refuses ids that could not be a keychain account or a path segment', () => {
    expect(reason({ ...minimal, id: '../x' })).toMatch(/profile id/);
    expect(parseProfileInput({ ...minimal, id: 'a1b2-c3_d4' }).ok).toBe(true);
  });

  it('requires an id for a stored profile', () => {
    expect(parseProfile(minimal)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^id:/) },
    });
  });

  it('drops unknown fields, so a stored profile never carries a password', () => {
    const r = parseProfile({ ...minimal, id: 'p1', password: 'hunter2', token: 'abc' });
    expect(r.ok && Object.keys(r.value)).not.toContain('password');
    expect(serializeProfilesFile(r.ok ? [r.value] : [])).not.toMatch(/hunter2|abc"/);
  });
});

describe('tags', () => {
  it('are trimmed, lower-cased and kept once, in the order given, and written back', () => {
    const r = parseProfile({
      ...minimal,
      id: 'p1',
      tags: [' Production', 'emea', 'PRODUCTION', 'eu_west-1'],
    });
    expect(r.ok && r.value.tags).toEqual(['production', 'emea', 'eu_west-1']);
    const file = JSON.parse(serializeProfilesFile(r.ok ? [r.value] : [])) as {
      version: number;
      profiles: Array<{ tags?: string[] }>;
    };
    expect(file.version).toBe(3);
    expect(file.profiles[0]?.tags).toEqual(['production', 'emea', 'eu_west-1']);
  });

  it('an empty list is no tags, left out of the file', () => {
    const r = parseProfile({ ...minimal, id: 'p1', tags: [] });
    expect(r.ok && 'tags' in r.value && r.value.tags !== undefined).toBe(false);
    expect(serializeProfilesFile(r.ok ? [r.value] : [])).not.toContain('tags');
  });

  it('refuses a tag that is not one word, naming it', () => {
    expect(reason({ ...minimal, tags: ['prod,emea'] })).toMatch(/Tags: "prod,emea" is not a tag/);
    expect(reason({ ...minimal, tags: ['two words'] })).toMatch(/"two words" is not a tag/);
    expect(reason({ ...minimal, tags: [''] })).toMatch(/is not a tag/);
  });
});

describe('secret-looking keys', () => {
  it('are found by name, and authMode or username are not mistaken for them', () => {
    const entry = {
      ...minimal,
      authMode: 'server',
      password: 'x',
      adminPassword: 'x',
      token: 'x',
      apiKey: 'x',
      secret: 'x',
    };
    expect(secretKeys(entry).sort()).toEqual(['adminPassword', 'apiKey', 'password', 'secret', 'token']);
  });
});

describe('file migrations', () => {
  it('accepts the current version as it is', () => {
    expect(migrateProfilesData({ version: 3, profiles: [] })).toEqual({
      ok: true,
      value: { version: 3, profiles: [] },
    });
  });

  it.each([1, 2])(
    'reads a version-%i file unchanged: its profiles scan every service type and have no tags',
    (version) => {
      const entry = { id: 'a', name: 'A', serverUrl: 'https://gis.example.com/arcgis', username: 'admin' };
      const r = migrateProfilesData({ version, profiles: [entry] });
      expect(r).toEqual({ ok: true, value: { version: 3, profiles: [entry] } });
      const parsed = parseProfile(entry);
      expect(parsed.ok && [parsed.value.serviceTypes, parsed.value.tags]).toEqual([undefined, undefined]);
    },
  );

  it('runs one function per version step up to the current version', () => {
    const v1ToV2: Migration = (d) => ({ ...d, profiles: (d.profiles as string[]).map((p) => `${p}!`) });
    const v2ToV3: Migration = (d) => ({ ...d, renamed: true });
    const r = migrateProfilesData({ version: 1, profiles: ['a'] }, { 1: v1ToV2, 2: v2ToV3 }, 3);
    expect(r).toEqual({ ok: true, value: { version: 3, profiles: ['a!'], renamed: true } });
  });

  it('refuses a file from a newer version instead of downgrading it', () => {
    expect(migrateProfilesData({ version: 4, profiles: [] })).toMatchObject({
      ok: false,
      error: { kind: 'config', message: expect.stringMatching(/newer GP Job Admin.*update the app/) },
    });
  });

  it('refuses a file without a version', () => {
    expect(migrateProfilesData({ profiles: [] })).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(migrateProfilesData([{ name: 'x' }])).toMatchObject({ ok: false, error: { kind: 'config' } });
  });

  it('reports a version no migration covers', () => {
    expect(migrateProfilesData({ version: 1 }, {}, 2)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/cannot upgrade/) },
    });
  });
});

describe('scanned service types', () => {
  const base = { id: 'a', name: 'A', serverUrl: 'https://gis.example.com/arcgis', username: 'admin' };

  it('reads gp, map and image in any case and order, once each, in one order', () => {
    const r = parseProfile({ ...base, serviceTypes: ['Image', 'gp', 'GP', 'MapServer'] });
    expect(r.ok && r.value.serviceTypes).toEqual(['GPServer', 'MapServer', 'ImageServer']);
  });

  it('refuses an unknown type or none at all, saying what to use', () => {
    expect(parseProfile({ ...base, serviceTypes: ['vector'] })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Unknown service type "vector": use gp, map or image') },
    });
    expect(parseProfile({ ...base, serviceTypes: [] })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Scan at least one service type') },
    });
  });
});
