/**
 * What an administrator can do about an error. The backend's messages already say what went wrong; this
 * adds the next step for the kinds where the app itself offers the fix (a CA file, a password, an admin URL).
 */
import type { AppError, Result } from './contract-types';

/** The next step for an error, or null when the message says it all. */
export function errorHint(error: AppError): string | null {
  switch (error.kind) {
    case 'tls':
      return "Add the CA certificate that issued the server's certificate (a .pem file) in Edit server, then test again.";
    case 'auth':
      return 'Check the username, enter the password again in Edit server, and test the connection.';
    case 'permission':
      return 'Sign in with an account that has administrator privileges on this site.';
    case 'admin-unreachable':
      return 'If the Web Adaptor blocks /admin, set the Admin URL in Edit server, e.g. https://machine:6443/arcgis.';
    case 'bad-url':
    case 'not-arcgis':
      return 'Check the server URL; paste the site root, e.g. https://gis.example.com/arcgis.';
    case 'network':
    case 'timeout':
      return 'Check the network, VPN or proxy and that the server is running, then refresh.';
    case 'keychain':
      return 'The system keychain is unavailable. You can keep the password for this session only.';
    default:
      return error.transient ? 'This may be temporary; try again in a moment.' : null;
  }
}

/** The error's main line, with the ArcGIS code when there is one: `Token expired (code 498)`. */
export function errorTitle(error: AppError): string {
  return error.code !== undefined && !error.message.includes(String(error.code))
    ? `${error.message} (code ${error.code})`
    : error.message;
}

/** Wraps an unexpected exception (a programming error or a broken bridge) as an error value to show. */
export function unexpectedError(cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { kind: 'config', message: `Something went wrong inside the app: ${detail}` };
}

/** Calls the backend, turning a thrown bridge error into an error value. */
export async function call<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (cause) {
    return { ok: false, error: unexpectedError(cause) };
  }
}
