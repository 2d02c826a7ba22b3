/**
 * The Chromium path (no Electron binary): the built renderer, served with the app's CSP, in a fresh browser
 * context, with `window.gpjobs` built by the preload's `buildApi` over a Playwright binding. The binding
 * checks its caller as the IPC wrapper does (main frame, the app's origin) and hands requests to the same
 * `dispatch` and handlers, so validation and behaviour are those of the real main process.
 */
import type { Browser } from '@playwright/test';
import { err } from '../../../electron/core/types';
import { dispatch } from '../../../electron/main/dispatch';
import { EVENT_CHANNELS, type EventChannel, type EventPayloads } from '../../../electron/shared/contract';
import type { AppCore } from './app-core';
import type { AppHandle } from './app-handle';
import { BINDING_NAME, EVENT_TYPE } from './bridge-names';

/** What the Chromium path needs. */
export interface ChromiumAppOptions {
  browser: Browser;
  /** Origin of the renderer server, e.g. http://127.0.0.1:PORT. */
  origin: string;
  /** The bundled page bridge (bridge-bundle.ts). */
  bridgeScript: string;
  core: AppCore;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Opens the app in a new context and page; resolves once the renderer has loaded. */
export async function launchChromiumApp({
  browser,
  origin,
  bridgeScript,
  core,
}: ChromiumAppOptions): Promise<AppHandle> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();

  // Payloads and results cross as one JSON string each way: Playwright's own argument serializer walks
  // values object by object on the page's main thread (seconds for 100,000 jobs), which Electron's IPC
  // (structured clone) does not; a string keeps the harness from distorting what the page measures.
  await page.exposeBinding(BINDING_NAME, async (source, channel: unknown, payloadJson: unknown) => {
    const trusted = source.frame === source.page.mainFrame() && originOf(source.frame.url()) === origin;
    if (!trusted) {
      return JSON.stringify(
        err({
          kind: 'permission',
          message: 'Refused: the request did not come from the GP Job Admin window.',
        }),
      );
    }
    return JSON.stringify(await dispatch(channel, decodePayload(payloadJson), core.handlers));
  });
  await page.addInitScript({ content: bridgeScript });

  // Events are delivered in order, as IPC would; a page that is closing simply misses them.
  let delivery = Promise.resolve();
  const emit = <E extends EventChannel>(channel: E, payload: EventPayloads[E]): Promise<void> => {
    delivery = delivery
      .then(() =>
        page.evaluate(
          ([type, detail]) => {
            window.dispatchEvent(new CustomEvent(type, { detail }));
          },
          [EVENT_TYPE, { channel, payload }] as const,
        ),
      )
      .catch(() => undefined);
    return delivery;
  };
  const unsubscribes = EVENT_CHANNELS.map((channel) =>
    core.onEvent(channel, (payload) => void emit(channel, payload)),
  );

  await page.goto(`${origin}/`);
  return {
    kind: 'chromium',
    page,
    emit,
    close: async () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
      await context.close();
    },
  };
}

/** The payload the page sent as JSON; anything else goes on to validation as it is (and is rejected there). */
function decodePayload(payloadJson: unknown): unknown {
  if (typeof payloadJson !== 'string') return payloadJson;
  try {
    return JSON.parse(payloadJson) as unknown;
  } catch {
    return payloadJson;
  }
}
