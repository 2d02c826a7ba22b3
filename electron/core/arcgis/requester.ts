/**
 * One server's request pipe: the injected transport, the per-server limiter, timeouts, size cap and
 * response interpretation. It knows nothing of tokens: callers put `token` into `params` (the POST body).
 * It does enforce the plain-http rule on every call: a form carrying a `token` or `password` goes only
 * to https, or to plain http on this machine (see credentials/plain-http.ts).
 */
import { insecureCredentialsError, isLoopbackHost } from '../credentials/plain-http';
import type { Result } from '../types';
import { err } from '../types';
import type { CallContext, RawResponse } from './errors';
import { interpretResponse } from './errors';
import type { Limiter } from './limiter';
import type { Json } from './normalize';
import { splitUrl } from './paths';
import type { CertificateProbe } from './tls-info';
import type { FetchLike, FormRequest } from './transport';
import { postForm } from './transport';

/** Options every client method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Send once, never retried by the client: mutations (whose outcome must be checked before any retry)
   * and callers with their own retry policy. Default: idempotent reads are retried on transient faults.
   */
  once?: boolean;
}

/** Settings of a request pipe. */
export interface RequesterOptions {
  fetch: FetchLike;
  limiter: Limiter;
  probe: CertificateProbe;
  timeoutMs: number;
  maxBytes: number;
}

/** POSTs forms to one server and returns interpreted JSON bodies. */
export interface Requester {
  /** POSTs `params` plus `f=json` to `url`, within the limiter; never throws. */
  post(
    url: string,
    params: FormRequest['params'],
    ctx: CallContext,
    opts?: CallOptions,
  ): Promise<Result<Json>>;
  /** POSTs like `post` and returns the raw answer (status, content type, text), uninterpreted. */
  postRaw(url: string, params: FormRequest['params'], opts?: CallOptions): Promise<Result<RawResponse>>;
  readonly limiter: Limiter;
}

/** `isSafeForCredentials` (https, or plain http to this machine) without parsing a known origin again. */
function safeForCredentials(url: string): boolean {
  try {
    const t = splitUrl(url);
    return t.https || (t.origin.startsWith('http://') && isLoopbackHost(t.hostname));
  } catch {
    return false;
  }
}

/** Creates the request pipe of one server. */
export function createRequester(o: RequesterOptions): Requester {
  const postRaw = async (
    url: string,
    params: FormRequest['params'],
    opts: CallOptions = {},
  ): Promise<Result<RawResponse>> => {
    const secret = params.password !== undefined ? 'password' : params.token !== undefined ? 'token' : null;
    if (secret && !safeForCredentials(url)) return err(insecureCredentialsError(url, secret));
    const form = { ...params, f: 'json' };
    const request = { url, params: form, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, signal: opts.signal };
    try {
      return await o.limiter.run(() => postForm(o.fetch, request, o.probe), opts.signal);
    } catch {
      // Only the limiter rejects: the caller aborted while waiting for a slot.
      return err({ kind: 'aborted', message: 'Cancelled.' });
    }
  };
  return {
    limiter: o.limiter,
    postRaw,
    async post(url, params, ctx, opts = {}) {
      const raw = await postRaw(url, params, opts);
      return raw.ok ? interpretResponse(raw.value, ctx, url) : raw;
    },
  };
}
