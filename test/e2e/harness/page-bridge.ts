/**
 * Browser-side half of the Chromium path, bundled by esbuild into an init script: builds `window.gpjobs`
 * with the preload's own `buildApi`, over a Playwright binding instead of Electron IPC. Runs in the top
 * frame only, hides the raw binding from the page, and delivers events the harness dispatches.
 */
import { buildApi } from '../../../electron/preload/api';
import { BINDING_NAME, EVENT_TYPE } from './bridge-names';

/** The binding: payload and result each as one JSON string (see chromium-app.ts). */
type Bridge = (channel: string, payloadJson: string | undefined) => Promise<string>;

const scope = window as unknown as Record<string, unknown>;

if (window === window.top && !('gpjobs' in scope)) {
  const bridge = scope[BINDING_NAME] as Bridge;
  delete scope[BINDING_NAME];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  window.addEventListener(EVENT_TYPE, (event) => {
    const { channel, payload } = (event as CustomEvent<{ channel: string; payload: unknown }>).detail;
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  });
  const api = buildApi({
    invoke: async (channel, payload) =>
      JSON.parse(
        await bridge(channel, payload === undefined ? undefined : JSON.stringify(payload)),
      ) as unknown,
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => {
        set.delete(listener);
      };
    },
  });
  Object.defineProperty(window, 'gpjobs', {
    value: api,
    enumerable: true,
    configurable: false,
    writable: false,
  });
}
