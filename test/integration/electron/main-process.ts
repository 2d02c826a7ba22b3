/**
 * Launches the built main script (dist/main/main.cjs) and drives it the same way whichever Electron runs it:
 * the real one through Playwright's `_electron` where its binary is installed, otherwise the fake Electron
 * (test/fakes/electron) in this process. Specs see only Electron's public API (`evaluate` runs a function
 * in the main process with the 'electron' module, as Playwright's does) and the page (`page` runs a function
 * with the window's global object), so one spec runs on both.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type * as Electron from 'electron';
import type { GpJobsApi } from '../../../electron/shared/contract';
import { createFakeElectron, requireWithElectron, type FakeElectron } from '../../fakes/electron/index';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
/** The built main script the app starts from. */
export const MAIN_SCRIPT = path.join(REPO, 'dist', 'main', 'main.cjs');
/** The built renderer it serves. */
export const RENDERER_DIR = path.join(REPO, 'dist', 'renderer');

/** The page's global object, as far as specs use it. */
export interface PageGlobal {
  gpjobs: GpJobsApi;
  location: { href: string; origin: string };
  open(url: string): unknown;
  Notification: { requestPermission(): Promise<string> };
}

/** Where the app keeps its state for one test. */
export interface MainProcessOptions {
  configDir: string;
  keychainService: string;
  managedProfilesPath: string;
}

/** A running main process. */
export interface MainProcess {
  kind: 'fake' | 'electron';
  /** Runs a self-contained function in the main process with the 'electron' module and a cloneable arg. */
  evaluate<R, A = undefined>(fn: (electron: typeof Electron, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Runs a self-contained function in the main window's page with its global object. */
  page<R, A = undefined>(fn: (window: PageGlobal, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Quits as the user would (`app.quit()`) and resolves with the process's exit code. */
  quit(): Promise<number>;
  /** Resolves with the exit code once the process has ended by itself. */
  exited: Promise<number>;
}

async function findElectronBinary(): Promise<string | null> {
  const module = new URL('../../../build/electron-binary.mjs', import.meta.url).href;
  return ((await import(module)) as { findElectronBinary(): string | null }).findElectronBinary();
}

function requireBuilt(): void {
  for (const file of [MAIN_SCRIPT, path.join(RENDERER_DIR, 'index.html')]) {
    if (!fs.existsSync(file))
      throw new Error(`${path.relative(REPO, file)} is missing: run \`npm run build\` first.`);
  }
}

function appEnv(options: MainProcessOptions): Record<string, string> {
  return {
    GPJOBS_CONFIG_DIR: options.configDir,
    GPJOBS_KEYCHAIN_SERVICE: options.keychainService,
    GPJOBS_MANAGED_CONFIG: options.managedProfilesPath,
  };
}

/** Launches the app (the real Electron when installed, else the fake) and waits for its window's page. */
export async function launchMainProcess(options: MainProcessOptions): Promise<MainProcess> {
  requireBuilt();
  const binary = await findElectronBinary();
  return binary ? launchReal(binary, options) : launchFake(options);
}

/**
 * Starts the app as a second instance would be and resolves with its exit code (it must end by itself: a
 * window never opens). The real Electron is a plain child process here, since Playwright expects a window.
 */
export async function runSecondInstance(options: MainProcessOptions): Promise<number> {
  requireBuilt();
  const binary = await findElectronBinary();
  if (!binary) return (await launchFake(options)).exited;
  const child = spawn(binary, [MAIN_SCRIPT], {
    env: { ...electronEnv(), ...appEnv(options) },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

function electronEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

async function launchFake(options: MainProcessOptions): Promise<MainProcess> {
  const electron = createFakeElectron();
  const env = appEnv(options);
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const exited = electron.app.exited.finally(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const loaded = new Promise<FakeElectron['BrowserWindow']['prototype'] | null>((resolve) => {
    electron.app.once(
      'browser-window-created',
      (_event, window: FakeElectron['BrowserWindow']['prototype']) =>
        window.webContents.once('did-finish-load', () => resolve(window)),
    );
    void exited.then(() => resolve(null));
  });
  requireWithElectron(MAIN_SCRIPT, electron);
  const window = await loaded;
  const world = (): PageGlobal => {
    const contents = window?.webContents;
    if (!contents || contents.isDestroyed()) throw new Error('The main window is gone.');
    return Object.assign(contents.world as unknown as PageGlobal, {
      location: pageLocation(electron, contents.getURL()),
      // window.open asks the window-open handler; a denied request gives the page null.
      // A permission request goes to the session's handler, as Chromium sends it (no handler: granted).
      Notification: {
        requestPermission: () =>
          new Promise<string>((resolve) => {
            const handler = electron.session.defaultSession.permissionRequestHandler;
            if (!handler) resolve('granted');
            else
              handler(
                contents,
                'notifications',
                (granted: boolean) => resolve(granted ? 'granted' : 'denied'),
                {},
              );
          }),
      },
      open: (url: string) =>
        (contents.windowOpenHandler?.({ url }) ?? { action: 'allow' }).action === 'allow' ? {} : null,
    });
  };
  return {
    kind: 'fake',
    evaluate: async (fn, arg) => fn(electron as unknown as typeof Electron, arg as never),
    page: async (fn, arg) => fn(world(), arg as never),
    quit: async () => {
      electron.app.quit();
      return exited;
    },
    exited,
  };
}

/** The page's location: a standard (privileged) scheme gets a tuple origin, as in Chromium; others "null". */
function pageLocation(electron: FakeElectron, href: string): PageGlobal['location'] {
  const url = new URL(href);
  const scheme = url.protocol.slice(0, -1);
  const standard =
    ['http', 'https'].includes(scheme) ||
    electron.protocol.privilegedSchemes.some((s) => s.scheme === scheme && s.privileges?.standard);
  return { href, origin: standard ? `${url.protocol}//${url.host}` : 'null' };
}

async function launchReal(executablePath: string, options: MainProcessOptions): Promise<MainProcess> {
  const { _electron } = await import('playwright');
  const electronApp = await _electron.launch({
    executablePath,
    args: [MAIN_SCRIPT],
    env: { ...electronEnv(), ...appEnv(options) },
  });
  const child = electronApp.process();
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  const page = await electronApp.firstWindow();
  await page.waitForLoadState('load');
  return {
    kind: 'electron',
    evaluate: (fn, arg) => electronApp.evaluate(fn as never, arg) as never,
    page: (fn, arg) => page.evaluate(`(${fn.toString()})(window, ${JSON.stringify(arg ?? null)})`) as never,
    quit: async () => {
      await electronApp.evaluate(({ app }) => app.quit()).catch(() => undefined);
      return exited;
    },
    exited,
  };
}
