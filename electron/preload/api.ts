/**
 * The preload API, built from the contract alone: one method per invoke channel, one subscription per event,
 * nothing else. Pure (no Electron import) so the e2e harness bundles the very same code into Chromium.
 */
import {
  INVOKE_CHANNELS,
  SUBSCRIPTIONS,
  apiPath,
  type EventChannel,
  type GpJobsApi,
} from '../shared/contract';
import type { InvokeChannel } from '../shared/schemas';

/** How the API reaches main: Electron IPC in the preload, a Playwright binding in the e2e harness. */
export interface ApiTransport {
  /** Sends one request on a contract channel and resolves with main's Result. */
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  /** Listens to an event channel; the listener receives only the payload. Returns the unsubscribe. */
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

type Method = (...args: unknown[]) => unknown;

/**
 * Builds `window.gpjobs` over a transport. Every object is frozen and has a null prototype, so the page
 * can neither add a generic `invoke` nor reach anything through the API but the contract's operations.
 */
export function buildApi(transport: ApiTransport): GpJobsApi {
  const namespaces = new Map<string, Record<string, Method>>();
  const namespace = (name: string): Record<string, Method> => {
    let ns = namespaces.get(name);
    if (!ns) {
      ns = Object.create(null) as Record<string, Method>;
      namespaces.set(name, ns);
    }
    return ns;
  };

  for (const channel of INVOKE_CHANNELS) {
    const [ns, method] = apiPath(channel);
    // A single payload argument; main validates it, whatever the page passes.
    namespace(ns)[method] = (payload?: unknown) => transport.invoke(channel, payload);
  }

  const events = namespace('events');
  for (const [method, channel] of Object.entries(SUBSCRIPTIONS) as [string, EventChannel][]) {
    events[method] = (listener: unknown) => {
      if (typeof listener !== 'function') {
        throw new TypeError(`gpjobs.events.${method} needs a listener function.`);
      }
      let active = true;
      const unsubscribe = transport.subscribe(channel, (payload) => {
        if (active) (listener as (payload: unknown) => void)(payload);
      });
      return () => {
        if (!active) return;
        active = false;
        unsubscribe();
      };
    };
  }

  const api = Object.create(null) as Record<string, Readonly<Record<string, Method>>>;
  for (const [name, methods] of namespaces) api[name] = Object.freeze(methods);
  return Object.freeze(api) as unknown as GpJobsApi;
}
