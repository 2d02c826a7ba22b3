/**
 * How an error of the connection itself reads, as one rule for the window and `gpjobs`: whose words an
 * error's detail is (the keychain's, this computer's network stack's, or the server's), and what happened
 * to a connection that brought no answer. A connection the server closed is told apart from one that could
 * not be made: the server was there and accepted it, so "unreachable" would send an administrator to check
 * the wrong thing.
 */
import type { AppError } from '../core/vocabulary';

/** Whose words an error's `serverMessage` is. */
export type DetailSource = 'keychain' | 'connection' | 'server';

/** What happened to a connection that brought no answer (null: the error is not the connection's). */
export type ConnectionFault = 'refused' | 'closed' | 'dns' | 'no-route' | 'timed-out' | 'tls' | 'other';

const CONNECTION_KINDS: ReadonlySet<AppError['kind']> = new Set(['network', 'timeout', 'tls']);

/** The keychain's, the connection's (no answer came: the server said nothing) or the server's own. */
export function detailSource(error: Pick<AppError, 'kind'>): DetailSource {
  if (error.kind === 'keychain') return 'keychain';
  return CONNECTION_KINDS.has(error.kind) ? 'connection' : 'server';
}

/**
 * Read from the core's own wording of transport failures (electron/core/arcgis/transport-errors.ts; the
 * tests hold the two together): refused, closed after it was accepted, a name that does not resolve, no
 * route, timed out, TLS.
 */
export function connectionFault(error: Pick<AppError, 'kind' | 'message'>): ConnectionFault | null {
  if (error.kind === 'timeout') return 'timed-out';
  if (error.kind === 'tls') return 'tls';
  if (error.kind !== 'network') return null;
  const { message } = error;
  if (/refused the connection/i.test(message)) return 'refused';
  if (/closed the connection/i.test(message)) return 'closed';
  if (/could not be resolved/i.test(message)) return 'dns';
  if (/unreachable from this computer/i.test(message)) return 'no-route';
  return 'other';
}
