/**
 * A transport for Node over undici's dispatcher API (`Agent.request`) rather than its `fetch`. The
 * dispatcher skips the web-standard Request/Response/Headers/stream objects `fetch` builds per call, which
 * cuts the client's CPU per request in bulk runs by about 40 %. It never follows redirects (no redirect
 * interceptor), so a 3xx comes back as itself, with its Location header.
 *
 * It replaced the WHATWG `fetch` transport once a bulk-engine race it exposed (a server going down and
 * coming back mid-run) was fixed; both run the same transport test suite. Form POSTs (every client call)
 * take a cheaper path still, `sendForm` (undici-form.ts); the `FetchLike` call stays for everything else.
 */
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';
import tls from 'node:tls';
import { Agent, EnvHttpProxyAgent } from 'undici';
import type { Dispatcher } from 'undici';
import { isLoopbackHost } from '../credentials/plain-http';
import { splitUrl } from './paths';
import type { FetchInit, NodeFetch, ResponseLike } from './transport';
import { createFormSender } from './undici-form';

function noop(): void {}

type RawHeaders = Record<string, string | string[] | undefined>;
type BodyReader = NonNullable<ResponseLike['body']>;

/** Case-insensitive reads over undici's lowercased response headers; repeated headers joined by ", ". */
function headersOf(raw: RawHeaders): ResponseLike['headers'] {
  return {
    get(name: string): string | null {
      const v = raw[name.toLowerCase()];
      if (v === undefined) return null;
      return Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

/** A `getReader()` over a Node stream: reads chunk by chunk; `cancel` destroys the stream (and request). */
function bodyOf(stream: Readable): BodyReader {
  return {
    getReader() {
      const it = stream[Symbol.asyncIterator]();
      return {
        async read() {
          const { done, value } = await it.next();
          if (done) return { done: true };
          return { done: false, value: typeof value === 'string' ? Buffer.from(value) : value };
        },
        async cancel() {
          // undici's body errors when destroyed before its end: nobody reads it any more.
          stream.on('error', noop);
          stream.destroy();
        },
      };
    },
  };
}

/**
 * The certificates a profile's own CA is added to: Node's bundled roots, the OS store where this Node can
 * read it (`tls.getCACertificates`, Node 22.15+/23.5+), and `NODE_EXTRA_CA_CERTS`, which Node ignores as
 * soon as a `ca` list is given, so it is read here. A profile CA is an addition, never a replacement.
 */
export function defaultTrust(env: NodeJS.ProcessEnv = process.env): string[] {
  const get = (tls as { getCACertificates?: (kind: string) => string[] }).getCACertificates;
  const certs = new Set<string>(get ? get('default') : tls.rootCertificates);
  if (get) {
    try {
      for (const c of get('system')) certs.add(c);
    } catch {
      // No readable system store on this platform: the bundled roots stand.
    }
  }
  const extra = env.NODE_EXTRA_CA_CERTS;
  if (extra) {
    try {
      const text = readFileSync(extra, 'utf8');
      for (const c of text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [])
        certs.add(c);
    } catch {
      // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS at start-up.
    }
  }
  return [...certs];
}

/** TLS settings built once per profile: one secure context holding the default trust plus the profile's CA. */
function connectOptions(caCertPem: string | null): { secureContext?: tls.SecureContext } {
  if (!caCertPem?.trim()) return {};
  return { secureContext: tls.createSecureContext({ ca: [...defaultTrust(), caCertPem] }) };
}

/** Whether the environment names a proxy (`HTTPS_PROXY`, `HTTP_PROXY`, either case). */
function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY);
}

/**
 * A `FetchLike` over one undici `Agent`: the default trust PLUS the profile's CA (for this server's agent
 * only; TLS verification is never disabled), keep-alive pool sized to the profile's concurrency, redirects
 * never followed. `HTTPS_PROXY`/`HTTP_PROXY` and `NO_PROXY` are honoured (undici's `EnvHttpProxyAgent`,
 * the server's certificate still checked end to end through the tunnel); this machine's own addresses
 * never go through a proxy. Errors are undici's or Node's own (`UND_ERR_*`, `ECONNREFUSED`, TLS codes),
 * classified by `transport-errors.ts`.
 */
export function createDispatcherFetch(
  profile: { caCertPem: string | null; concurrency: number },
  env: NodeJS.ProcessEnv = process.env,
): NodeFetch {
  const tlsOptions = connectOptions(profile.caCertPem);
  const poolOptions = { connections: Math.max(1, profile.concurrency) + 2, keepAliveTimeout: 30_000 };
  const agent = new Agent({ ...poolOptions, connect: tlsOptions });
  const proxied = proxyConfigured(env)
    ? new EnvHttpProxyAgent({
        ...poolOptions,
        connect: tlsOptions,
        requestTls: tlsOptions,
        httpProxy: env.http_proxy || env.HTTP_PROXY || undefined,
        httpsProxy: env.https_proxy || env.HTTPS_PROXY || undefined,
        noProxy: env.no_proxy ?? env.NO_PROXY,
      })
    : null;
  const pick = (hostname: string): Dispatcher => (proxied && !isLoopbackHost(hostname) ? proxied : agent);
  const fetchFn = (async (url: string, init: FetchInit): Promise<ResponseLike> => {
    const target = splitUrl(url);
    const res = await pick(target.hostname).request({
      origin: target.origin,
      path: target.path,
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: init.signal,
    });
    return {
      status: res.statusCode,
      statusText: STATUS_CODES[res.statusCode] ?? '',
      headers: headersOf(res.headers),
      body: bodyOf(res.body),
    };
  }) as NodeFetch;
  fetchFn.sendForm = createFormSender(pick);
  fetchFn.close = async () => {
    await Promise.all([agent.close(), proxied?.close()]);
  };
  return fetchFn;
}
