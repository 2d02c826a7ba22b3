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

/** The SSE event sent first on every stream, once the server delivers events to it. */
export const WEB_READY_EVENT = 'gpjobs.ready';
