/**
 * The e2e harness's Chromium path, reused by the table benchmark: the app as `gpjobs ui` serves it (the
 * built renderer with the app's CSP, the web client over HTTP and SSE to the real `dispatch` and handlers).
 *
 * The harness belongs to the e2e TypeScript project (DOM types), which the Node project must not include,
 * so it is loaded at run time by URL and typed here by the parts the benchmark uses.
 */
import type { Browser, Page } from '@playwright/test';
import type { ChannelHandlers, EventChannel, EventPayloads } from '../../electron/shared/contract';

const harnessUrl = (name: string): string => new URL(`../e2e/harness/${name}.ts`, import.meta.url).href;

/** The core the server dispatches to (`createAppCore` of electron/main/app-core). */
export interface HarnessCore {
  handlers: ChannelHandlers;
  onEvent<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
  dispose(): Promise<void>;
}

/** The app in a fresh browser context, with its own server. */
export interface HarnessApp {
  page: Page;
  close(): Promise<void>;
}

/** What the benchmark uses of the harness. */
export interface E2eHarness {
  launchWebApp(options: {
    browser: Browser;
    core: HarnessCore;
    rendererDir: string;
    initScript?: string;
  }): Promise<HarnessApp>;
}

/** Loads the harness module. */
export async function loadE2eHarness(): Promise<E2eHarness> {
  const app = (await import(harnessUrl('web-app'))) as Pick<E2eHarness, 'launchWebApp'>;
  return { launchWebApp: app.launchWebApp };
}
