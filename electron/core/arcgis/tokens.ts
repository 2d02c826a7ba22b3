/**
 * Tokens per profile (see ./README.md). A `TokenManager` caches one token in memory, refreshes it a
 * minute before it expires, lets concurrent callers share one refresh (single-flight) and forgets a token
 * the server rejected. Tokens are bound to `APP_REFERER` (`client=referer`) and never logged.
 */
import type { AppError, Profile, Result } from '../types';
import { err, ok } from '../types';
import type { Json } from './normalize';
import { toNumber } from './normalize';
import type { SiteRoots } from './paths';
import { insecureCredentialsError, isSafeForCredentials, parseRoot } from './paths';
import type { CallOptions, Requester } from './requester';
import { fetchSiteInfo } from './site-info';
import { APP_REFERER } from './transport';

/** A token with its expiry (epoch ms) and when it was obtained. */
export interface IssuedToken {
  token: string;
  expires: number;
  issuedAt: number;
}

/** Obtains a fresh token over HTTP (no caller signal: a shared refresh must not die with one caller). */
export type TokenFetcher = () => Promise<Result<IssuedToken>>;

/** Token lifetime asked for, in minutes. */
export const TOKEN_EXPIRATION_MINUTES = 60;

/** How far a stated expiry may lie beyond the lifetime asked for before the clocks are taken to disagree. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

/** Refresh this long before expiry (capped at half the token's lifetime for very short tokens). */
export const REFRESH_MARGIN_MS = 60_000;

/** Epoch ms of `expires`, sent as a number or a string (see ./README.md); seconds are scaled; null if absent. */
export function parseExpires(v: unknown): number | null {
  const n = toNumber(v);
  if (n === null || n <= 0) return null;
  return n < 1e11 ? n * 1000 : n;
}

/**
 * The expiry a generateToken answer states, epoch ms: `expires` (documented, API notes §1.1), else
 * `expiration`, which Esri's Python client reads as epoch seconds when `expires` is absent
 * (`EsriGenTokenAuth.token`, API notes §8); either in seconds or milliseconds. Null when neither is usable.
 */
export function statedExpiry(body: Json): number | null {
  return parseExpires(body.expires) ?? parseExpires(body.expiration);
}

/**
 * Reads a generateToken answer into an `IssuedToken`; `not-arcgis` when it carries no token. The server
 * states its expiry (`statedExpiry`) on its own clock, so only the lifetime it implies is used, and only when plausible
 * (positive, not above what was asked for): with a local clock hours ahead or behind, the token lives the
 * lifetime asked for instead of looking expired at once (a refresh per call) or valid for too long.
 * A server that capped the lifetime lower still answers 498 in time, and that refreshes the token once.
 */
export function readTokenResponse(body: Json, now: number, url: string): Result<IssuedToken> {
  if (typeof body.token !== 'string' || body.token === '') {
    return err({
      kind: 'not-arcgis',
      message: `${url} answered without a token; is this an ArcGIS token service?`,
    });
  }
  const asked = TOKEN_EXPIRATION_MINUTES * 60_000;
  const stated = statedExpiry(body);
  const lifetime = stated === null ? asked : stated - now;
  const plausible = lifetime > 0 && lifetime <= asked + CLOCK_TOLERANCE_MS;
  return ok({
    token: body.token,
    expires: now + (plausible ? Math.min(lifetime, asked) : asked),
    issuedAt: now,
  });
}

/** Caches, refreshes and shares one profile's token. */
export class TokenManager {
  private current: IssuedToken | null = null;
  private inflight: Promise<Result<IssuedToken>> | null = null;

