/**
 * The Node transport's own form POST: one `dispatch` on the server's undici agent with a handler that
 * collects the body's Buffers under the size cap and resolves with the raw answer. It skips what
 * `Agent.request` builds per call (an async resource, a `Readable` body read through an async iterator,
 * every header parsed into an object) and what `postForm` would add around it (an `AbortController` and a
 * timer): the per-request CPU the bulk engine pays for every job. Redirects are never followed.
 */
import { STATUS_CODES } from 'node:http';
import type { Dispatcher } from 'undici';
import type { RawResponse } from './errors';
import type { Flight } from './in-flight';
import { splitUrl } from './paths';
import type { FormSender } from './transport';
import { FORM_HEADERS, TooLarge } from './transport';

type Controller = Dispatcher.DispatchController;
type Headers = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Collects one answer; settles its promise once, on the end of the body or the first error. */
class FormHandler implements Dispatcher.DispatchHandler {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private status = 0;
  private contentType = '';
  private location: string | null = null;
  private authenticate: string | null = null;
  private retryAfter: string | null = null;

  constructor(
    private readonly maxBytes: number,
    private readonly flight: Flight,
    private readonly resolve: (raw: RawResponse) => void,
    private readonly reject: (e: unknown) => void,
  ) {}

  onRequestStart(controller: Controller): void {
    this.flight.attach((reason) => controller.abort(reason as Error));
  }

  onResponseStart(controller: Controller, statusCode: number, headers: Headers): void {
    if (statusCode < 200) return; // 1xx: the answer follows
    this.status = statusCode;
    this.contentType = first(headers['content-type']) ?? '';
    this.location = first(headers.location) ?? null;
    if (statusCode === 401) this.authenticate = first(headers['www-authenticate']) ?? null;
    if (statusCode === 429 || statusCode === 503) this.retryAfter = first(headers['retry-after']) ?? null;
    if (Number(first(headers['content-length']) ?? NaN) > this.maxBytes) controller.abort(new TooLarge());
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) controller.abort(new TooLarge());
    else this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const { chunks } = this;
    const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
    const { status, contentType, location, authenticate, retryAfter } = this;
    this.resolve({
      status,
      statusText: STATUS_CODES[status] ?? '',
      contentType,
      location,
      text,
      authenticate,
      retryAfter,
    });
  }

  onResponseError(_controller: Controller, error: Error): void {
    this.reject(error);
  }
}

/**
 * A `FormSender` over the dispatcher `pick` chooses for a host name (the agent, or the proxy agent).
 * A cancel before the request has a connection fails it at once; the request is then never written.
 */
export function createFormSender(pick: (hostname: string) => Dispatcher): FormSender {
  return (url, body, maxBytes, flight) =>
    new Promise<RawResponse>((resolve, reject) => {
      const target = splitUrl(url);
      flight.attach(reject);
      if (flight.cancelled) return;
      pick(target.hostname).dispatch(
        { origin: target.origin, path: target.path, method: 'POST', headers: FORM_HEADERS, body },
        new FormHandler(maxBytes, flight, resolve, reject),
      );
    });
}
