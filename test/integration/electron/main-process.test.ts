/**
 * The Electron main process end to end: the built main script starts (ready, app:// registered, the
 * hardened window loads the renderer, IPC answers the preload's API), serves exactly the renderer's files,
 * keeps one instance, remembers the window and quits cleanly. Runs on the fake Electron here and on the real
 * one where its binary is installed (see main-process.ts): the functions handed to `evaluate` and `page`
 * must be self-contained, as Playwright serialises them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import keytar from '@github/keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, webPreferences } from '../../../electron/main/security';
import { INVOKE_CHANNELS, ipcName } from '../../../electron/shared/contract';
import { startSimulator } from '../../arcgis-sim/index';
import {
  launchMainProcess,
  RENDERER_DIR,
  runSecondInstance,
  type MainProcess,
  type MainProcessOptions,
} from './main-process';

let options: MainProcessOptions;
let root: string;
const running: MainProcess[] = [];

async function launch(): Promise<MainProcess> {
  const app = await launchMainProcess(options);
  running.push(app);
  return app;
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gpjobs-main-'));
  options = {
    configDir: path.join(root, 'config'),
    keychainService: `gp-job-admin-test-${crypto.randomBytes(6).toString('hex')}`,
    managedProfilesPath: path.join(root, 'managed', 'profiles.json'),
  };
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.quit()));
  for (const { account } of await keytar.findCredentials(options.keychainService)) {
    await keytar.deletePassword(options.keychainService, account);
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe('main process start-up', () => {
  it('opens one hardened window on app://gp-job-admin with the preload and a real origin', async () => {
    const app = await launch();
    const state = await app.evaluate(({ app: electronApp, BrowserWindow, protocol }) => {
      const windows = BrowserWindow.getAllWindows();
      return {
        ready: electronApp.isReady(),
        handled: protocol.isProtocolHandled('app'),
        windows: windows.length,
        url: windows[0]?.webContents.getURL(),
        // Undocumented in electron.d.ts since v14 but present (and what Playwright-driven suites read).
        preferences: (
          windows[0]?.webContents as unknown as
            { getLastWebPreferences(): Record<string, unknown> } | undefined
        )?.getLastWebPreferences(),
      };
    });
    expect(state).toMatchObject({
      ready: true,
      handled: true,
      windows: 1,
      url: 'app://gp-job-admin/index.html',
    });
    // Exactly the hardened preferences security.ts defines (its unit test pins their values).
    expect(state.preferences).toMatchObject({
      ...webPreferences('', { devTools: true }),
      preload: expect.stringMatching(/dist[/\\]preload[/\\]preload\.cjs$/),
    });
    // A standard, secure scheme gives the page a real origin (a custom scheme otherwise gets "null").
    await expect(app.page((window) => window.location.origin)).resolves.toBe('app://gp-job-admin');
  });

  it('answers the preload API over IPC, and every contract channel has its one handler', async () => {
    const app = await launch();
    const listed = await app.page((window) => window.gpjobs.profiles.list());
    expect(listed).toEqual({ ok: true, value: { profiles: [], problems: [] } });
    const refused = await app.evaluate(({ ipcMain }, names) => {
      const taken: string[] = [];
      for (const name of names) {
        try {
          ipcMain.handle(name, () => null);
          ipcMain.removeHandler(name);
        } catch {
          taken.push(name);
        }
      }
      return taken;
    }, INVOKE_CHANNELS.map(ipcName));
    expect(refused).toEqual(INVOKE_CHANNELS.map(ipcName));
  });

  it('pushes the core events to the page (a connection test reports its state)', async () => {
    const app = await launch();
    const sim = await startSimulator({ seed: 3, jobs: 5 });
    try {
      const state = app.page(
        (window) =>
          new Promise((resolve) => {
            const off = window.gpjobs.events.onConnectionState((event) => {
              off();
              resolve(event);
            });
          }),
      );
      const tested = await app.page(
        async (window, server) => {
          const saved = await window.gpjobs.profiles.save({
            name: 'Staging',
            serverUrl: server.url,
            authMode: 'server',
            username: server.username,
            caCertPem: server.caPem,
            concurrency: 2,
          });
          if (!saved.ok) return saved;
          await window.gpjobs.credentials.set({ profileId: saved.value.id, password: server.password });
          return window.gpjobs.profiles.test({ profileId: saved.value.id });
        },
        { url: `${sim.url}/rest/services`, username: sim.username, password: sim.password, caPem: sim.caPem },
      );
      expect(tested).toMatchObject({ ok: true });
      await expect(state).resolves.toMatchObject({ profileId: expect.any(String) });
    } finally {
      await sim.close();
    }
  });

  it('denies new windows from the page', async () => {
    const app = await launch();
    await expect(
      app.page((window) => window.open('https://gis.example.com/arcgis/rest')),
    ).resolves.toBeNull();
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(windows).toBe(1);
  });

  it('denies the page every permission it asks for', async () => {
    const app = await launch();
    await expect(app.page((window) => window.Notification.requestPermission())).resolves.toBe('denied');
  });

  it('opens no link to a server that is not configured', async () => {
    const app = await launch();
    const opened = await app.page((window) =>
      window.gpjobs.app.openExternal({ url: 'https://unknown.example.com/arcgis/rest' }),
    );
    expect(opened).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (app.kind === 'fake') {
      await expect(
        app.evaluate(
          (electron) => (electron.shell as unknown as { openedExternal: string[] }).openedExternal,
        ),
      ).resolves.toEqual([]);
    }
  });

  it('sets the application menu, with developer tools in an unpackaged build', async () => {
    const app = await launch();
    const roles = await app.evaluate(({ Menu }) => {
      const collect = (items: Electron.MenuItem[]): string[] =>
        items.flatMap((item) => [
          String(item.role ?? item.label).toLowerCase(),
          ...collect(item.submenu?.items ?? []),
        ]);
      return collect(Menu.getApplicationMenu()?.items ?? []);
    });
    expect(roles).toEqual(expect.arrayContaining(['editmenu', 'windowmenu', 'toggledevtools', 'zoomin']));
  });
});

describe('the app:// protocol', () => {
  const fetchAll = (app: MainProcess, requests: Array<{ url: string; method?: string }>) =>
    app.evaluate(async ({ net }, list) => {
      const out = [];
      for (const { url, method } of list) {
        const response = await net.fetch(url, { method: method ?? 'GET' });
        out.push({
          url,
          status: response.status,
          type: response.headers.get('content-type'),
          csp: response.headers.get('content-security-policy'),
          body: await response.text(),
        });
      }
      return out;
    }, requests);

  it('serves the built renderer with its CSP and MIME types', async () => {
    const app = await launch();
    const asset = fs.readdirSync(path.join(RENDERER_DIR, 'assets')).find((name) => name.endsWith('.js'));
    const [index, script, head] = await fetchAll(app, [
      { url: 'app://gp-job-admin/' },
      { url: `app://gp-job-admin/assets/${asset}` },
      { url: 'app://gp-job-admin/index.html', method: 'HEAD' },
    ]);
    expect(index).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
      csp: CONTENT_SECURITY_POLICY,
    });
    expect(index?.body).toBe(fs.readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8'));
    expect(script).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(script?.body).toBe(fs.readFileSync(path.join(RENDERER_DIR, 'assets', asset!), 'utf8'));
    expect(head).toMatchObject({ status: 200, body: '' });
  });

  it('refuses traversal, other hosts, unknown files and methods other than GET and HEAD', async () => {
    const app = await launch();
    const answers = await fetchAll(app, [
      { url: 'app://gp-job-admin/..%2f..%2fpackage.json' },
      { url: 'app://gp-job-admin/%2e%2e%2fmain%2fmain.cjs' },
      { url: 'app://gp-job-admin/assets%5c..%5c..%5cpackage.json' },
      // The URL parser resolves a dot-dot segment itself: this asks for /main/main.cjs inside the renderer.
      { url: 'app://gp-job-admin/%2e%2e/main/main.cjs' },
      { url: 'app://other-host/index.html' },
      { url: 'app://gp-job-admin/no-such-file.js' },
      { url: 'app://gp-job-admin/index.html', method: 'POST' },
    ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 404, 404, 404, 405]);
    for (const answer of answers) {
      expect(answer.body).not.toContain('"name": "gp-job-admin"');
      expect(answer.body).not.toContain('require("electron")');
    }
  });
});

describe('lifecycle', () => {
  it('quits cleanly: the core shuts down and the process exits with 0', async () => {
    const app = await launch();
    running.splice(running.indexOf(app), 1);
    await expect(app.quit()).resolves.toBe(0);
  });

  it('keeps one instance per config directory: a second start exits and brings the first window back', async () => {
    const first = await launch();
    await first.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.minimize());
    const restored = first.evaluate(
      ({ BrowserWindow }) =>
        new Promise<boolean>((resolve) =>
          BrowserWindow.getAllWindows()[0]?.once('restore', () => resolve(true)),
        ),
    );
    await expect(runSecondInstance(options)).resolves.toBe(0);
    await expect(restored).resolves.toBe(true);
    const windows = await first.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => ({ minimized: w.isMinimized(), visible: w.isVisible() })),
    );
    expect(windows).toEqual([{ minimized: false, visible: true }]);
  });

  it('quits when its window is closed', async () => {
    const app = await launch();
    running.splice(running.indexOf(app), 1);
    // A real Electron may end before the evaluation answers; the exit code is what counts.
    await app
      .evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close())
      .catch((error: unknown) => {
        if (app.kind === 'fake') throw error;
      });
    await expect(app.exited).resolves.toBe(0);
  });

  it('remembers the window size and position across runs', async () => {
    const first = await launch();
    await first.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.setBounds({ x: 40, y: 30, width: 1000, height: 700 }),
    );
    running.splice(running.indexOf(first), 1);
    await expect(first.quit()).resolves.toBe(0);
    const second = await launch();
    const bounds = await second.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.getBounds(),
    );
    expect(bounds).toEqual({ x: 40, y: 30, width: 1000, height: 700 });
  });
});
