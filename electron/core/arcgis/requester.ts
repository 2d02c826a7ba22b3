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
import { encodeForm, formPart, postForm } from './transport';

/** Options every client method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Send once, never retried by the client: mutations (whose outcome must be checked before any retry)
   * and callers with their own retry policy. Default: idempotent reads are retried on transient faults.
   */
  once?: boolean;
  /** Wait for a request slot ahead of requests queued without it (discovery's; see limiter.ts). */
  first?: boolean;
  /**
   * Tell this read's retries to the read-retry policy's hooks (`onRetry`, `onRecovered`, `onGaveUp`), which
   * the app shows as the server's "Not answering: retry n of m": a listing's and a connection test's reads
   * (the client's listing, discovery and test methods set it). Without it a read retries quietly.
   */
  reportRetries?: boolean;
}

/** Settings of a request pipe. */
export interface RequesterOptions {
  fetch: FetchLike;
  limiter: Limiter;
  probe: CertificateProbe;
  timeoutMs: number;
  maxBytes: number;
  /** The clock a `Retry-After` date is read against; default `Date.now`. */
  now?: () => number;
}

/** POSTs forms to one server and returns interpreted JSON bodies. */
export interface Requester {
  /**
   * POSTs `params` plus `token` (when given) and `f=json` to `url`, within the limiter; never throws.
   * A token passed here rather than in `params` is encoded once for all the calls that send it.
   */
  post(
    url: string,
    params: FormRequest['params'],
    ctx: CallContext,
    opts?: CallOptions,
    token?: string,
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
  /** `token=<token>&f=json` for the last token sent: every call of a client sends one token for an hour. */
  let tail = { token: '', text: 'token=&f=json' };
  /** The form of `params` with `token` and `f=json` last, `token`'s part encoded once per token. */
  const encode = (params: FormRequest['params'], token: string): string => {
    if (params.token !== undefined || params.f !== undefined)
      return encodeForm({ ...params, token, f: 'json' });
    if (tail.token !== token) tail = { token, text: `token=${formPart(token)}&f=json` };
    const head = encodeForm(params);
    return head ? `${head}&${tail.text}` : tail.text;
  };
  /** The form request for `params` (and `token`), or why it may not be sent (credentials over plain http). */
  const prepare = (
    url: string,
    params: FormRequest['params'],
    opts: CallOptions,
    token?: string,
  ): FormRequest | { ok: false; error: AppError } => {
    const secret =
      params.password !== undefined
        ? 'password'
        : token !== undefined || params.token !== undefined
          ? 'token'
          : null;
    if (secret && !safeForCredentials(url))
      return { ok: false, error: insecureCredentialsError(url, secret) };
    const { timeoutMs, maxBytes } = o;
    const signal = opts.signal;
    if (token !== undefined) return { url, params, body: encode(params, token), timeoutMs, maxBytes, signal };
    return { url, params: { ...params, f: 'json' }, timeoutMs, maxBytes, signal };
  };
  /** Sends `request` within the limiter: at once on a free slot, else once one frees. */
  const send = async (request: FormRequest, first?: boolean): Promise<Result<RawResponse>> => {
    try {
      return await o.limiter.run(() => postForm(o.fetch, request, o.probe), request.signal, first);
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
    return 'ok' in request ? Promise.resolve(request) : send(request, opts.first);
  };
  return {
    limiter: o.limiter,
    postRaw,
    post(url, params, ctx, opts = {}, token) {
      const request = prepare(url, params, opts, token);
      if ('ok' in request) return Promise.resolve(request);
      const interpret = (raw: Result<RawResponse>): Result<Json> =>
        raw.ok ? interpretResponse(raw.value, ctx, url, o.now) : raw;
      // The common case, a free slot, without the limiter's promise and closure, and read in a `then`
      // rather than a suspended async frame (a bulk run makes this call once per job: every allocation
      // here is one more per job for the collector).
      if (!o.limiter.tryAcquire(request.signal)) return send(request, opts.first).then(interpret);
      const release = (): void => o.limiter.release();
      return postForm(o.fetch, request, o.probe).then(
        (raw) => {
          release();
          return interpret(raw);
        },
        (error: unknown) => {
          release();
          throw error;
        },
      );
    },
  };
}
