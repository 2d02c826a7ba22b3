/**
 * The Chromium path (no Electron binary): the app as `gpjobs ui` serves it. A web server of electron/web
 * (loopback only, per-launch key, session cookie, the app's CSP) over the test's own core, and the built
 * renderer in a fresh browser context, which picks the web client because no preload ran. Requests travel
 * over real HTTP to the same `dispatch` and handlers as the desktop app's IPC; events over SSE.
 */
import type { Browser } from '@playwright/test';
import { startWebServer } from '../../../electron/web/server';
import type { AppCore } from './app-core';
import type { AppHandle } from './app-handle';

/** What the Chromium path needs. */
export interface WebAppOptions {
  browser: Browser;
  core: Pick<AppCore, 'handlers' | 'onEvent'>;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** A script to run in the page before the app (the benchmark's instrumentation). */
  initScript?: string;
  /** The browser's language and formats (as the OS locale reaches the app), e.g. `de-DE`. */
  locale?: string;
}

/** Serves the app and opens it in a new context and page; resolves once the renderer has loaded. */
export async function launchWebApp({
  browser,
  core,
  rendererDir,
  initScript,
  locale,
}: WebAppOptions): Promise<AppHandle> {
  const server = await startWebServer({ handlers: core.handlers, onEvent: core.onEvent, rendererDir });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
    ...(locale ? { locale } : {}),
  });
  try {
    const page = await context.newPage();
    if (initScript) await page.addInitScript({ content: initScript });
    // The printed address, as an administrator opens it: the key is exchanged for the session cookie.
    await page.goto(server.url);
    return {
      kind: 'chromium',
      page,
      emit: async (channel, payload) => server.publish(channel, payload),
      close: async () => {
        await context.close();
        await server.close();
      },
    };
  } catch (error) {
    await Promise.all([context.close(), server.close()]);
    throw error;
  }
}
