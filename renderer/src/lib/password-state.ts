/**
 * The server form's password state in one sentence: what is stored now, and what Save does with a newly
 * typed password, so the words never contradict the "session only" box beside them.
 */
import type { CredentialState } from './contract-types';
import { t } from './strings';

/**
 * The sentence under the password field. `changes` are what the edit changes of the things the stored
 * password was entered for (its URLs, sign-in, user name, CA): Save forgets that password, so the sentence
 * asks for it again.
 */
export function passwordSentence(
  stored: CredentialState,
  sessionOnly: boolean,
  typed: boolean,
  changes: readonly string[] = [],
): string {
  const words = t.credentials;
  const where = sessionOnly ? words.keptForSession : words.savedInKeychain;
  if (!typed && changes.length > 0 && (stored === 'keychain' || stored === 'session')) {
    return words.passwordForgottenForChanges(changes);
  }
  if (typed) return stored === 'none' ? words.onSave(where) : words.onSaveReplacing(where);
  if (stored === 'locked') return words.keychainLocked;
  if (stored === 'keychain') return words.savedInKeychainNow;
  if (stored === 'session') return words.keptForSessionNow;
  return words.noPassword(where);
}
