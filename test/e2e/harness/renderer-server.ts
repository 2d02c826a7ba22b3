/**
 * A loopback HTTP server for the Chromium path, serving dist/renderer through `rendererResponse`: the same
 * files, MIME types, path checks and CSP header as Electron's `app://` protocol.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rendererResponse } from '../../../electron/main/renderer-files';

/** A running renderer server. */
export interface RendererServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `rendererDir` on 127.0.0.1 (a free port). */
export async function startRendererServer(rendererDir: string): Promise<RendererServer> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    // The raw request target: rendererResponse does its own decoding and traversal checks.
    void rendererResponse(request.url ?? '/', rendererDir).then(({ status, headers, body }) => {
      response.writeHead(status, { ...headers, 'Content-Length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
