/**
 * A saved password belongs to the hosts it was entered for. When an edit points a profile's server,
 * admin or portal URL at a host the profile did not use before, the saved password must not follow it
 * there silently: the app asks for it again and `gpjobs servers edit` requires `--password-stdin`.
 */
import type { Profile } from '../types';
import type { ProfileInput } from './schema';
import { parseProfileInput } from './schema';

type Urls = Pick<Profile, 'serverUrl' | 'adminUrl' | 'portalUrl' | 'authMode'>;

/** The host names a profile sends its password or token to (the portal only with portal sign-in). */
export function credentialHosts(p: Urls): Set<string> {
  const urls = [p.serverUrl, p.adminUrl, p.authMode === 'portal' ? p.portalUrl : null];
  const hosts = new Set<string>();
  for (const url of urls) {
    if (!url) continue;
    try {
      hosts.add(new URL(url).hostname.toLowerCase());
    } catch {
      // An unparsable URL is refused elsewhere; it adds no host here.
    }
  }
  return hosts;
}

/**
 * The hosts an edit would newly send the saved password to (empty when none, or when the edit is invalid
 * and will be refused anyway).
 */
export function newPasswordHosts(before: Urls, edit: ProfileInput): string[] {
  const parsed = parseProfileInput(edit);
  if (!parsed.ok) return [];
  const old = credentialHosts(before);
  return [...credentialHosts(parsed.value)].filter((h) => !old.has(h));
}
