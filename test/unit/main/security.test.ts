import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  httpsOrigins,
  externalUrl,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isPermissionGranted,
  isTrustedSender,
  webPreferences,
  windowOpenAction,
} from '../../../electron/main/security';

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) {
      expect(map.has(name), `duplicate directive ${name}`).toBe(false);
      map.set(name, values);
    }
  }
  return map;
}

describe('web preferences', () => {
  it('isolate, sandbox and strip Node from the window', () => {
    expect(webPreferences('/app/preload.cjs')).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
    });
  });

  it('allow developer tools only when asked (development builds)', () => {
    expect(webPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
    expect(webPreferences('/p.cjs').devTools).toBe(false);
  });
});

describe('the Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('denies everything by default and allows only the app’s own scripts, styles, images and fonts', () => {
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
      'object-src': ["'none'"],
    });
  });

  it('allows no inline code, eval or remote source', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*|blob:|wasm/);
  });
});

describe('navigation', () => {
  it('stays within the app’s origin', () => {
    expect(APP_ORIGIN).toBe('app://gp-job-admin');
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('app://gp-job-admin/index.html#/jobs')).toBe(true);
  });

  it.each([
    'https://evil.example.com/',
    'http://gp-job-admin/',
    'file:///etc/passwd',
    'app://other-host/index.html',
    'app://gp-job-admin@evil.example.com/',
    'app://user:pw@gp-job-admin/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('denies every new window', () => {
    expect(windowOpenAction()).toEqual({ action: 'deny' });
  });
});

describe('IPC senders', () => {
  const trusted = { isAppWindow: true, isMainFrame: true, frameUrl: APP_ENTRY_URL };

  it('trusts only the app window’s main frame on the app origin', () => {
    expect(isTrustedSender(trusted)).toBe(true);
    expect(isTrustedSender({ ...trusted, isAppWindow: false })).toBe(false);
    expect(isTrustedSender({ ...trusted, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...trusted, frameUrl: null })).toBe(false);
    expect(isTrustedSender({ ...trusted, frameUrl: 'https://evil.example.com/' })).toBe(false);
    expect(isTrustedSender({ ...trusted, frameUrl: 'app://gp-job-admin.evil.com/' })).toBe(false);
  });
});

describe('external links', () => {
  const servers = [
    'https://gis.example.com/arcgis',
    'https://gis-m1.example.com:6443/arcgis',
    'http://legacy.example.com/arcgis',
    null,
    'not a url',
  ];

  it('opens https pages of configured servers', () => {
    expect(
      isAllowedExternalUrl('https://gis.example.com/arcgis/rest/services/Tools/GPServer/jobs/j1', servers),
    ).toBe(true);
    expect(isAllowedExternalUrl('https://gis-m1.example.com:6443/arcgis/admin', servers)).toBe(true);
  });

  it.each([
    ['plain http', 'http://gis.example.com/arcgis/rest'],
    ['an http-only server', 'https://legacy.example.com/arcgis/rest'],
    ['another port', 'https://gis.example.com:8443/arcgis'],
    ['a sub-domain', 'https://evil.gis.example.com/arcgis'],
    ['a look-alike host', 'https://gis.example.com.evil.net/arcgis'],
    ['embedded credentials', 'https://user:pw@gis.example.com/arcgis'],
    ['another scheme', 'file://gis.example.com/arcgis'],
    ['javascript', 'javascript:alert(1)'],
    ['garbage', 'https//gis.example.com'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url, servers)).toBe(false);
  });

  it('hands over the parsed, normalised URL, never the raw string', () => {
    expect(externalUrl('HTTPS://GIS.example.com/arcgis/rest/./x/../services/a b?q=1 2', servers)).toBe(
      'https://gis.example.com/arcgis/rest/services/a%20b?q=1%202',
    );
    expect(externalUrl('https://gis.example.com:443/arcgis\\rest', servers)).toBe(
      'https://gis.example.com/arcgis/rest',
    );
    expect(externalUrl('https://evil.example.com/', servers)).toBeNull();
  });

  it('refuses everything when no server is configured', () => {
    expect(isAllowedExternalUrl('https://gis.example.com/arcgis', [])).toBe(false);
  });

  it('derives origins only from https server URLs', () => {
    expect([...httpsOrigins(servers)]).toEqual([
      'https://gis.example.com',
      'https://gis-m1.example.com:6443',
    ]);
  });
});

describe('permissions', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
    'unknown',
  ])('denies %s', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
  });
});
