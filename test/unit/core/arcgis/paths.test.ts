import { describe, expect, it } from 'vitest';
import {
  splitUrl,
  adminJobUrl,
  adminJobsUrl,
  adminServiceUrl,
  isSafeForCredentials,
  parseServiceId,
  restJobUrl,
  restServiceUrl,
  serviceId,
  siteRoots,
  taskFromJobUrl,
  validateJobId,
  validateTaskName,
} from '../../../../electron/core/arcgis/paths';
import type { ServiceRef } from '../../../../electron/core/arcgis/paths';

const ADMIN = 'https://machine:6443/arcgis';

describe('siteRoots', () => {
  it('uses the server root for admin calls when no admin URL is set', () => {
    expect(siteRoots({ serverUrl: 'https://gis.example.com/arcgis/', adminUrl: null })).toEqual({
      ok: true,
      value: { server: 'https://gis.example.com/arcgis', admin: 'https://gis.example.com/arcgis' },
    });
  });

  it('keeps a separate admin root', () => {
    const r = siteRoots({ serverUrl: 'https://gis.example.com/arcgis', adminUrl: ADMIN });
    expect(r.ok && r.value.admin).toBe(ADMIN);
  });

  it.each([
    'not a url',
    'ftp://gis.example.com/arcgis',
    'https://u:p@gis.example.com/arcgis',
    'https://h/arcgis?token=x',
  ])('rejects %s as bad-url', (serverUrl) => {
    const r = siteRoots({ serverUrl, adminUrl: null });
    expect(r.ok ? null : r.error.kind).toBe('bad-url');
  });
});

describe('service ids', () => {
  it('splits Folder/Name', () =>
    expect(parseServiceId('Tools/Buffer')).toEqual({
      ok: true,
      value: { folder: 'Tools', name: 'Buffer', type: 'GPServer' },
    }));
  it('reads a root service', () =>
    expect(parseServiceId('Buffer')).toEqual({
      ok: true,
      value: { folder: '', name: 'Buffer', type: 'GPServer' },
    }));
  it('drops a .GPServer suffix', () => expect(parseServiceId('Tools/Buffer.GPServer').ok).toBe(true));
  it('keeps the type of a map or image service, whose id carries it', () => {
    const map = parseServiceId('Tools/Buffer.MapServer');
    expect(map).toEqual({ ok: true, value: { folder: 'Tools', name: 'Buffer', type: 'MapServer' } });
    expect(map.ok && serviceId(map.value)).toBe('Tools/Buffer.MapServer');
    const gp = parseServiceId('Tools/Buffer.GPServer');
    expect(gp.ok && serviceId(gp.value)).toBe('Tools/Buffer');
    expect(parseServiceId('Elevation.ImageServer')).toEqual({
      ok: true,
      value: { folder: '', name: 'Elevation', type: 'ImageServer' },
    });
  });
  it.each([
    '../Buffer',
    'Tools/../../x',
    'a/b/c',
    '',
    'Tools/',
    '/Buffer',
    'Buf fer',
    'Tools\\Buffer',
    'x%2F..',
  ])('rejects hostile or malformed %j', (id) => {
    const r = parseServiceId(id);
    expect(r.ok ? null : r.error.kind).toBe('invalid-input');
  });
});

describe('job ids', () => {
  it('accepts server job ids', () => expect(validateJobId('j1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6').ok).toBe(true));
  it('accepts export-tiles ids and any other characters, each encoded as one URL segment', () => {
    const ref: ServiceRef = { folder: 'Maps', name: 'Base', type: 'MapServer' };
    for (const id of ['j1b2c3_et', '../../x', 'a/b', '%2e%2e', 'j 1', 'j?x=1', 'j#x', 'ジョブ']) {
      expect(validateJobId(id).ok).toBe(true);
      const url = new URL(adminJobUrl(ADMIN, ref, id, 'delete'));
      const segments = url.pathname.split('/');
      expect(segments.slice(-3)).toEqual(['jobs', encodeURIComponent(id), 'delete']);
      expect(decodeURIComponent(segments.at(-2)!)).toBe(id);
    }
  });
  it.each(['.', '..', '', 'j\n1', 'j\u00001', 'x'.repeat(200)])('rejects %j', (id) => {
    const r = validateJobId(id);
    expect(r.ok ? null : r.error.kind).toBe('invalid-input');
  });
});

