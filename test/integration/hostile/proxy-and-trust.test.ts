/**
 * The Node transport behind a proxy and with extra trust: HTTPS_PROXY/HTTP_PROXY and NO_PROXY are honoured
 * (this machine's own addresses never go through a proxy), and a profile's CA is added to the default trust
 * (NODE_EXTRA_CA_CERTS included) rather than replacing it.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim/index';
import { startSimulator } from '../../arcgis-sim/index';
import { createNodeFetch } from '../../../electron/core/arcgis';
import type { FetchInit } from '../../../electron/core/arcgis/transport';
import { TEST_CA_PEM } from '../../fixtures/test-ca';

/** A fresh request each time (a proxy agent adds a Host header to the headers object it is given). */
const post = (): FetchInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: 'f=json',
  redirect: 'manual',
});

/** A CONNECT proxy on loopback that sends every tunnel to `target` and records what it was asked for. */
async function connectProxy(targetPort: () => number) {
  const asked: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    asked.push(req.url ?? '');
    const upstream = net.connect(targetPort(), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, asked, close: () => new Promise((r) => server.close(r)) };
}

describe('proxy from the environment', () => {
  let sim: Simulator;
  let proxy: Awaited<ReturnType<typeof connectProxy>>;
  beforeAll(async () => {
    sim = await startSimulator({ https: false, jobs: 1 });
    proxy = await connectProxy(() => Number(new URL(sim.url).port));
  });
  afterAll(async () => {
    await proxy.close();
    await sim.close();
  });
  const remote = () => `http://gis.proxy-test.invalid:${new URL(sim.url).port}/arcgis/rest/info`;

  it('goes through HTTP_PROXY to a remote host', async () => {
    const f = createNodeFetch({ caCertPem: null, concurrency: 1 }, { HTTP_PROXY: proxy.url });
    const res = await f(remote(), post());
    expect(res.status).toBe(200);
    expect(proxy.asked).toContain(`gis.proxy-test.invalid:${new URL(sim.url).port}`);
    await f.close();
  });

  it('bypasses it for NO_PROXY hosts and for this machine', async () => {
    proxy.asked.length = 0;
    const env = { HTTP_PROXY: proxy.url, NO_PROXY: 'proxy-test.invalid' };
    const f = createNodeFetch({ caCertPem: null, concurrency: 1 }, env);
    await expect(f(remote(), post())).rejects.toThrow();
    expect((await f(`${sim.url}/rest/info`, post())).status).toBe(200);
    expect(proxy.asked).toEqual([]);
    await f.close();
  });
});

describe('trust', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ jobs: 1 });
  });
  afterAll(() => sim.close());

  it('a profile CA is added to NODE_EXTRA_CA_CERTS, not put instead of it', async () => {
    // The server is signed by the CA named in NODE_EXTRA_CA_CERTS; the profile trusts an unrelated CA too.
    const f = createNodeFetch({ caCertPem: TEST_CA_PEM, concurrency: 1 }, {});
    const before = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = sim.caFile;
    try {
      const g = createNodeFetch({ caCertPem: TEST_CA_PEM, concurrency: 1 }, {});
      expect((await g(`${sim.url}/rest/info`, post())).status).toBe(200);
      await g.close();
    } finally {
      if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = before;
    }
    // Without it, the unrelated profile CA alone does not make the server trusted: verification stays on.
    await expect(f(`${sim.url}/rest/info`, post())).rejects.toThrow();
    await f.close();
  });
});
