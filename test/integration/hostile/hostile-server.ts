/**
 * A scripted "ArcGIS Server" on loopback (plain http, which may carry credentials only to this machine) for
 * hostile answers: a plausible site by default, with any route replaced by what a test wants to throw at
 * the client (wrong types, control characters, redirects, lies about sizes, silence, dropped sockets).
 */
import http from 'node:http';
import type net from 'node:net';

/** One scripted answer. */
export interface HostileReply {
  status?: number;
  type?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Drop the socket after the headers (and part of the body). */
  destroy?: boolean;
  /** Never answer. */
  hang?: boolean;
}

/** A route override: an answer for this path, or undefined for the default site. */
export type HostileRoute = (path: string, params: Record<string, string>) => HostileReply | undefined;

/** A running hostile server. */
export interface HostileServer {
  /** Site root, `http://127.0.0.1:PORT/arcgis`. */
  url: string;
  requests: Array<{ path: string; params: Record<string, string> }>;
  close(): Promise<void>;
}

const json = (value: unknown): HostileReply => ({ body: JSON.stringify(value) });

/** The default, well-behaved site: one asynchronous GP service `S` with two jobs. */
export function defaultSite(path: string): HostileReply {
  const now = Date.now();
  if (path.endsWith('/rest/info')) return json({ currentVersion: 11.3, fullVersion: '11.3.0' });
  if (path.endsWith('/generateToken')) return json({ token: 'tok-1', expires: now + 3_600_000 });
  if (path.endsWith('/admin/info'))
    return json({ loggedInUserPrivilege: 'ADMINISTER', loggedInUser: 'admin' });
  if (path.endsWith('/admin/services'))
    return json({ folders: [], services: [{ serviceName: 'S', type: 'GPServer' }] });
  if (path.endsWith('/admin/services/S.GPServer'))
    return json({ properties: { executionType: 'Asynchronous' } });
  if (path.endsWith('/jobs/query')) {
    return json({
      results: [
        { jobId: 'j1', status: 'esriJobSucceeded', submitted: now - 5000, lastModified: now - 1000 },
        { jobId: 'j2', status: 'esriJobFailed', submitted: now - 9000, lastModified: now - 2000 },
      ],
      total: 2,
      num: 2,
      start: 1,
      nextStart: -1,
    });
  }
  if (/\/jobs\/[^/]+\/(delete|cancel)$/.test(path)) return json({ status: 'success' });
  if (/\/jobs\/[^/]+$/.test(path)) return json({ jobId: 'j1', status: 'esriJobSucceeded' });
  if (path.endsWith('/rest/services/S/GPServer')) return json({ tasks: ['T'] });
  return { status: 404, body: JSON.stringify({ error: { code: 404, message: 'Not found' } }) };
}

/** Starts the server with `route` overriding the default site where it answers. */
export async function hostileServer(route: HostileRoute = () => undefined): Promise<HostileServer> {
  const requests: HostileServer['requests'] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const params = Object.fromEntries([...url.searchParams, ...new URLSearchParams(raw)]);
      requests.push({ path: url.pathname, params });
      const reply = route(url.pathname, params) ?? defaultSite(url.pathname);
      if (reply.hang) return;
      const body = reply.body ?? '';
      res.writeHead(reply.status ?? 200, {
        'Content-Type': reply.type ?? 'application/json',
        ...reply.headers,
      });
      if (reply.destroy) {
        res.write(body.slice(0, Math.floor(body.length / 2)));
        res.socket?.destroy();
        return;
      }
      res.end(body);
    });
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/arcgis`,
    requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
