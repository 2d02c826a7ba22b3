/**
 * The renderer's transport, chosen once at start-up: the desktop app's preload has already put
 * `window.gpjobs` there; in a browser (`gpjobs ui`) this module builds it with the preload's own `buildApi`
 * over HTTP (one POST per call, Server-Sent Events for pushes), so both are derived from the same contract.
 */
import { buildApi, type ApiTransport } from '../../../electron/preload/api';
import {
  WEB_EVENTS_PATH,
  WEB_INVOKE_PATH,
  WEB_READY_EVENT,
  WEB_STREAM_HEADER,
  encodeInvoke,
} from '../../../electron/shared/web-api';
import type { AppError, GpJobsApi } from './contract-types';
import { t } from './strings';

function failure(error: AppError): { ok: false; error: AppError } {
  return { ok: false, error };
}

/** What the page says when gpjobs ui is gone or refused it (its answers are Results in every other case). */
function unreachable(status: number | null): { ok: false; error: AppError } {
  if (status === 401 || status === 403) {
    return failure({
      kind: 'permission',
      message: t.errors.uiSignedOut,
    });
  }
  return failure({
    kind: 'network',
    message: t.errors.uiLost(location.host, status),
  });
}

/** The stream id in a ready event's data (empty when it has none). */
function streamId(data: string): string {
  try {
    const parsed = JSON.parse(data) as { stream?: unknown };
    return typeof parsed.stream === 'string' ? parsed.stream : '';
  } catch {
    return '';
  }
}

/** The HTTP transport: results as the server's JSON Results, events from one EventSource. */
export function webTransport(): ApiTransport {
  const source = new EventSource(WEB_EVENTS_PATH);
  // This page's stream, named by the server in every ready event (a reconnected stream gets a new one):
  // sent with each call so the events a call raises for its caller come to this page alone.
  let stream = '';
  source.addEventListener(WEB_READY_EVENT, (event: MessageEvent<string>) => {
    stream = streamId(event.data);
  });
  // The first request waits until the event stream is open, so no event it causes can be missed.
  const ready = new Promise<void>((resolve) => {
    source.addEventListener(WEB_READY_EVENT, () => resolve(), { once: true });
    source.addEventListener('error', () => resolve(), { once: true });
  });
  return {
    invoke: async (channel, payload) => {
      const body = encodeInvoke(channel, payload);
      if (!body.ok) return body;
      await ready;
      let response: Response;
      try {
        response = await fetch(WEB_INVOKE_PATH, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(stream ? { [WEB_STREAM_HEADER]: stream } : {}) },
          body: body.value,
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch {
        return unreachable(null);
      }
      const json = response.headers.get('Content-Type')?.startsWith('application/json');
      if (!json || response.status === 401 || response.status >= 500) return unreachable(response.status);
      return (await response.json()) as unknown;
    },
    subscribe: (channel, listener) => {
      const forward = (event: MessageEvent<string>) => listener(JSON.parse(event.data) as unknown);
      source.addEventListener(channel, forward);
      return () => source.removeEventListener(channel, forward);
    },
  };
}

/**
 * Makes sure `window.gpjobs` exists before the app mounts: the preload's in the desktop app, otherwise
 * (served over http by gpjobs ui) the web client, defined as the preload defines it: frozen, not writable.
 */
export function chooseTransport(scope: Window): GpJobsApi {
  const preloaded = (scope as Partial<Pick<Window, 'gpjobs'>>).gpjobs;
  if (preloaded) return preloaded;
  if (scope.location.protocol !== 'http:' && scope.location.protocol !== 'https:') {
    throw new Error('GP Job Admin: no window.gpjobs (the preload did not run) and not served by gpjobs ui.');
  }
  const api = buildApi(webTransport());
  Object.defineProperty(scope, 'gpjobs', {
    value: api,
    enumerable: true,
    configurable: false,
    writable: false,
  });
  return api;
}
