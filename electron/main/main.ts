/**
 * Electron main process entry: lifecycle, single-instance lock, the `app://` protocol, the hardened main
 * window, the application menu, and IPC wired to the core's handlers. Everything decided here is thin;
 * policy lives in security.ts, validation in dispatch.ts, behaviour in the core.
 */
import path from 'node:path';
import { app, Menu, session, shell, type BrowserWindow } from 'electron';
import { cliArguments, runCliProcess } from '../cli/run-process';
import { resolveConfigDir, resolveManagedProfilesPath } from '../core';
import { EVENT_CHANNELS } from '../shared/contract';
import { dispatch } from './dispatch';
import { createAppCore } from './app-core';
import { hardenSession, hardenWebContents } from './harden';
import { appWindowSenderCheck, emit, registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { createElectronFetch } from './net-fetch';
import { createMainWindow, focusWindow } from './window';

const APP_TITLE = 'GP Job Admin';
const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, '..', 'preload', 'preload.cjs');
const configDir = resolveConfigDir();

type AppCore = ReturnType<typeof createAppCore>;

let core: AppCore | null = null;
let mainWindow: BrowserWindow | null = null;

/** Hands a link to the `app.openExternal` handler, which opens it only for configured https servers. */
function requestOpenExternal(url: string): void {
  if (!core) return;
  void dispatch('app.openExternal', { url }, core.handlers).then((result) => {
    if (!result.ok) console.warn(`GP Job Admin: did not open a link: ${result.error.message}`);
  });
}

function openMainWindow(): void {
  mainWindow = createMainWindow({ preloadPath, configDir, title: APP_TITLE, devTools: !app.isPackaged });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function onReady(): Promise<void> {
  hardenSession(session.defaultSession);
  handleAppProtocol(rendererDir);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({ appName: APP_TITLE, isMac: process.platform === 'darwin', isPackaged: app.isPackaged }),
    ),
  );
  core = createAppCore({
    configDir,
    managedProfilesPath: resolveManagedProfilesPath(),
    keychainService: process.env.GPJOBS_KEYCHAIN_SERVICE || undefined,
    fetchFactory: createElectronFetch,
    openExternal: (url) => shell.openExternal(url),
  });
  registerIpc(
    core.handlers,
    appWindowSenderCheck(() => mainWindow),
  );
  for (const channel of EVENT_CHANNELS) {
    core.onEvent(channel, (payload) => {
      if (mainWindow) emit(mainWindow.webContents, channel, payload);
    });
  }
  openMainWindow();
}

function start(): void {
  // Chromium's own data (cache, local storage) and the single-instance lock live beside our config, so
  // separate config directories (tests, portable set-ups) are separate instances.
  app.setPath('userData', path.join(configDir, 'electron'));
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow) focusWindow(mainWindow);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, requestOpenExternal));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && !mainWindow) openMainWindow();
  });
  app.on('will-quit', (event) => {
    const closing = core;
    if (!closing) return;
    core = null;
    event.preventDefault();
    void closing
      .dispose()
      .catch((error: unknown) => console.error(`GP Job Admin: shutdown: ${(error as Error).message}`))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      console.error(`GP Job Admin: could not start: ${(error as Error).message}`);
      app.exit(1);
    });
}

// `gpjobs` installed with the app runs this executable with --gpjobs-cli: the command line, no window.
const cliArgs = cliArguments(process.argv);
if (cliArgs) {
  app.dock?.hide();
  void runCliProcess(cliArgs, (code) => app.exit(code));
} else start();
