/**
 * Who may use `gpjobs ui`, as pure checks: a random per-launch key (in the URL it prints) is exchanged once
 * for an HttpOnly, SameSite=Strict session cookie; every other request needs that cookie, a Host header
 * naming the loopback address and port (against DNS rebinding) and no foreign Origin.
 */
import crypto from 'node:crypto';

/** The secrets of one launch. */
export interface WebAccess {
  /** The listening port (part of the only accepted Host headers and of the cookie name). */
  port: number;
  /** The secret in the printed URL. */
  key: string;
  /** The cookie value the key is exchanged for (never in a URL). */
  session: string;
  /** The cookie's name: per port, so two launches on one machine do not overwrite each other's. */
  cookieName: string;
}

/** Why a request was refused: an HTTP status and a sentence for whoever sent it. */
export interface Refusal {
  status: 401 | 403;
  message: string;
}

/** A request as the checks see it (header values as Node gives them). */
export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  /** `Sec-Fetch-Site`, sent by browsers on every request. */
  fetchSite: string | undefined;
  cookie: string | undefined;
}

/** The loopback address `gpjobs ui` listens on; nothing else, ever. */
export const LOOPBACK = '127.0.0.1';

/** Draws this launch's key and session (32 random bytes each). */
export function createAccess(port: number): WebAccess {
  const secret = () => crypto.randomBytes(32).toString('base64url');
  return { port, key: secret(), session: secret(), cookieName: `gpjobs-ui-${port}` };
}

/** The Host headers accepted: the loopback address or `localhost`, with the port. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `${LOOPBACK}:${port}` || h === `localhost:${port}`;
}

/** The only origin a page of this launch can have, for the Host it used. */
export function originFor(host: string): string {
  return `http://${host.toLowerCase()}`;
}

/** Compares secrets in constant time (hashed first, so lengths do not leak either). */
export function sameSecret(candidate: string | null | undefined, expected: string): boolean {
  if (typeof candidate !== 'string') return false;
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(candidate), digest(expected));
}

/** The value of one cookie in a Cookie header (the first of that name), or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The Set-Cookie header value that opens a session: HttpOnly, SameSite=Strict, for this server's paths. */
export function sessionCookie(access: WebAccess): string {
  return `${access.cookieName}=${access.session}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Host check, for every request: a rebinding attacker's page arrives with its own host name. */
export function checkHost(facts: RequestFacts, access: WebAccess): Refusal | null {
  if (isAllowedHost(facts.host, access.port)) return null;
  return {
    status: 403,
    message: `Refused: gpjobs ui answers only to http://${LOOPBACK}:${access.port} (this request named another host).`,
  };
}

/**
 * The checks for a request that needs a session: the cookie, and nothing that came from another site
 * (an Origin other than ours when `originRequired` or present, a Sec-Fetch-Site other than same-origin).
 */
export function checkSession(
  facts: RequestFacts,
  access: WebAccess,
  options: { originRequired: boolean; sameOriginOnly: boolean },
): Refusal | null {
  const ownOrigin = originFor(facts.host ?? '');
  const foreign =
    (facts.origin !== undefined && facts.origin !== ownOrigin) ||
    (facts.origin === undefined && options.originRequired) ||
    (options.sameOriginOnly && facts.fetchSite !== undefined && facts.fetchSite !== 'same-origin');
  if (foreign)
    return { status: 403, message: 'Refused: the request did not come from the GP Job Admin page.' };
  if (!sameSecret(cookieValue(facts.cookie, access.cookieName), access.session)) {
    return {
      status: 401,
      message:
        'Not signed in to this gpjobs ui session: open the address gpjobs ui printed (it carries this ' +
        "launch's key), or start gpjobs ui again if it was stopped.",
    };
  }
  return null;
}
