/**
 * How an error of the connection itself reads, as one rule for the window and `gpjobs`: whose words an
 * error's detail is (the keychain's, this computer's network stack's, or the server's), and what happened
 * to a connection that brought no answer. A connection the server closed is told apart from one that could
 * not be made: the server was there and accepted it, so "unreachable" would send an administrator to check
 * the wrong thing.
 */
import type { AppError, ConnectionFault } from '../core/vocabulary';

/** Whose words an error's `serverMessage` is. */
export type DetailSource = 'keychain' | 'connection' | 'server';

/** What happened to a connection that brought no answer (the core's `AppError.fault`). */
export type { ConnectionFault };

const CONNECTION_KINDS: ReadonlySet<AppError['kind']> = new Set(['network', 'timeout', 'tls']);

/** The keychain's, the connection's (no answer came: the server said nothing) or the server's own. */
export function detailSource(error: Pick<AppError, 'kind'>): DetailSource {
  if (error.kind === 'keychain') return 'keychain';
  return CONNECTION_KINDS.has(error.kind) ? 'connection' : 'server';
}

/**
 * What happened to a connection that brought no answer, or null when the error is not the connection's:
 * the `fault` the core names where it classifies a transport failure (refused, closed after it was
 * accepted, a name that does not resolve, no route, timed out, TLS). A connection error without one (a
 * request's own deadline, the browser's fetch failing) reads by its kind: a timeout timed out, a TLS error
 * is TLS, any other is 'other'. The message is never parsed: its wording may change, the fault does not.
 */
export function connectionFault(error: Pick<AppError, 'kind' | 'fault'>): ConnectionFault | null {
  if (!CONNECTION_KINDS.has(error.kind)) return null;
  if (error.fault) return error.fault;
  if (error.kind === 'timeout') return 'timed-out';
  return error.kind === 'tls' ? 'tls' : 'other';
}
