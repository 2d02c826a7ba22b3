/**
 * What an administrator can do about an error. The backend's messages already say what went wrong; this
 * adds the next step for the kinds where the app itself offers the fix (a CA file, a password, an admin URL).
 */
import { connectionFault, detailSource } from '../../../electron/shared/connection-errors';
import type { AppError, Result } from './contract-types';
import { t } from './strings';

/** The next step for an error, or null when the message says it all. */
export function errorHint(error: AppError): string | null {
  const hints = t.errors.hints;
  switch (error.kind) {
    case 'tls':
      return hints.tls;
    case 'auth':
      return error.noPassword ? hints.noPassword : hints.auth;
    case 'permission':
      return hints.permission;
    case 'admin-unreachable':
      return hints.adminUnreachable;
    case 'bad-url':
    case 'not-arcgis':
      return hints.badUrl;
    case 'network':
      return connectionFault(error) === 'closed' ? hints.closed : hints.network;
    case 'timeout':
      return hints.network;
    case 'keychain':
      return hints.keychain;
    default:
      return error.transient ? hints.transient : null;
  }
}

/** What the secondary detail is: the server's own words, the connection's when no answer came, the keychain's. */
export function detailLabel(error: AppError): string {
  const labels = {
    keychain: t.app.keychainDetail,
    connection: t.app.connectionDetail,
    server: t.app.serversMessage,
  };
  return labels[detailSource(error)];
}

/** The error's main line, with the ArcGIS code when there is one: `Token expired (code 498)`. */
export function errorTitle(error: AppError): string {
  return error.code !== undefined && !error.message.includes(String(error.code))
    ? t.errors.withCode(error.message, error.code)
    : error.message;
}

/** Wraps an unexpected exception (a programming error or a broken bridge) as an error value to show. */
export function unexpectedError(cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { kind: 'config', message: t.errors.unexpected(detail) };
}

/** Calls the backend, turning a thrown bridge error into an error value. */
export async function call<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (cause) {
    return { ok: false, error: unexpectedError(cause) };
  }
}
