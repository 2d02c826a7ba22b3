/**
 * A faithful fake of the Electron main-process API, for tests on machines without the Electron binary
 * (which cannot be downloaded here). It keeps Electron's documented behaviour where the app depends on
 * it: no windows, sessions, screen or network before 'ready'; privileged schemes only before it; one invoke
 * handler per channel; preventable quit steps; `net.request` with Electron's event API over real sockets.
 * Each `createFakeElectron()` is one fresh "process"; `requireWithElectron` runs a CommonJS bundle (the
 * built main or preload script) with its `require('electron')` answered by a fake.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { FakeApp } from './app';
import { FakeIpcMain } from './ipc';
import { createMenu } from './menu';
import { FakeClientRequest, type FakeRequestOptions } from './net-request';
import { FakeSession } from './session';
import { createBrowserWindowClass } from './windows';

export { FakeApp } from './app';
export { FakeClientRequest, FakeIncomingMessage } from './net-request';
export { FakeSession } from './session';
export type { FakeWebContents, LoadedPage } from './windows';

const DISPLAY = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
  rotation: 0,
  internal: false,
};

/** Runs a CommonJS file with `require('electron')` answered by `electron` (the file is loaded afresh). */
export function requireWithElectron(file: string, electron: object): unknown {
  const resolved = path.resolve(file);
  const require = createRequire(resolved);
  const id = require.resolve('electron');
  const saved = require.cache[id];
  delete require.cache[resolved];
  require.cache[id] = { id, filename: id, loaded: true, exports: electron, children: [], paths: [] } as never;
  try {
    return require(resolved);
  } finally {
    if (saved) require.cache[id] = saved;
    else delete require.cache[id];
  }
}

function afterReady<T>(app: FakeApp, what: string, value: () => T): T {
  if (!app.isReady()) throw new Error(`${what} can only be used after app is ready`);
  return value();
}

/** A fresh fake Electron main-process module: `app`, `BrowserWindow`, `net`, `protocol`, ... */
export function createFakeElectron() {
  const app = new FakeApp();
  const defaultSession = new FakeSession();
  const ipcMain = new FakeIpcMain();
  const privilegedSchemes: Array<{ scheme: string; privileges?: Record<string, boolean> }> = [];
  const openedExternal: string[] = [];
  const BrowserWindow = createBrowserWindowClass({
    app,
    session: defaultSession,
    ipcMain,
    workArea: DISPLAY.workArea,
    runPreload: (file, electron) => void requireWithElectron(file, electron),
  });
  const sessionProtocol = () => afterReady(app, 'Session', () => defaultSession.protocol);

  return {
    app,
    BrowserWindow,
    ipcMain,
    Menu: createMenu(),
    session: {
      get defaultSession(): FakeSession {
        return afterReady(app, 'Session', () => defaultSession);
      },
    },
    protocol: {
      /** The schemes declared privileged, in order (what Chromium was told before ready). */
      privilegedSchemes,
      registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>) {
        if (app.isReady()) {
          throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        }
        privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) =>
        sessionProtocol().handle(scheme, handler),
      unhandle: (scheme: string) => sessionProtocol().unhandle(scheme),
      isProtocolHandled: (scheme: string) => sessionProtocol().isProtocolHandled(scheme),
    },
    net: {
      request: (options: FakeRequestOptions | string) =>
        afterReady(app, 'net module', () => new FakeClientRequest(options, defaultSession)),
      fetch: (input: string | Request, init?: RequestInit & { bypassCustomProtocolHandlers?: boolean }) =>
        afterReady(app, 'net module', () => defaultSession.fetch(input, init)),
      isOnline: () => true,
    },
    screen: {
      getAllDisplays: () => afterReady(app, "The 'screen' module", () => [structuredClone(DISPLAY)]),
      getPrimaryDisplay: () => afterReady(app, "The 'screen' module", () => structuredClone(DISPLAY)),
    },
    shell: {
      /** URLs handed to the OS browser, in order. */
      openedExternal,
      async openExternal(url: string): Promise<void> {
        openedExternal.push(url);
      },
    },
  };
}

/** One fake Electron module. */
export type FakeElectron = ReturnType<typeof createFakeElectron>;
