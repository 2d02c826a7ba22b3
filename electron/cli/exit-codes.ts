/**
 * The exit codes scripts rely on, and how a core error maps to one. Kept in one place so every command
 * answers the same way: 0 all done, 1 some jobs failed, 2 usage or configuration, 3 connect or sign-in,
 * 4 not confirmed (nothing changed).
 */
import type { AppError, ErrorKind } from '../core';

/** Everything asked was done. */
export const EXIT_OK = 0;
/** Some jobs (or some services of a listing) failed; the rest was done. */
export const EXIT_FAILED = 1;
/** A usage or configuration error: nothing was done. */
export const EXIT_USAGE = 2;
/** A server could not be reached or signed in to (or no password could be found for it). */
export const EXIT_CONNECT = 3;

/** A confirmation was declined (or not given): nothing was changed. Distinct from 1 so scripts can tell. */
export const EXIT_NOT_CONFIRMED = 4;

/** One of the exit codes. */
export type ExitCode =
  typeof EXIT_OK | typeof EXIT_FAILED | typeof EXIT_USAGE | typeof EXIT_CONNECT | typeof EXIT_NOT_CONFIRMED;

/** The exit codes as every help text states them. */
export const EXIT_CODES_HELP =
  'Exit codes: 0 all done, 1 some jobs or services failed, 2 usage or config error,\n' +
  '3 could not reach or sign in to a server, 4 not confirmed (nothing changed).';

/** Kinds meaning the server could not be reached or signed in to: nothing on it was even looked at. */
export const CONNECT_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'auth',
  'network',
  'tls',
  'admin-unreachable',
  'timeout',
  'permission',
  'not-arcgis',
  'keychain',
]);

const USAGE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'bad-url',
  'config',
  'invalid-input',
  'not-found',
]);

/** The exit code a command ends with when it stops on `error`. */
export function exitCodeFor(error: Pick<AppError, 'kind'>): ExitCode {
  if (CONNECT_KINDS.has(error.kind)) return EXIT_CONNECT;
  if (USAGE_KINDS.has(error.kind)) return EXIT_USAGE;
  return EXIT_FAILED;
}

/**
 * The most telling of several outcomes: usage beats not confirmed, which beats connect, which beats
 * failed, which beats ok.
 */
export function worstExit(...codes: readonly ExitCode[]): ExitCode {
  const rank: Record<ExitCode, number> = { 0: 0, 1: 1, 3: 2, 4: 3, 2: 4 };
  return codes.reduce<ExitCode>((worst, code) => (rank[code] > rank[worst] ? code : worst), EXIT_OK);
}
