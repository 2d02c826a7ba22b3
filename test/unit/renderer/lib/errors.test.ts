import { describe, expect, it } from 'vitest';
import { detailLabel, errorHint, errorTitle, unexpectedError } from '../../../../renderer/src/lib/errors';

describe('error words', () => {
  it('points a TLS error at the CA certificate file', () => {
    expect(errorHint({ kind: 'tls', message: 'Certificate not trusted' })).toMatch(/CA certificate/);
  });

  it('asks for the password of a server that has none, and to re-enter a refused one', () => {
    expect(errorHint({ kind: 'auth', noPassword: true, message: 'x' })).toBe(
      'Enter the password in Edit server and Save; it is not tried until then.',
    );
    expect(errorHint({ kind: 'auth', message: 'x' })).toMatch(/^Check the username/);
  });

  it('points a blocked admin endpoint at the Admin URL', () => {
    expect(errorHint({ kind: 'admin-unreachable', message: 'x' })).toMatch(/Admin URL/);
  });

  it('offers session-only storage when the keychain is unavailable', () => {
    expect(errorHint({ kind: 'keychain', message: 'x' })).toMatch(/this session only/);
  });

  it('adds nothing to a server error that is not transient', () => {
    expect(errorHint({ kind: 'server', message: 'x' })).toBeNull();
    expect(errorHint({ kind: 'server', message: 'x', transient: true })).toMatch(/try again/);
  });

  it("labels a connection's own detail as such, and a server's text as the server's", () => {
    expect(detailLabel({ kind: 'network', message: 'refused', serverMessage: 'connect ECONNREFUSED' })).toBe(
      'Connection error',
    );
    expect(detailLabel({ kind: 'timeout', message: 'x' })).toBe('Connection error');
    expect(detailLabel({ kind: 'tls', message: 'x' })).toBe('Connection error');
    expect(detailLabel({ kind: 'server', message: 'x', serverMessage: 'Disk full' })).toBe(
      "Server's message",
    );
    // The keychain's words are not the server's (the command line says the same).
    expect(detailLabel({ kind: 'keychain', message: 'x', serverMessage: 'dbus gone' })).toBe(
      'The keychain said',
    );
  });

  it('says a connection the server closed was accepted, not that the server is unreachable', () => {
    const closed = {
      kind: 'network' as const,
      fault: 'closed' as const,
      message: 'gis:6443 closed the connection before answering.',
    };
    expect(errorHint(closed)).toMatch(/accepted the connection, then closed it/);
    expect(errorHint(closed)).not.toMatch(/server is running/);
    expect(
      errorHint({ kind: 'network', fault: 'refused', message: 'gis:6443 refused the connection.' }),
    ).toMatch(/server is running/);
  });

  it('appends the code once', () => {
    expect(errorTitle({ kind: 'auth', message: 'Invalid token', code: 498 })).toBe(
      'Invalid token (code 498)',
    );
    expect(errorTitle({ kind: 'server', message: 'The server is busy.', code: 503 })).toBe(
      'The server is busy (code 503).',
    );
    expect(errorTitle({ kind: 'auth', message: 'Error 498: invalid token', code: 498 })).toBe(
      'Error 498: invalid token',
    );
  });

  it('wraps an exception as a value to show', () => {
    expect(unexpectedError(new Error('boom')).message).toMatch(/boom/);
  });
});
