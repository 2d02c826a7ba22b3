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

  it('says a stored password is forgotten when the edit points the server at a new host', () => {
    expect(passwordSentence('keychain', false, false, ['new.example.com'])).toBe(
      'This edit points the server at new.example.com: on Save the stored password is forgotten, so it never goes to a host it was not entered for. Type the password to use there.',
    );
    expect(passwordSentence('session', false, false, ['a.example', 'b.example'])).toMatch(
      /^This edit points the server at a\.example, b\.example:/,
    );
    // Nothing stored, or a new password typed: the usual sentence.
    expect(passwordSentence('none', false, false, ['new.example.com'])).toMatch(/^No password is stored/);
    expect(passwordSentence('keychain', false, true, ['new.example.com'])).toBe(
      'On Save, this password is saved in the system keychain, replacing the one stored now.',
    );
  });
});
