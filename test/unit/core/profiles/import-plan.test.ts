import { describe, expect, it } from 'vitest';
import { planImport } from '../../../../electron/core/profiles/import-plan';
import { profileSchema, serializeProfilesFile } from '../../../../electron/core/profiles/schema';
import type { Profile } from '../../../../electron/core/types';
import { TEST_CA_PEM } from '../../../fixtures/test-ca';

function profile(id: string, name: string, serverUrl: string, username = 'siteadmin'): Profile {
  return profileSchema.parse({ id, name, serverUrl, username });
}

function idSource(): () => string {
  let n = 0;
  return () => `new-${++n}`;
}

const existing = [profile('p1', 'Production', 'https://gis.example.com/arcgis')];

describe('planImport with mixed entries', () => {
  const file = JSON.stringify({
    version: 1,
    profiles: [
      { name: 'Staging', serverUrl: 'https://staging.example.com/server/rest/services', username: 'admin' },
      { name: 'production', serverUrl: 'https://other.example.com/arcgis', username: 'admin' },
      { name: 'Prod again', serverUrl: 'https://GIS.example.com/arcgis/admin', username: 'siteadmin' },
      { name: 'Broken', serverUrl: 'ftp://x', username: 'admin' },
      { name: '', serverUrl: 'https://dev.example.com/arcgis', username: 'admin', concurrency: 500 },
      'not an object',
      {
        name: 'Dev',
        serverUrl: 'https://dev.example.com/arcgis',
        username: 'admin',
        password: 'hunter2',
        token: 't0k',
      },
      { name: 'STAGING', serverUrl: 'https://staging2.example.com/arcgis', username: 'admin' },
    ],
  });
  const plan = planImport(file, existing, idSource(), 1000);
  const report = plan.ok ? plan.value.report : null;

  it('reports each entry with its own outcome, in file order', () => {
    expect(report?.entries.map((e) => [e.index, e.outcome])).toEqual([
      [1, 'added'],
      [2, 'duplicate'],
      [3, 'duplicate'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'added'],
      [8, 'duplicate'],
    ]);
    expect(report).toMatchObject({ added: 2, duplicates: 3, invalid: 3 });
  });

  it('names the existing profile a duplicate clashes with, by name or by server and user', () => {
    expect(report?.entries[1]?.reason).toBe('A profile named "Production" already exists.');
    expect(report?.entries[2]?.reason).toBe(
      'Profile "Production" already uses https://gis.example.com/arcgis as siteadmin.',
    );
    expect(report?.entries[7]?.reason).toBe('A profile named "Staging" already exists.');
  });

  it('gives the zod reason for invalid entries', () => {
    expect(report?.entries[3]).toMatchObject({
      name: 'Broken',
      reason: expect.stringMatching(/^serverUrl: Use an https/),
    });
    expect(report?.entries[4]?.reason).toMatch(/name: Enter a name.*concurrency: Concurrency is 1 to 64/);
    expect(report?.entries[5]?.name).toBeNull();
  });

  it('drops password and token fields and says so', () => {
    expect(report?.entries[6]).toMatchObject({ outcome: 'added', ignoredFields: ['password', 'token'] });
    const added = plan.ok ? plan.value.toAdd : [];
    expect(JSON.stringify(added)).not.toMatch(/hunter2|t0k/);
  });

  it('adds normalised profiles with fresh ids', () => {
    expect(plan.ok && plan.value.toAdd.map((p) => [p.id, p.name, p.serverUrl])).toEqual([
      ['new-1', 'Staging', 'https://staging.example.com/server'],
      ['new-2', 'Dev', 'https://dev.example.com/arcgis'],
    ]);
  });
});

describe('planImport file shapes', () => {
  it('accepts a bare array of profiles', () => {
    const r = planImport(
      JSON.stringify([{ name: 'A', serverUrl: 'https://a/arcgis', username: 'u' }]),
      [],
      idSource(),
      10,
    );
    expect(r).toMatchObject({ ok: true, value: { report: { added: 1 } } });
  });

  it('keeps an id that is free and replaces one already taken', () => {
    const text = JSON.stringify([
      { id: 'p1', name: 'A', serverUrl: 'https://a/arcgis', username: 'u' },
      { id: 'free-id', name: 'B', serverUrl: 'https://b/arcgis', username: 'u' },
    ]);
    const r = planImport(text, existing, idSource(), 10);
    expect(r.ok && r.value.toAdd.map((p) => p.id)).toEqual(['new-1', 'free-id']);
  });

  it('fails whole only when the text is not a profiles file at all', () => {
    expect(planImport('{not json', [], idSource(), 10)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(/^That file is not JSON/) },
    });
    expect(planImport('{"hello":1}', [], idSource(), 10)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not a GP Job Admin profiles file/) },
    });
    expect(planImport('{"version":7,"profiles":[]}', [], idSource(), 10)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/newer GP Job Admin/) },
    });
  });

  it('stops adding at the profile limit and says why', () => {
    const text = JSON.stringify([
      { name: 'A', serverUrl: 'https://a/arcgis', username: 'u' },
      { name: 'B', serverUrl: 'https://b/arcgis', username: 'u' },
    ]);
    const r = planImport(text, existing, idSource(), 2);
    expect(r.ok && r.value.report.entries.map((e) => e.outcome)).toEqual(['added', 'invalid']);
    expect(r.ok && r.value.report.entries[1]?.reason).toMatch(/At most 2 profiles/);
  });
});

describe('export then import', () => {
  it('round-trips every field into an empty store', () => {
    const full = profileSchema.parse({
      id: 'full-1',
      name: 'Federated',
      serverUrl: 'https://gis.example.com/server',
      adminUrl: 'https://m1.corp:6443/arcgis',
      authMode: 'portal',
      portalUrl: 'https://gis.example.com/portal',
      username: 'portaladmin',
      caCertPem: TEST_CA_PEM,
      concurrency: 3,
      color: '#aa0000',
      production: true,
    });
    const text = serializeProfilesFile([full, ...existing]);
    const r = planImport(text, [], idSource(), 10);
    expect(r.ok && r.value.toAdd).toEqual([full, ...existing]);
    expect(serializeProfilesFile(r.ok ? r.value.toAdd : [])).toBe(text);
  });
});
