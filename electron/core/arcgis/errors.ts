/**
 * Turns what an ArcGIS server answered into a JSON body or an `AppError` an administrator can act on.
 * Follows the rule of Esri's own clients (arcgis-rest-js `checkForErrors`): `body.error`,
 * `body.status === 'error'` and `body.status === 'failed'` are errors whatever the HTTP status, and a 2xx
 * body of a top-level `code` >= 400 with a `message` is one too (never "not found"); non-2xx
 * answers are read as JSON first; HTML means the admin API is not reachable at this URL (a Web Adaptor
 * with admin access disabled, a sign-in page), an HTTP 404 without an ArcGIS body came from a front end, and
 * an HTTP 401 with `WWW-Authenticate` and no ArcGIS body is a front end's own (web-tier) sign-in.
 */
import type { AppError, Result } from '../types';
import { err, ok } from '../types';
import type { CallContext } from './error-codes';
import { bareErrorCodeOf, errorCodeOf, errorFromCode, hostOf, serverMessageOf } from './error-codes';
import {
  frontEnd404,
  htmlError,
  looksLikeHtml,
  redirectError,
  snippet,
  webTierError,
} from './front-end-errors';
import type { Json } from './normalize';
import { isJsonObject } from './normalize';
import { withRetryAfter } from './retry-after';

export type { CallContext } from './error-codes';
export { errorFromCode, isTokenRejection, serverMessageOf } from './error-codes';
export { ADMIN_UNREACHABLE_ADVICE } from './front-end-errors';

/** A response as the transport read it: status, headers of interest and the (size-capped) text. */
export interface RawResponse {
  status: number;
  statusText: string;
  contentType: string;
  location: string | null;
  text: string;
  /** `WWW-Authenticate` of a 401 answer (null or absent otherwise): names a front end's own sign-in. */
  authenticate?: string | null;
  /** `Retry-After` of a 429 or 503 answer (null or absent otherwise): when the front end asks us back. */
  retryAfter?: string | null;
}

/** A 2xx body with only a `code` and a `message`: an error, but never proof that a resource is gone. */
function bareCodeError(raw: RawResponse, body: Json, code: number, ctx: CallContext, url: string): AppError {
  const e = errorFromCode(code, serverMessageOf(body), ctx, url);
  if (e.kind !== 'not-found' || ctx === 'token') return e;
  return {
    ...frontEnd404(raw, ctx, url, `"code":${code} in a body that is not an ArcGIS Server error`),
    code,
  };
}

/** The JSON object on success, else the `AppError`, with a 429's or 503's wait (retry-after.ts). */
export function interpretResponse(
  raw: RawResponse,
  ctx: CallContext,
  url: string,
  now = Date.now,
): Result<Json> {
  return withRetryAfter(interpretBody(raw, ctx, url), raw, now());
}

function interpretBody(raw: RawResponse, ctx: CallContext, url: string): Result<Json> {
  const { status } = raw;
  if (status >= 300 && status < 400) return err(redirectError(raw, ctx, url));
  if (status === 0) return err(redirectError({ ...raw, location: null }, ctx, url));
  const success = status >= 200 && status < 300;
  let body: unknown;
  let parsed = false;
  if (!looksLikeHtml(raw)) {
    try {
      body = JSON.parse(raw.text);
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  if (parsed && isJsonObject(body)) {
    const arcgisError = errorCodeOf(body);
    if (arcgisError) {
      const code = arcgisError.code ?? (success ? null : status);
      return err(errorFromCode(code, serverMessageOf(body), ctx, url));
    }
    const bare = success ? bareErrorCodeOf(body) : null;
    if (bare !== null) return err(bareCodeError(raw, body, bare, ctx, url));
    if (success) return ok(body);
    if (status === 401 && raw.authenticate?.trim()) return err(webTierError(raw, url));
    if (status === 404 && ctx !== 'info') return err(frontEnd404(raw, ctx, url));
    return err(errorFromCode(status, serverMessageOf(body) ?? raw.statusText, ctx, url));
  }
  if (status === 404 && ctx !== 'info' && ctx !== 'token') return err(frontEnd404(raw, ctx, url));
  if (status === 401 && raw.authenticate?.trim()) return err(webTierError(raw, url));
  if (!success) {
    if (looksLikeHtml(raw) && status < 500 && ![404, 498, 499].includes(status))
      return err(htmlError(raw, ctx, url));
    return err(errorFromCode(status, raw.statusText || undefined, ctx, url));
  }
  if (looksLikeHtml(raw)) return err(htmlError(raw, ctx, url));
  if (parsed) {
    return err({
      kind: ctx === 'info' ? 'not-arcgis' : 'server',
      message: `${hostOf(url)} answered with JSON that is not an ArcGIS object: ${snippet(raw.text)}`,
    });
  }
  return err({
    kind: 'server',
    transient: true,
    message: `${hostOf(url)} sent an answer that is not valid JSON (cut off or corrupted): ${snippet(raw.text) || '(empty)'}`,
  });
}
