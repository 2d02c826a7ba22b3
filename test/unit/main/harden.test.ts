import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWebContents } from '../../../electron/main/harden';
import { APP_ENTRY_URL } from '../../../electron/main/security';

/** Stands in for Electron's WebContents (no Electron binary here): events plus the window-open hook. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  /** Fires an event the way Electron does and reports whether a listener prevented it. */
  fire(name: string, url = 'about:blank', isMainFrame = true): boolean {
    let prevented = false;
    this.emit(name, { url, isMainFrame, preventDefault: () => (prevented = true) });
    return prevented;
  }

  /** A main-frame navigation as Electron reports it: will-frame-navigate, then will-navigate. */
  navigate(url: string): boolean {
    const prevented = this.fire('will-frame-navigate', url, true);
    return this.fire('will-navigate', url) && prevented;
  }
}

function hardened() {
  const contents = new FakeContents();
  const opened: string[] = [];
  hardenWebContents(contents as unknown as WebContents, (url) => opened.push(url));
  return { contents, opened };
}

describe('hardenWebContents', () => {
  it('lets the window navigate within the app', () => {
    const { contents } = hardened();
    expect(contents.fire('will-navigate', APP_ENTRY_URL)).toBe(false);
    expect(contents.fire('will-frame-navigate', APP_ENTRY_URL)).toBe(false);
  });

  it('blocks navigation away from the app and offers an https link to the openExternal policy once', () => {
    const { contents, opened } = hardened();
    expect(contents.navigate('https://gis.example.com/arcgis/rest')).toBe(true);
    expect(contents.navigate('file:///etc/passwd')).toBe(true);
    expect(contents.navigate('http://evil.example.com/')).toBe(true);
    expect(opened).toEqual(['https://gis.example.com/arcgis/rest']);
  });

  it('blocks sub-frame navigation off the app without opening anything', () => {
    const { contents, opened } = hardened();
    expect(contents.fire('will-frame-navigate', 'https://gis.example.com/arcgis/rest', false)).toBe(true);
    expect(opened).toEqual([]);
  });

  it('blocks redirects off the app origin without opening anything', () => {
    const { contents, opened } = hardened();
    expect(contents.fire('will-redirect', 'https://evil.example.com/')).toBe(true);
    expect(contents.fire('will-redirect', APP_ENTRY_URL)).toBe(false);
    expect(opened).toEqual([]);
  });

  it('never attaches a webview', () => {
    const { contents } = hardened();
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window; only https links are offered to the openExternal policy', () => {
    const { contents, opened } = hardened();
    for (const url of [
      'https://gis.example.com/arcgis/rest',
      'http://gis.example.com/',
      'javascript:alert(1)',
      APP_ENTRY_URL,
    ]) {
      expect(contents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://gis.example.com/arcgis/rest']);
  });
});

describe('hardenSession', () => {
  it('denies permission requests, permission checks and devices', () => {
    const installed: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: never[]) => unknown) => (installed.request = h),
      setPermissionCheckHandler: (h: (...args: never[]) => unknown) => (installed.check = h),
      setDevicePermissionHandler: (h: (...args: never[]) => unknown) => (installed.device = h),
    };
    hardenSession(session as unknown as Session);

    const answers: boolean[] = [];
    const request = installed.request as unknown as (
      c: null,
      p: string,
      cb: (granted: boolean) => void,
    ) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      request(null, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(
      (installed.check as unknown as (c: null, p: string) => boolean)(null, 'clipboard-sanitized-write'),
    ).toBe(false);
    expect((installed.device as unknown as (d: object) => boolean)({ deviceType: 'usb' })).toBe(false);
  });
});
