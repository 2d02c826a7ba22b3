/**
 * Accounts and tokens: expiring tokens bound to a referer, an IP or the requesting IP, issued by the server
 * or (federated) by the portal, all invalidated at once by `expireAll`. Also finds the token of a request
 * and applies the admin rule that a POST carries it in the body.
 */
import { randomBytes } from 'node:crypto';
import type { Incoming } from './reply';

/** A user of the site. */
export interface Account {
  username: string;
  password: string;
  admin: boolean;
}

/** An issued token. */
export interface TokenRec {
  username: string;
  admin: boolean;
  expires: number;
  client: 'referer' | 'ip' | 'requestip';
  bound: string | null;
  issuer: 'server' | 'portal';
}

/** Result of checking a token. */
export type TokenCheck = { ok: true; rec: TokenRec } | { ok: false; code: 498; message: string };

/** Where a request's token came from. `urlOnlyOnPost` = a POST with the token only in its query string. */
export interface FoundToken {
  token: string | null;
  urlOnlyOnPost: boolean;
}

function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** Finds the token: POST body, `X-Esri-Authorization: Bearer`, or (GET only) `?token=`. */
export function findToken(req: Incoming): FoundToken {
  const header = req.headers['x-esri-authorization'];
  const bearer =
    typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '') : null;
  const fromBody = req.form.token || bearer;
  if (fromBody) return { token: fromBody, urlOnlyOnPost: false };
  const fromQuery = req.query.token || null;
  if (req.method === 'POST') return { token: null, urlOnlyOnPost: fromQuery !== null };
  return { token: fromQuery, urlOnlyOnPost: false };
}

/** The accounts and every token issued. */
export class Auth {
  private readonly tokens = new Map<string, TokenRec>();

  constructor(
    private readonly accounts: Account[],
    private readonly clock: () => number,
    private readonly maxLifetimeMs: number,
  ) {}

  /** The account for these credentials (username is case-sensitive), or null. */
  login(username: string, password: string): Account | null {
    return this.accounts.find((a) => a.username === username && a.password === password) ?? null;
  }

  /** The account of a user name, or null. */
  account(username: string): Account | null {
    return this.accounts.find((a) => a.username === username) ?? null;
  }

  /** Issues a token; `expirationMin` is capped to the server's maximum lifetime. */
  issue(
    account: Account,
    o: {
      client: TokenRec['client'];
      bound: string | null;
      expirationMin: number | null;
      issuer: TokenRec['issuer'];
    },
  ): { token: string; expires: number } {
    const wanted =
      o.expirationMin !== null && o.expirationMin > 0 ? o.expirationMin * 60_000 : this.maxLifetimeMs;
    const expires = this.clock() + Math.min(wanted, this.maxLifetimeMs);
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, {
      username: account.username,
      admin: account.admin,
      expires,
      client: o.client,
      bound: o.client === 'referer' ? o.bound : o.bound === null ? null : normaliseIp(o.bound),
      issuer: o.issuer,
    });
    return { token, expires };
  }

  /** Checks a token against the clock and its binding (Referer header or caller IP). */
  check(token: string, req: Incoming): TokenCheck {
    const rec = this.tokens.get(token);
    if (!rec) return { ok: false, code: 498, message: 'Invalid token.' };
    if (this.clock() >= rec.expires) {
      this.tokens.delete(token);
      return { ok: false, code: 498, message: 'Invalid token.' };
    }
    if (rec.client === 'referer' && req.headers.referer !== rec.bound) {
      return { ok: false, code: 498, message: 'Invalid token, ClientID does not match.' };
    }
    if (rec.client !== 'referer' && rec.bound !== null && normaliseIp(req.remoteAddress) !== rec.bound) {
      return { ok: false, code: 498, message: 'Invalid token, ClientID does not match.' };
    }
    return { ok: true, rec };
  }

  /** Every issued token becomes invalid now. */
  expireAll(): void {
    this.tokens.clear();
  }
}
