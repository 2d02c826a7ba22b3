/**
 * The server form's password state in one sentence: what is stored now, and what Save does with a newly
 * typed password, so the words never contradict the "session only" box beside them.
 */
import type { CredentialState } from './contract-types';

/** The sentence under the password field. */
export function passwordSentence(stored: CredentialState, sessionOnly: boolean, typed: boolean): string {
  const where = sessionOnly ? 'kept for this session only' : 'saved in the system keychain';
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
