/**
 * The e2e fixtures. Every test gets its own config directory, keychain service name, managed-profiles path
 * and simulators, and `app`: the real Electron app when its binary is installed, otherwise the app as
 * `gpjobs ui` serves it (the built renderer over HTTP to the same main-process handlers and validation) in
 * Chromium (see harness/). Specs are written once against `app.page` and run on either path. A screenshot of the window is saved for every test.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  test as base,
  chromium,
  type Browser,
  type Locator,
  type Page,
  type ViewportSize,
} from '@playwright/test';
import { startSimulator, type SimOptions, type Simulator } from '../arcgis-sim/index';
import { createAppCore } from './harness/app-core';
import type { AppHandle } from './harness/app-handle';
import { launchElectronApp } from './harness/electron-app';
import { launchWebApp } from './harness/web-app';
import { openAddServer, openSites, type OpenedSites, type SiteSpec } from './workspace-helpers';

export { expect } from '@playwright/test';
export type { AppHandle } from './harness/app-handle';
export type { SiteSpec } from './workspace-helpers';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const RENDERER_DIR = path.join(REPO, 'dist', 'renderer');
const MAIN_SCRIPT = path.join(REPO, 'dist', 'main', 'main.cjs');

// The binary lookup and Chromium's launch settings live in plain .mjs build scripts (shared with the
// icon renderer and the benchmark; the lookup must not trigger Electron's download).
const electronBinaryModule = new URL('../../build/electron-binary.mjs', import.meta.url).href;
const { findElectronBinary } = (await import(electronBinaryModule)) as {
  findElectronBinary(): string | null;
};
const chromiumModule = new URL('../../build/chromium.mjs', import.meta.url).href;
/** Chromium for the no-Electron path (Debian's package by default). */
const { CHROMIUM_PATH, CHROMIUM_ARGS } = (await import(chromiumModule)) as {
  CHROMIUM_PATH: string;
  CHROMIUM_ARGS: readonly string[];
};

/** The Electron binary, or null when the Chromium path is used. */
export const ELECTRON_BINARY: string | null = findElectronBinary();

function requireBuilt(file: string): void {
  if (!fs.existsSync(file))
    throw new Error(`${path.relative(REPO, file)} is missing: run \`npm run build\` first.`);
}

/** Chromium, started once per worker on first use (each test gets its own server and context). */
interface ChromiumHarness {
  browser: Browser;
}

interface TestFixtures {
  /** A fresh temporary config directory (GPJOBS_CONFIG_DIR). */
  configDir: string;
  /** A keychain service name of this test only. */
  keychainService: string;
  /** Where a test may write managed profiles (GPJOBS_MANAGED_CONFIG); absent unless a test writes it. */
  managedProfilesPath: string;
  /** Starts an ArcGIS Server simulator that is closed after the test. */
  startSimulator: (options?: SimOptions) => Promise<Simulator>;
  /** URLs the app asked the OS to open (Chromium path; Electron opens the real browser). */
  openedExternal: string[];
  /** The running app. */
  app: AppHandle;
  /** Starts a simulator per site, seeds their profiles and opens the workspace with all their jobs. */
  openSites: (sites: readonly SiteSpec[], viewport?: ViewportSize) => Promise<OpenedSites>;
  /** Starts a simulator with these options and opens the Add server form: the page, simulator and form. */
  openServerForm: (options: SimOptions) => Promise<{ page: Page; sim: Simulator; dialog: Locator }>;
  /** {@link TestFixtures.openSites} for one site: the page, its simulator and its profile id. */
  openSite: (
    site: SiteSpec,
    viewport?: ViewportSize,
  ) => Promise<{ page: OpenedSites['page']; sim: Simulator; profileId: string }>;
}

interface WorkerFixtures {
  chromiumHarness: () => Promise<ChromiumHarness>;
}

async function deleteKeychainService(service: string): Promise<void> {
  // Without a session bus there is no Secret Service, and nothing can have been stored.
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) return;
  const keytar = (await import('@github/keytar')).default;
  for (const { account } of await keytar.findCredentials(service))
    await keytar.deletePassword(service, account);
}

/** The e2e `test`, with the fixtures above. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  chromiumHarness: [
    // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const state: { started: Promise<ChromiumHarness> | null } = { started: null };
      await use(() => {
        state.started ??= (async () => {
          requireBuilt(path.join(RENDERER_DIR, 'index.html'));
          const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
          return { browser };
        })();
        return state.started;
      });
      if (state.started) await (await state.started).browser.close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern
  configDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpjobs-e2e-'));
    await use(path.join(dir, 'config'));
    fs.rmSync(dir, { recursive: true, force: true });
  },

  // eslint-disable-next-line no-empty-pattern
  keychainService: async ({}, use) => {
    const service = `gp-job-admin-test-${crypto.randomBytes(6).toString('hex')}`;
    await use(service);
    await deleteKeychainService(service);
  },

  managedProfilesPath: async ({ configDir }, use) => {
    await use(path.join(path.dirname(configDir), 'managed', 'profiles.json'));
  },

  // eslint-disable-next-line no-empty-pattern
  startSimulator: async ({}, use) => {
    const running: Simulator[] = [];
    await use(async (options) => {
      const simulator = await startSimulator(options);
      running.push(simulator);
      return simulator;
    });
    await Promise.all(running.map((simulator) => simulator.close()));
  },

  // eslint-disable-next-line no-empty-pattern
  openedExternal: async ({}, use) => {
    await use([]);
  },

  app: async (
    { chromiumHarness, configDir, keychainService, managedProfilesPath, openedExternal, locale },
    use,
    testInfo,
  ) => {
    let app: AppHandle;
    let dispose = async () => undefined as void;
    if (ELECTRON_BINARY) {
      requireBuilt(MAIN_SCRIPT);
      app = await launchElectronApp({
        executablePath: ELECTRON_BINARY,
        mainScript: MAIN_SCRIPT,
        configDir,
        keychainService,
        managedProfilesPath,
      });
    } else {
      const { browser } = await chromiumHarness();
      const core = createAppCore({
        configDir,
        managedProfilesPath,
        keychainService,
        openExternal: async (url) => {
          openedExternal.push(url);
        },
      });
      dispose = () => core.dispose();
      // Playwright's `locale` option (test.use({ locale })) stands for the OS locale.
      app = await launchWebApp({ browser, core, rendererDir: RENDERER_DIR, ...(locale ? { locale } : {}) });
    }

    await use(app);

    const screenshot = testInfo.outputPath('window.png');
    await app.page.screenshot({ path: screenshot }).then(
      () => testInfo.attachments.push({ name: 'window', path: screenshot, contentType: 'image/png' }),
      () => undefined, // the test may have closed the window itself
    );
    await app.close();
    await dispose();
  },

  openSites: async ({ app, startSimulator }, use) => {
    await use((sites, viewport) => openSites(app.page, startSimulator, sites, viewport));
  },

  openServerForm: async ({ app, startSimulator }, use) => {
    await use(async (options) => {
      const sim = await startSimulator(options);
      return { page: app.page, sim, dialog: await openAddServer(app.page) };
    });
  },

  openSite: async ({ openSites }, use) => {
    await use(async (site, viewport) => {
      const { page, sims, profileIds } = await openSites([site], viewport);
      return { page, sim: sims[0]!, profileId: profileIds[0]! };
    });
  },
});
