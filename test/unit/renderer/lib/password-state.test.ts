import { describe, expect, it } from 'vitest';
import { passwordSentence } from '../../../../renderer/src/lib/password-state';

describe('the password state sentence', () => {
  it('says what is stored now, never contradicting the session-only box', () => {
    expect(passwordSentence('none', false, false)).toBe(
      'No password is stored. Type one and Save: it is saved in the system keychain.',
    );
    expect(passwordSentence('none', true, false)).toBe(
      'No password is stored. Type one and Save: it is kept for this session only.',
    );
    expect(passwordSentence('keychain', false, false)).toMatch(
      /^A password is saved in the system keychain\./,
    );
    expect(passwordSentence('session', false, false)).toMatch(/^A password is kept for this session only/);
  });

  it('says what Save does with a typed password', () => {
    expect(passwordSentence('keychain', true, true)).toBe(
      'On Save, this password is kept for this session only, replacing the one stored now.',
    );
    expect(passwordSentence('none', false, true)).toBe(
      'On Save, this password is saved in the system keychain.',
    );
  });

  it('says a stored password is forgotten when the edit changes what it was entered for', () => {
    expect(passwordSentence('keychain', false, false, ['the server URL'])).toBe(
      'This edit changes the server URL: on Save the stored password is forgotten, as it is only used with what it was entered for. Type the password again.',
    );
    expect(
      passwordSentence('session', false, false, ['the server URL', 'the user name', 'the CA certificate']),
    ).toMatch(/^This edit changes the server URL, the user name and the CA certificate:/);
    // Nothing stored, or a new password typed: the usual sentence.
    expect(passwordSentence('none', false, false, ['the server URL'])).toMatch(/^No password is stored/);
    expect(passwordSentence('keychain', false, true, ['the server URL'])).toBe(
      'On Save, this password is saved in the system keychain, replacing the one stored now.',
    );
  });
});
