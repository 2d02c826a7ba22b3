/**
 * The HTTP edge of the client. The transport is injected (`FetchLike`): Electron passes its `net`
 * transport (system proxy, OS trust store), Node passes `createNodeFetch` (undici with the profile's CA). Every call
 * has a timeout combined with the caller's AbortSignal, a response size cap, and `redirect: 'manual'`:
 * redirects are never followed (see errors.ts), so a token in a POST body never reaches another address.
 */
import type { AppError, Result } from '../types';
import { err, ok } from '../types';
import type { RawResponse } from './errors';
import type { Flight } from './in-flight';
import { land, takeOff } from './in-flight';
import { RETRY_AFTER_STATUSES } from './retry-after';
import { transportError } from './transport-errors';
import type { CertificateProbe } from './tls-info';

/** What the client passes to the transport. */
export interface FetchInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  redirect: 'manual';
}

/** The part of a fetch `Response` the client reads (a standard Response satisfies it). */
export interface ResponseLike {
  status: number;
  statusText?: string;
  headers: { get(name: string): string | null };
  body: {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array }>;
      cancel(reason?: unknown): Promise<void>;
    };
  } | null;
}

/**
 * A transport's own form POST (the Node transport has one, see undici-form.ts): sends `body` with
 * `FORM_HEADERS`, resolves with the answer read under `maxBytes` (else rejects with `TooLarge`), rejects
 * with the transport's error, or with the reason `flight` is cancelled by.
 */
export type FormSender = (
  url: string,
  body: string,
  maxBytes: number,
  flight: Flight,
) => Promise<RawResponse>;

/**
 * An injected fetch: `net.fetch` in Electron, `createNodeFetch(...)` under Node, a fake in tests. With
 * `sendForm`, `postForm` sends through it instead (the same rules, less work per request).
 */
export type FetchLike = ((url: string, init: FetchInit) => Promise<ResponseLike>) & { sendForm?: FormSender };

/** A Node fetch bound to one server's trust and connection pool; `close()` frees its sockets. */
export type NodeFetch = FetchLike & { close(): Promise<void> };

/** The referer every token is bound to and every call sends (see ./README.md). */
export const APP_REFERER = 'https://gp-job-admin.local/';

/** Default time a single call may take, body included. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Default cap on a response body. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The Node transport: undici's dispatcher API on an `Agent` of the profile's own (Node's default roots
 * PLUS the profile's CA for this server only; TLS verification is never disabled), not undici's WHATWG
 * `fetch`, whose per-request Request/Response/stream objects cost about 40% more CPU per job in the
 * bulk benchmark. See undici-fetch.ts.
 */

/** One form POST as the client sends it. */
export interface FormRequest {
  url: string;
  params: Record<string, string | number | boolean | undefined>;
  /** `params` already form-encoded (see `encodeForm`), when the caller has it; sent instead of encoding them. */
  body?: string;
  signal?: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
}