  /** `fetcher` does the HTTP; `now` is the clock (injected for tests). */
  constructor(
    private readonly fetcher: TokenFetcher,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a cached token is still good for at least the refresh margin. */
  private fresh(t: IssuedToken): boolean {
    const margin = Math.min(REFRESH_MARGIN_MS, Math.max(0, (t.expires - t.issuedAt) / 2));
    return this.now() < t.expires - margin;
  }

  /** The cached token while it is still good for at least the refresh margin, else null (never fetches). */
  cached(): string | null {
    return this.current && this.fresh(this.current) ? this.current.token : null;
  }

  /** A valid token: the cached one, or a fresh one shared by every concurrent caller. */
  async get(opts: CallOptions = {}): Promise<Result<string>> {
    if (this.current && this.fresh(this.current)) return ok(this.current.token);
    if (!this.inflight) {
      this.inflight = this.fetcher()
        .then((r) => {
          if (r.ok) this.current = r.value;
          return r;
        })
        .finally(() => {
          this.inflight = null;
        });
    }
    const shared = this.inflight.then((r): Result<string> => (r.ok ? ok(r.value.token) : r));
    const signal = opts.signal;
    if (!signal) return shared;
    if (signal.aborted) return err({ kind: 'aborted', message: 'Cancelled.' });
    return new Promise((resolve) => {
      const onAbort = (): void => resolve(err({ kind: 'aborted', message: 'Cancelled.' }));
      signal.addEventListener('abort', onAbort, { once: true });
      void shared.then((r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      });
    });
  }

  /** Forgets `token` if it is still the cached one (a 498 for an older token changes nothing). */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  /** Forgets any cached token (password changed, profile edited). */
  clear(): void {
    this.current = null;
  }
}

/** What a token fetcher needs from its client. */
export interface TokenFetcherDeps {
  profile: Pick<Profile, 'authMode' | 'portalUrl' | 'username'>;
  roots: SiteRoots;
  requester: Requester;
  getPassword: () => Promise<Result<string>>;
  now: () => number;
}

function credentials(username: string, password: string): Record<string, string | number> {
  return {
    username,
    password,
    client: 'referer',
    referer: APP_REFERER,
    expiration: TOKEN_EXPIRATION_MINUTES,
  };
}

async function generate(d: TokenFetcherDeps, url: string, password: string): Promise<Result<IssuedToken>> {
  if (!isSafeForCredentials(url)) return err(insecureCredentialsError(url));
  const r = await d.requester.post(url, credentials(d.profile.username, password), 'token');
  return r.ok ? readTokenResponse(r.value, d.now(), url) : r;
}

/** The portal's generateToken URL: the profile's portal, else what `rest/info` names (https only). */
async function portalTokenUrl(d: TokenFetcherDeps): Promise<Result<string>> {
  if (d.profile.portalUrl) {
    const root = parseRoot(d.profile.portalUrl, 'portal URL');
    return root.ok ? ok(`${root.value.replace(/\/sharing(\/rest)?$/, '')}/sharing/rest/generateToken`) : root;
  }
  const info = await fetchSiteInfo(d.requester, d.roots.server);
  if (!info.ok) return info;
  const { tokenServicesUrl, owningSystemUrl } = info.value;
  const candidate =
    tokenServicesUrl && /\/sharing\/(rest\/)?generateToken$/i.test(tokenServicesUrl)
      ? tokenServicesUrl
      : owningSystemUrl
        ? `${owningSystemUrl.replace(/\/+$/, '')}/sharing/rest/generateToken`
        : null;
  if (!candidate) {
    return err({
      kind: 'config',
      message:
        'This server names no portal in rest/info, so it is not federated: use ArcGIS Server authentication, or give the portal URL in the profile.',
    });
  }
  if (!candidate.startsWith('https://')) {
    return err({
      kind: 'config',
      message: `The portal token service ${candidate} is not https; give the portal's https URL in the profile.`,
    });
  }
  // rest/info is unauthenticated: a password goes only to a portal on the server's own host, or to one
  // the administrator saw (Test connection shows it) and accepted by putting it in the profile.
  if (!sameHost(candidate, d.roots)) {
    return err({
      kind: 'config',
      message:
        `This server names its portal as ${new URL(candidate).origin} (in rest/info), on another host, and the password ` +
        "is only sent to a portal you accepted: if it is your portal, enter it as the profile's portal URL.",
    });
  }
  return ok(candidate);
}

/** Whether `url` is on the host of the server or admin root (the same machine or Web Adaptor name). */
function sameHost(url: string, roots: SiteRoots): boolean {
  const host = (u: string): string | null => {
    try {
      return new URL(u).hostname.toLowerCase();
    } catch {
      return null;
    }
  };
  const h = host(url);
  return h !== null && (h === host(roots.server) || h === host(roots.admin));
}

/**
 * Falls back from the admin token service to the public one when the admin one is not reachable, except
 * on a front end's HTTP 401 (web-tier sign-in): it guards the admin API as well, so a token from elsewhere
 * would not help and the password would only be sent once more.
 */
function shouldFallBack(e: AppError): boolean {
  if (e.kind === 'admin-unreachable' && e.code === 401) return false;
  return e.kind === 'admin-unreachable' || e.kind === 'not-found' || e.kind === 'not-arcgis';
}

/**
 * The HTTP side of tokens. Server mode: `<admin>/admin/generateToken`, falling back to
 * `<server>/tokens/generateToken`. Portal mode: `<portal>/sharing/rest/generateToken`. The password is
 * read from the credential store for each refresh and never kept.
 */
export function createTokenFetcher(d: TokenFetcherDeps): TokenFetcher {
  let portalUrl: string | null = null;
  return async () => {
    if (d.profile.authMode === 'portal' && !portalUrl) {
      const u = await portalTokenUrl(d);
      if (!u.ok) return u;
      portalUrl = u.value;
    }
    const password = await d.getPassword();
    if (!password.ok) return password;
    if (portalUrl) return generate(d, portalUrl, password.value);
    const first = await generate(d, `${d.roots.admin}/admin/generateToken`, password.value);
    if (first.ok || !shouldFallBack(first.error)) return first;
    const second = await generate(d, `${d.roots.server}/tokens/generateToken`, password.value);
    return second.ok || !shouldFallBack(second.error) ? second : first;
  };
}
