/**
 * The plain-http rule: no password and no token ever travels over plain http, except to this machine
 * (`localhost`, 127.0.0.0/8, `::1`). The request pipe enforces it on every call (so a token can never
 * leak, whatever path a caller takes), and profiles are checked against it when they are saved,
 * imported or tested, so an administrator learns which address is wrong before anything is sent.
 */
import type { AppError, Profile } from '../types';

/** Whether a host name (as `URL.hostname` gives it) is this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether a password or token may be sent to this URL: https, or plain http to this machine only. */
export function isSafeForCredentials(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && isLoopbackHost(u.hostname);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return JSON.stringify(url.slice(0, 120));
  }
}

/** The error for a password or token that would travel over plain http. */
export function insecureCredentialsError(url: string, what: 'password' | 'token' = 'password'): AppError {
  return {
    kind: 'bad-url',
    message:
      `Refusing to send the ${what} to ${originOf(url)} over plain http: anyone on the network could read it. ` +
      'Use the https address of the server (port 6443 or 443); plain http is allowed only to this machine.',
  };
}

/** The profile fields whose URLs receive a token or password, with the names a user sees. */
const CREDENTIAL_URL_FIELDS = [
  ['serverUrl', 'server URL', 'receives the token of every REST call and may receive the password'],
  ['adminUrl', 'admin URL', 'receives the token of every admin call and the password'],
  ['portalUrl', 'portal URL', 'receives the password at sign-in'],
] as const;

/**
 * Why a profile would send a token or password over plain http, naming the URL and why it matters; null
 * when it would not. The portal URL counts only with portal sign-in (otherwise nothing is sent there).
 */
export function plainHttpProblem(
  profile: Pick<Profile, 'serverUrl' | 'adminUrl' | 'portalUrl' | 'authMode'>,
): string | null {
  for (const [field, label, why] of CREDENTIAL_URL_FIELDS) {
    if (field === 'portalUrl' && profile.authMode !== 'portal') continue;
    const url = profile[field];
    if (!url || isSafeForCredentials(url)) continue;
    return (
      `The ${label} ${url} is plain http, and it ${why}: anyone on the network could read them. ` +
      'Use its https address (port 6443 or 443); plain http is allowed only to this machine (localhost).'
    );
  }
  return null;
}
