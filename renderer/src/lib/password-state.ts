/**
 * The server form's password state in one sentence: what is stored now, and what Save does with a newly
 * typed password, so the words never contradict the "session only" box beside them.
 */
import type { CredentialState } from './contract-types';

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
  const where = sessionOnly ? 'kept for this session only' : 'saved in the system keychain';
  if (!typed && newHosts.length > 0 && (stored === 'keychain' || stored === 'session')) {
    return `This edit points the server at ${newHosts.join(', ')}: on Save the stored password is forgotten, so it never goes to a host it was not entered for. Type the password to use there.`;
  }
  if (typed) {
    const replaces = stored === 'none' ? '' : ', replacing the one stored now';
    return `On Save, this password is ${where}${replaces}.`;
  }
  if (stored === 'locked')
    return 'The system keychain is locked: unlock it to use the saved password, or type one and keep it for this session only.';
  if (stored === 'keychain')
    return 'A password is saved in the system keychain. Type a new one to replace it.';
  if (stored === 'session')
    return 'A password is kept for this session only (not in the keychain). Type a new one to replace it.';
  return `No password is stored. Type one and Save: it is ${where}.`;
}
