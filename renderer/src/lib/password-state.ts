/**
 * The server form's password state in one sentence: what is stored now, and what Save does with a newly
 * typed password, so the words never contradict the "session only" box beside them.
 */
import type { CredentialState } from './contract-types';
import { t } from './strings';

/**
 * The sentence under the password field. `newHosts` are hosts the edit points the profile at that the stored
 * password was not entered for: Save forgets that password, so the sentence asks for the new host's one.
 */
export function passwordSentence(
  stored: CredentialState,
  sessionOnly: boolean,
  typed: boolean,
  newHosts: readonly string[] = [],
): string {
  const words = t.credentials;
  const where = sessionOnly ? words.keptForSession : words.savedInKeychain;
  if (!typed && newHosts.length > 0 && (stored === 'keychain' || stored === 'session')) {
    return words.passwordForgottenForHosts(newHosts.join(', '));
  }
  if (typed) return stored === 'none' ? words.onSave(where) : words.onSaveReplacing(where);
  if (stored === 'locked') return words.keychainLocked;
  if (stored === 'keychain') return words.savedInKeychainNow;
  if (stored === 'session') return words.keptForSessionNow;
  return words.noPassword(where);
}
