/**
 * The `app://` protocol the renderer is served from (never `file://`): privileged as a standard, secure
 * scheme so the page gets a real origin, and answered from dist/renderer by `rendererResponse`.
 */
import { protocol } from 'electron';
import { rendererResponse } from './renderer-files';
import { APP_HOST, APP_SCHEME } from './security';

/** Declares the app scheme's privileges; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the renderer on `app://gp-job-admin/`; any other host, or any method but GET/HEAD, is refused. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found.', { status: 404 });
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const response = await rendererResponse(url.pathname, rendererDir);
    const body = request.method === 'HEAD' ? null : new Uint8Array(response.body);
    return new Response(body, { status: response.status, headers: response.headers });
  });
}
