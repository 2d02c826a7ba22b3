/**
 * The core's HTTP transport in Electron: Chromium's network stack (`net`), so the system proxy (PAC, WPAD,
 * authenticating proxies) and the OS certificate store apply.
 *
 * Built on `net.request` rather than `net.fetch`: with `redirect: 'manual'`, `net.fetch` rejects with
 * "Redirect was cancelled" and loses the status and Location the core needs to explain the redirect.
 * Here a redirect resolves as its own 3xx response, with a Location header, and is never followed,
 * so a token in a POST body never travels to another address.
 */
import { net } from 'electron';
import type { Readable } from 'node:stream';
import type { FetchInit, FetchLike, ResponseLike } from '../core';

/** Statuses a web Response must not have a body for. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function toHeaders(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * The response body as a web stream. Not `Readable.toWeb`: its data listener outlives a cancel, so a chunk
 * already buffered in the message (the core cancels at once when a declared size is over the cap) is then
 * enqueued on the closed stream and throws an uncaught TypeError in the main process.
 */
function webBody(stream: Readable): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      stream.on('data', (chunk: Buffer) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) stream.pause();
      });
      stream.once('end', () => {
        if (!done) controller.close();
        done = true;
      });
      stream.once('error', (error) => {
        if (!done) controller.error(error);
        done = true;
      });
    },
    pull() {
      stream.resume();
    },
    cancel() {
      done = true;
      stream.destroy();
    },
  });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** A `FetchLike` over Electron's `net` module: no cookies, no redirects followed, abortable. */
export function createElectronFetch(): FetchLike {
  return (url: string, init: FetchInit): Promise<ResponseLike> =>
    new Promise<ResponseLike>((resolve, reject) => {
      const { signal } = init;
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const request = net.request({
        url,
        method: init.method,
        redirect: 'manual',
        useSessionCookies: false,
        credentials: 'omit',
        bypassCustomProtocolHandlers: true,
      });
      for (const [name, value] of Object.entries(init.headers)) request.setHeader(name, value);

      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        action();
      };
      const onAbort = () => {
        request.abort();
        settle(() => reject(abortError(signal as AbortSignal)));
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      request.on('redirect', (statusCode, _method, redirectUrl, responseHeaders) => {
        const headers = toHeaders(responseHeaders);
        headers.set('location', redirectUrl);
        request.abort();
        settle(() => resolve(new Response(null, { status: statusCode, headers })));
      });
      request.on('response', (response) => {
        const stream = response as unknown as Readable;
        const body = NULL_BODY_STATUSES.has(response.statusCode) ? null : webBody(stream);
        // A later abort must also end the body stream the core is reading.
        signal?.addEventListener('abort', () => stream.destroy(abortError(signal) as Error), { once: true });
        settle(() => {
          try {
            const headers = toHeaders(response.headers);
            resolve(
              new Response(body, {
                status: response.statusCode,
                statusText: response.statusMessage,
                headers,
              }),
            );
          } catch (error) {
            stream.destroy();
            reject(error);
          }
        });
      });
      request.on('error', (error) => settle(() => reject(error)));
      if (init.body !== undefined) request.write(init.body);
      request.end();
    });
}