/** Characters `application/x-www-form-urlencoded` leaves as they are. */
const FORM_PLAIN = /^[\w.*-]*$/;
/** What `encodeURIComponent` leaves but the form encoding does not: `!'()~`, and `%20` for a space. */
const FORM_DIFFERS = /%20|[!'()~]/g;

/** One name or value, form-encoded. */
export function formPart(v: string): string {
  if (FORM_PLAIN.test(v)) return v;
  try {
    return encodeURIComponent(v).replace(FORM_DIFFERS, (c) =>
      c === '%20' ? '+' : `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  } catch {
    // A lone surrogate: URLSearchParams writes it as U+FFFD.
    return new URLSearchParams([['', v]]).toString().slice(1);
  }
}

/**
 * Encodes form parameters (`application/x-www-form-urlencoded`, byte for byte as `URLSearchParams`
 * writes it), skipping undefined values.
 */
export function encodeForm(params: FormRequest['params']): string {
  let out = '';
  for (const k of Object.keys(params)) {
    const v = params[k];
    if (v === undefined) continue;
    out += `${out ? '&' : ''}${formPart(k)}=${formPart(String(v))}`;
  }
  return out;
}

/** The headers of every form POST: the referer every token is bound to, and JSON asked for. */
export const FORM_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/x-www-form-urlencoded',
  Accept: 'application/json',
  Referer: APP_REFERER,
});

/** Thrown by a transport when an answer exceeds the size cap; it is not read further. */
export class TooLarge extends Error {}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

async function readCapped(res: ResponseLike, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body
      ?.getReader()
      .cancel()
      .catch(() => undefined);
    throw new TooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const onAbort = (): void => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new TooLarge();
      }
      chunks.push(value);
    }
    if (signal.aborted) throw signal.reason;
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * POSTs a form and reads the answer. Never throws: a transport failure becomes an `AppError`
 * (`timeout`, `aborted`, `tls` naming the certificate, `network`, or `server` for an oversize body).
 */
export function postForm(
  fetchFn: FetchLike,
  req: FormRequest,
  probe: CertificateProbe,
): Promise<Result<RawResponse>> {
  // Not itself async: returning the inner promise from an async function would wrap it in one more.
  return fetchFn.sendForm ? sendWith(fetchFn.sendForm, req, probe) : fetchForm(fetchFn, req, probe);
}

/** `postForm` through a WHATWG-style fetch (Electron's `net`, tests' fakes). */
async function fetchForm(
  fetchFn: FetchLike,
  req: FormRequest,
  probe: CertificateProbe,
): Promise<Result<RawResponse>> {
  // One controller for the timeout and the caller's signal (not AbortSignal.any: its listeners on a
  // long-lived caller signal, e.g. a bulk run's, are only released by GC; these are removed at once).
  const controller = new AbortController();
  const signal = controller.signal;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, req.timeoutMs);
  const onCallerAbort = (): void => controller.abort(req.signal?.reason);
  if (req.signal?.aborted) onCallerAbort();
  else req.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const res = await fetchFn(req.url, {
      method: 'POST',
      headers: { ...FORM_HEADERS },
      body: req.body ?? encodeForm(req.params),
      signal,
      redirect: 'manual',
    });
    const text = await readCapped(res, req.maxBytes, signal);
    return ok({
      status: res.status,
      statusText: res.statusText ?? '',
      contentType: res.headers.get('content-type') ?? '',
      location: res.headers.get('location'),
      text,
      authenticate: res.status === 401 ? res.headers.get('www-authenticate') : null,
      retryAfter: RETRY_AFTER_STATUSES.has(res.status) ? res.headers.get('retry-after') : null,
    });
  } catch (e) {
    return err(await failure(e, req, timedOut, probe));
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * `postForm` through a transport's own `sendForm`: a `Flight` instead of a controller and a timer, and the
 * answer taken in a `then` rather than a suspended async frame (one per request of a bulk run).
 */
function sendWith(send: FormSender, req: FormRequest, probe: CertificateProbe): Promise<Result<RawResponse>> {
  const flight = takeOff(req.timeoutMs, req.signal);
  let sent: Promise<RawResponse>;
  try {
    sent = send(req.url, req.body ?? encodeForm(req.params), req.maxBytes, flight);
  } catch (e) {
    sent = Promise.reject(e);
  }
  return sent.then(
    (raw) => {
      land(flight, req.timeoutMs, req.signal);
      return ok(raw);
    },
    async (e: unknown) => {
      try {
        return err(await failure(e, req, flight.timedOut, probe));
      } finally {
        land(flight, req.timeoutMs, req.signal);
      }
    },
  );
}

/** What a failed POST means: the caller's abort, the timeout, an oversize answer, or the transport's error. */
async function failure(
  e: unknown,
  req: FormRequest,
  timedOut: boolean,
  probe: CertificateProbe,
): Promise<AppError> {
  if (req.signal?.aborted) return { kind: 'aborted', message: 'Cancelled.' };
  const host = new URL(req.url).host;
  if (timedOut) {
    return {
      kind: 'timeout',
      transient: true,
      message: `${host} did not answer within ${Number((req.timeoutMs / 1000).toFixed(1))} s.`,
    };
  }
  if (e instanceof TooLarge) {
    return {
      kind: 'server',
      message: `${host} sent an answer larger than ${sizeText(req.maxBytes)}; it was not read.`,
    };
  }
  return transportError(e, req.url, probe);
}
