/**
 * One server's request pipe: the injected transport, the per-server limiter, timeouts, size cap and
 * response interpretation. It knows nothing of tokens: callers put `token` into `params` (the POST body).
 * It does enforce the plain-http rule on every call: a form carrying a `token` or `password` goes only
 * to https, or to plain http on this machine (see credentials/plain-http.ts).
 */
import { insecureCredentialsError, isLoopbackHost } from '../credentials/plain-http';
import type { AppError, Result } from '../types';
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
  if (url.startsWith('https://')) return true;
  try {
    const t = splitUrl(url);
    return t.https || (t.origin.startsWith('http://') && isLoopbackHost(t.hostname));
  } catch {
    return false;
  }
}

/** Creates the request pipe of one server. */
export function createRequester(o: RequesterOptions): Requester {
  /** The form request for `params`, or why it may not be sent (credentials over plain http). */
  const prepare = (
    url: string,
    params: FormRequest['params'],
    opts: CallOptions,
  ): FormRequest | { ok: false; error: AppError } => {
    const secret = params.password !== undefined ? 'password' : params.token !== undefined ? 'token' : null;
    if (secret && !safeForCredentials(url))
      return { ok: false, error: insecureCredentialsError(url, secret) };
    const form = { ...params, f: 'json' };
    return { url, params: form, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, signal: opts.signal };
  };
  /** Sends `request` within the limiter: at once on a free slot, else once one frees. */
  const send = async (request: FormRequest): Promise<Result<RawResponse>> => {
    try {
      return await o.limiter.run(() => postForm(o.fetch, request, o.probe), request.signal);
    } catch {
      // Only the limiter rejects: the caller aborted while waiting for a slot.
      return err({ kind: 'aborted', message: 'Cancelled.' });
    }
  };
  const postRaw = (
    url: string,
    params: FormRequest['params'],
    opts: CallOptions = {},
  ): Promise<Result<RawResponse>> => {
    const request = prepare(url, params, opts);
    return 'ok' in request ? Promise.resolve(request) : send(request);
  };
  return {
    limiter: o.limiter,
    postRaw,
    async post(url, params, ctx, opts = {}) {
      const request = prepare(url, params, opts);
      if ('ok' in request) return request;
      let raw: Result<RawResponse>;
      // The common case, a free slot, without the limiter's promise and closure (one request of a bulk
      // run makes this call: every allocation here is one more per job for the collector).
      if (o.limiter.tryAcquire(request.signal)) {
        try {
          raw = await postForm(o.fetch, request, o.probe);
        } finally {
          o.limiter.release();
        }
      } else raw = await send(request);
      return raw.ok ? interpretResponse(raw.value, ctx, url) : raw;
    },
  };
}
