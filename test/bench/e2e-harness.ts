/**
 * The e2e harness's Chromium path, reused by the table benchmark: the renderer server (the app's files,
 * MIME types and CSP), the page bridge (`window.gpjobs` built by the preload's own `buildApi` over a
 * Playwright binding) and the launcher that hands requests to the real `dispatch` and handlers.
 *
 * Those modules belong to the e2e TypeScript project (DOM types), which the Node project must not include,
 * so they are loaded at run time by URL and typed here by the parts the benchmark uses.
 */
import type { Browser, Page } from '@playwright/test';
import type { ChannelHandlers, EventChannel, EventPayloads } from '../../electron/shared/contract';

const harnessUrl = (name: string): string => new URL(`../e2e/harness/${name}.ts`, import.meta.url).href;

/** The core the bridge dispatches to (`createAppCore` of electron/main/handlers). */
export interface HarnessCore {
  handlers: ChannelHandlers;
  onEvent<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
  dispose(): Promise<void>;
}

/** A running renderer server. */
export interface HarnessRendererServer {
  origin: string;
  close(): Promise<void>;
}

/** The app in a fresh browser context. */
export interface HarnessApp {
  page: Page;
  close(): Promise<void>;
}

/** What the benchmark uses of the harness. */
export interface E2eHarness {
  bindingName: string;
  startRendererServer(rendererDir: string): Promise<HarnessRendererServer>;
  bundlePageBridge(): Promise<string>;
  launchChromiumApp(options: {
    browser: Browser;
    origin: string;
    bridgeScript: string;
    core: HarnessCore;
  }): Promise<HarnessApp>;
}

/** Loads the harness modules. */
export async function loadE2eHarness(): Promise<E2eHarness> {
  const [server, bundle, names, app] = await Promise.all([
    import(harnessUrl('renderer-server')),
    import(harnessUrl('bridge-bundle')),
    import(harnessUrl('bridge-names')),
    import(harnessUrl('chromium-app')),
  ]);
  return {
    bindingName: (names as { BINDING_NAME: string }).BINDING_NAME,
    startRendererServer: (server as Pick<E2eHarness, 'startRendererServer'>).startRendererServer,
    bundlePageBridge: (bundle as Pick<E2eHarness, 'bundlePageBridge'>).bundlePageBridge,
    launchChromiumApp: (app as Pick<E2eHarness, 'launchChromiumApp'>).launchChromiumApp,
  };
}