describe('URL building', () => {
  const ref: ServiceRef = { folder: 'Tools', name: 'Buffer', type: 'GPServer' };

  it('builds admin service and job URLs', () => {
    expect(adminServiceUrl(ADMIN, ref)).toBe(`${ADMIN}/admin/services/Tools/Buffer.GPServer`);
    expect(adminServiceUrl(ADMIN, { folder: '', name: 'Buffer', type: 'GPServer' })).toBe(
      `${ADMIN}/admin/services/Buffer.GPServer`,
    );
    expect(adminJobsUrl(ADMIN, ref, 'query')).toBe(
      `${ADMIN}/admin/services/Tools/Buffer.GPServer/jobs/query`,
    );
    expect(adminJobUrl(ADMIN, ref, 'j1', 'delete')).toBe(
      `${ADMIN}/admin/services/Tools/Buffer.GPServer/jobs/j1/delete`,
    );
  });

  it('names the type in admin and REST URLs of map and image services', () => {
    const map: ServiceRef = { folder: 'Tools', name: 'Buffer', type: 'MapServer' };
    expect(adminJobUrl(ADMIN, map, 'j1_et', 'delete')).toBe(
      `${ADMIN}/admin/services/Tools/Buffer.MapServer/jobs/j1_et/delete`,
    );
    expect(restServiceUrl('https://h/arcgis', { ...map, type: 'ImageServer' })).toBe(
      'https://h/arcgis/rest/services/Tools/Buffer/ImageServer',
    );
  });

  it('encodes every segment, so a dot-dot id never becomes a path', () => {
    const url = adminJobUrl(ADMIN, ref, '../../x');
    expect(url).toBe(`${ADMIN}/admin/services/Tools/Buffer.GPServer/jobs/..%2F..%2Fx`);
    expect(new URL(url).pathname).toBe('/arcgis/admin/services/Tools/Buffer.GPServer/jobs/..%2F..%2Fx');
  });

  it('encodes task names with spaces in the REST job page URL', () => {
    expect(restJobUrl('https://h/arcgis', ref, 'Buffer Points', 'j1')).toBe(
      'https://h/arcgis/rest/services/Tools/Buffer/GPServer/Buffer%20Points/jobs/j1',
    );
  });
});

describe('taskFromJobUrl', () => {
  it('reads the task of a REST job URL', () => {
    expect(
      taskFromJobUrl('https://h/server/rest/services/Tools/Buffer/GPServer/Buffer%20Points/jobs/j1'),
    ).toBe('Buffer Points');
  });
  it('gives null for an admin job URL, a missing or an invalid URL', () => {
    expect(taskFromJobUrl('https://h/arcgis/admin/services/Tools/Buffer.GPServer/jobs/j1')).toBeNull();
    expect(taskFromJobUrl(null)).toBeNull();
    expect(taskFromJobUrl('::')).toBeNull();
  });
  it('refuses a task that decodes to a path', () => {
    expect(taskFromJobUrl('https://h/rest/services/B/GPServer/a%2F..%2Fb/jobs/j1')).toBeNull();
    expect(validateTaskName('..').ok).toBe(false);
  });
});

describe('isSafeForCredentials', () => {
  it('allows https anywhere and http only to this machine', () => {
    expect(isSafeForCredentials('https://gis.example.com/arcgis/admin/generateToken')).toBe(true);
    expect(isSafeForCredentials('http://127.0.0.1:6080/arcgis/admin/generateToken')).toBe(true);
    expect(isSafeForCredentials('http://gis.example.com:6080/arcgis/admin/generateToken')).toBe(false);
  });
});

describe('splitUrl', () => {
  const viaUrl = (url: string) => {
    const u = new URL(url);
    return {
      origin: u.origin,
      hostname: u.hostname,
      https: u.protocol === 'https:',
      path: u.pathname + u.search,
    };
  };
  const urls = [
    'https://gis.example.com:6443/arcgis/admin/services/Tools/Buffer.GPServer/jobs/j1/delete',
    'https://gis.example.com:6443/arcgis/admin/services/Tools/Buffer.GPServer/jobs/j%2F..%2Fx/delete',
    'https://gis.example.com:6443/arcgis/admin/../x',
    'https://gis.example.com:6443/arcgis/admin/%2e%2E/x',
    'https://gis.example.com:6443/arcgis/./x/.',
    'https://gis.example.com:6443/arcgis/a b/ü?q=1#frag',
    'https://gis.example.com:6443/arcgis/a\\b',
    'https://GIS.example.com:443/arcgis/x',
    'https://user:pw@gis.example.com/arcgis/x',
    'http://127.0.0.1:6080/arcgis/rest/info',
    'https://[::1]:8443/arcgis/x',
    'https://gis.example.com',
  ];

  it('reads every URL as new URL does, the second time from the remembered origin too', () => {
    for (const url of urls) {
      expect(splitUrl(url)).toEqual(viaUrl(url));
      expect(splitUrl(url)).toEqual(viaUrl(url));
    }
  });

  it('throws on an invalid URL, as new URL does', () => {
    expect(() => splitUrl('not a url')).toThrow();
  });
});
