import { describe, expect, it } from 'vitest';
import { normalizePortalUrl, normalizeServerUrl } from '../../../../electron/core/profiles/url';

const servers: Array<[input: string, serverUrl: string, adminUrl: string | null]> = [
  ['https://gis.example.com/server', 'https://gis.example.com/server', null],
  ['https://gis.example.com/arcgis/', 'https://gis.example.com/arcgis', null],
  ['https://gis.example.com/arcgis/rest/services', 'https://gis.example.com/arcgis', null],
  [
    'https://gis.example.com/arcgis/rest/services/Tools/Buffer/GPServer',
    'https://gis.example.com/arcgis',
    null,
  ],
  [
    'https://gis.example.com/arcgis/rest/services/Tools/Buffer/GPServer/Buffer/jobs/j1',
    'https://gis.example.com/arcgis',
    null,
  ],
  ['https://gis.example.com/arcgis/admin', 'https://gis.example.com/arcgis', null],
  [
    'https://gis.example.com/arcgis/admin/services/System/SyncTools.GPServer/jobs',
    'https://gis.example.com/arcgis',
    null,
  ],
  ['https://gis.example.com/arcgis/manager/site.html', 'https://gis.example.com/arcgis', null],
  ['https://gis.example.com/arcgis/tokens/generateToken', 'https://gis.example.com/arcgis', null],
  [
    'https://machine1.corp:6443/arcgis/admin',
    'https://machine1.corp:6443/arcgis',
    'https://machine1.corp:6443/arcgis',
  ],
  [
    'https://machine1.corp:6443/arcgis/admin/',
    'https://machine1.corp:6443/arcgis',
    'https://machine1.corp:6443/arcgis',
  ],
  ['https://machine1.corp:6443/arcgis/rest/services', 'https://machine1.corp:6443/arcgis', null],
  [
    'http://machine1.corp:6080/arcgis/admin/login',
    'http://machine1.corp:6080/arcgis',
    'http://machine1.corp:6080/arcgis',
  ],
  ['https://machine1.corp:6443', 'https://machine1.corp:6443/arcgis', null],
  [
    'machine1.corp:6443/arcgis/admin',
    'https://machine1.corp:6443/arcgis',
    'https://machine1.corp:6443/arcgis',
  ],
  ['gis.example.com/server/rest/services', 'https://gis.example.com/server', null],
  ['  https://gis.example.com/arcgis/rest/services?f=pjson#top \n', 'https://gis.example.com/arcgis', null],
  ['HTTPS://GIS.Example.COM/ArcGIS/REST/Services', 'https://gis.example.com/ArcGIS', null],
  ['https://gis.example.com/arcgis/rest/services?token=abc123', 'https://gis.example.com/arcgis', null],
  ['https://gis.example.com//arcgis///rest//services', 'https://gis.example.com/arcgis', null],
  ['<https://gis.example.com/arcgis>', 'https://gis.example.com/arcgis', null],
  ['"https://gis.example.com/arcgis"', 'https://gis.example.com/arcgis', null],
  ['https://gis.example.com/gis/arcgis/rest/services', 'https://gis.example.com/gis/arcgis', null],
  ['https://gis.example.com:443/arcgis', 'https://gis.example.com/arcgis', null],
  ['https://gis.example.com/rest/services', 'https://gis.example.com', null],
  ['https://[fd00::5]:6443/arcgis/admin', 'https://[fd00::5]:6443/arcgis', 'https://[fd00::5]:6443/arcgis'],
];

describe('normalizeServerUrl: what administrators paste', () => {
  it.each(servers)('%j becomes its site root', (input, serverUrl, adminUrl) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: true, value: { serverUrl, adminUrl } });
  });
});

const bad: Array<[input: string, message: RegExp]> = [
  ['', /^Enter the address/],
  ['   ', /^Enter the address/],
  ['not a url', /^That is not a web address: "not a url"/],
  ['http://', /^That is not a web address/],
  ['ftp://gis.example.com/arcgis', /^Use an https:\/\/ \(or http:\/\/\) address: "ftp:"/],
  ['file:///etc/passwd', /^Use an https:\/\/ .*"file:"/],
  ['javascript:alert(1)', /^Use an https:\/\/ .*"javascript:"/],
  ['https://gis.example.com', /^Add the site name to the address, e.g. https:\/\/gis.example.com\/arcgis/],
  ['https://gis.example.com/portal/sharing/rest', /^That is a Portal address/],
  ['https://gis.example.com/portal/home/', /^That is a Portal address/],
  ['https://gis.example.com/arc gis', /^That is not a web address/],
  [`https://gis.example.com/${'a'.repeat(3000)}`, /too long/],
];

describe('normalizeServerUrl: clear bad-url errors', () => {
  it.each(bad)('%j is refused', (input, message) => {
    const r = normalizeServerUrl(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('bad-url');
    expect(r.error.message).toMatch(message);
  });

  it('refuses credentials in the address without repeating them', () => {
    const r = normalizeServerUrl('https://admin:S3cret!@gis.example.com/arcgis');
    expect(r).toMatchObject({ ok: false, error: { kind: 'bad-url' } });
    expect(JSON.stringify(r)).not.toContain('S3cret');
  });

  it('never repeats a pasted query string (which may hold a token) in a message', () => {
    const r = normalizeServerUrl('https://gis example.com/arcgis?token=SECRETTOKEN');
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('SECRETTOKEN');
  });
});

describe('normalizePortalUrl', () => {
  it.each([
    ['https://gis.example.com/portal', 'https://gis.example.com/portal'],
    ['https://gis.example.com/portal/home/index.html', 'https://gis.example.com/portal'],
    ['https://gis.example.com/portal/sharing/rest/generateToken?f=json', 'https://gis.example.com/portal'],
    ['https://gis.example.com/portal/portaladmin', 'https://gis.example.com/portal'],
    ['https://org.maps.arcgis.com/home/', 'https://org.maps.arcgis.com'],
    ['https://portal1.corp:7443', 'https://portal1.corp:7443/arcgis'],
    ['GIS.example.com/Portal/apps/mapviewer', 'https://gis.example.com/Portal'],
  ])('%j becomes %j', (input, root) => {
    expect(normalizePortalUrl(input)).toEqual({ ok: true, value: root });
  });

  it('refuses an ArcGIS Server address with a hint', () => {
    const r = normalizePortalUrl('https://gis.example.com/server/rest/services');
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'bad-url', message: expect.stringMatching(/not a portal/) },
    });
  });

  it('refuses a non-web scheme', () => {
    expect(normalizePortalUrl('ldap://gis.example.com/portal')).toMatchObject({
      ok: false,
      error: { kind: 'bad-url' },
    });
  });
});
