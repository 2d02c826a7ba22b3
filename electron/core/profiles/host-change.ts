/**
 * A saved password belongs to what it was entered for: the exact server, admin and portal URLs it is sent
 * to (scheme, host, port and path), the sign-in mode, the user name and the CA certificate trusted on the
 * way. An edit that changes any of these must not take the saved password along silently: Save forgets
 * it (the app asks for it again), a draft test asks for it, and `gpjobs servers edit` requires
 * `--password-stdin`. Comparing host names alone let a draft on another port, or over plain
 * http://localhost, or trusting another CA, receive the password of the host it was entered for.
 */
import type { Profile } from '../types';
import type { ParsedProfileInput, ProfileInput } from './schema';
import { parseProfileInput } from './schema';

type Bound = Pick<Profile, 'serverUrl' | 'adminUrl' | 'portalUrl' | 'authMode' | 'username' | 'caCertPem'>;

/** The parts of a profile a password is bound to, each with the words that name it in a message. */
const BOUND: readonly [string, (p: Bound) => string | null][] = [
  ['the server URL', (p) => p.serverUrl],
  // The admin URL in effect is the server URL when none is set: a change of it is then one of the server URL.
  ['the admin URL', (p) => p.adminUrl],
  ['the sign-in mode', (p) => p.authMode],
  ['the portal URL', (p) => (p.authMode === 'portal' ? p.portalUrl : null)],
  ['the user name', (p) => p.username],
  ['the CA certificate', (p) => p.caCertPem ?? null],
];

/** `p` as the schema normalises it (URLs to their site roots), or as it stands when it does not parse. */
function normalised(p: Bound): Bound {
  const parsed = parseProfileInput({ name: 'x', ...p });
  return parsed.ok ? parsed.value : p;
}

/**
 * What an edit changes of the things the saved password is bound to, in words ("the server URL", "the CA
 * certificate"), empty when nothing (or when the edit is invalid and will be refused anyway). A non-empty
 * answer means the saved password must be typed again before it is used with the edit.
 */
export function passwordBindingChanges(before: Bound, edit: ProfileInput): string[] {
  const parsed = parseProfileInput(edit);
  if (!parsed.ok) return [];
  const old = normalised(before);
  const now: ParsedProfileInput = parsed.value;
  return BOUND.filter(([, part]) => part(old) !== part(now)).map(([words]) => words);
}

/** The changes as one phrase: "the server URL", "the server URL and the admin URL", "a, b and c". */
export function changesInWords(changes: readonly string[]): string {
  return changes.length < 2
    ? (changes[0] ?? '')
    : `${changes.slice(0, -1).join(', ')} and ${changes[changes.length - 1]}`;
}
