import { describe, expect, it } from 'vitest';
import {
  checkHost,
  checkSession,
  cookieValue,
  createAccess,
  isAllowedHost,
  sameSecret,
  sessionCookie,
} from '../../../electron/web/access';

const access = createAccess(8765);
const cookie = `${access.cookieName}=${access.session}`;
const own = { host: '127.0.0.1:8765', origin: 'http://127.0.0.1:8765', fetchSite: 'same-origin', cookie };
const api = { originRequired: true, sameOriginOnly: true };

describe('gpjobs ui access rules', () => {
  it('draws a fresh 256-bit key and session per launch, and a cookie name per port', () => {
    const other = createAccess(8765);
    expect(access.key).toMatch(/^[\w-]{43}$/);
    expect(access.session).not.toBe(access.key);
    expect(other.key).not.toBe(access.key);
    expect(other.session).not.toBe(access.session);
    expect(createAccess(9000).cookieName).toBe('gpjobs-ui-9000');
    expect(sessionCookie(access)).toBe(`${cookie}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('accepts only the loopback address or localhost with its own port as Host', () => {
    for (const host of ['127.0.0.1:8765', 'localhost:8765', 'LOCALHOST:8765'])
      expect(isAllowedHost(host, 8765)).toBe(true);
    for (const host of [
      undefined,
      '',
      '127.0.0.1',
      '127.0.0.1:8766',
      'evil.example:8765',
      '127.0.0.2:8765',
      '[::1]:8765',
      '127.0.0.1:8765.evil.example',
    ])
      expect(isAllowedHost(host, 8765), String(host)).toBe(false);
    expect(checkHost({ ...own, host: 'evil.example:8765' }, access)?.status).toBe(403);
    expect(checkHost(own, access)).toBeNull();
  });

  it('reads the session cookie among others, and refuses a missing, wrong or look-alike one', () => {
    expect(cookieValue(`a=1; ${cookie}; b=2`, access.cookieName)).toBe(access.session);
    expect(cookieValue(`x${access.cookieName}=nope`, access.cookieName)).toBeNull();
    expect(checkSession(own, access, api)).toBeNull();
    expect(checkSession({ ...own, cookie: undefined }, access, api)?.status).toBe(401);
    expect(checkSession({ ...own, cookie: `${access.cookieName}=${access.key}` }, access, api)?.status).toBe(
      401,
    );
    expect(checkSession({ ...own, cookie: `gpjobs-ui-9000=${access.session}` }, access, api)?.status).toBe(
      401,
    );
  });

  it('refuses a foreign or missing Origin on calls, and cross-site fetches', () => {
    expect(checkSession({ ...own, origin: 'http://evil.example' }, access, api)?.status).toBe(403);
    expect(checkSession({ ...own, origin: undefined }, access, api)?.status).toBe(403);
    expect(checkSession({ ...own, fetchSite: 'same-site' }, access, api)?.status).toBe(403);
    const page = { originRequired: false, sameOriginOnly: false };
    expect(checkSession({ ...own, origin: undefined, fetchSite: 'none' }, access, page)).toBeNull();
    expect(checkSession({ ...own, origin: 'http://evil.example' }, access, page)?.status).toBe(403);
  });

  it('compares secrets whatever their length or type', () => {
    expect(sameSecret(access.key, access.key)).toBe(true);
    expect(sameSecret(`${access.key}x`, access.key)).toBe(false);
    expect(sameSecret('', access.key)).toBe(false);
    expect(sameSecret(null, access.key)).toBe(false);
  });
});
