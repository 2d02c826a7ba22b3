/**
 * The HTTP form of the IPC contract, used by `gpjobs ui` (electron/web) and its browser client
 * (renderer/src/lib/web-transport.ts): one invoke path carrying `{ channel, payload }` and answering the
 * channel's Result, and one Server-Sent Events stream whose event names are the contract's event channels.
 */

/** POST here with a JSON body `{ channel, payload }`; the answer is the channel's Result as JSON. */
export const WEB_INVOKE_PATH = '/api/invoke';

/** GET here for the pushed events (text/event-stream; `event:` is the channel, `data:` its JSON payload). */
export const WEB_EVENTS_PATH = '/api/events';

/** The query parameter carrying the per-launch secret in the URL `gpjobs ui` prints. */
export const WEB_KEY_PARAM = 'key';

/**
 * The SSE event sent first on every stream, once the server delivers events to it. Its data names the
 * stream (`{ "stream": id }`), which the page sends back on each call in `WEB_STREAM_HEADER` so the events
 * a call raises (a streamed listing's pages) go to that page alone.
 */
export const WEB_READY_EVENT = 'gpjobs.ready';

/** The request header naming the caller's event stream (from the ready event). */
export const WEB_STREAM_HEADER = 'X-GpJobs-Stream';

/** JSON.stringify's replacer that refuses what JSON would silently change (NaN to null, ...). */
function exactly(this: unknown, _key: string, value: unknown): unknown {
  const changed =
    (typeof value === 'number' && !Number.isFinite(value)) ||
    typeof value === 'function' ||
    typeof value === 'symbol' ||
    typeof value === 'bigint' ||
    (value === undefined && Array.isArray(this));
  if (changed) throw new TypeError('not plain JSON data');
  return value;
}

/**
 * The body of one call, as the web client sends it. A payload JSON cannot carry as it is (NaN or Infinity,
 * which JSON turns into null; a function, BigInt or cycle; nesting too deep for the encoder) is rejected
 * here, as the server rejects malformed data, instead of arriving changed or being thrown at the page.
 */
export function encodeInvoke(
  channel: string,
  payload: unknown,
): { ok: true; value: string } | { ok: false; error: { kind: 'invalid-input'; message: string } } {
  try {
    return { ok: true, value: JSON.stringify({ channel, payload }, exactly) };
  } catch {
    return {
      ok: false,
      error: {
        kind: 'invalid-input',
        message: `Rejected a malformed request to ${channel}: it holds data JSON cannot carry as it is (NaN, Infinity, a function, or nesting too deep).`,
      },
    };
  }
}
