/**
 * Passwords in the OS keychain through `@github/keytar`: macOS Keychain, Windows Credential Manager, or a
 * Secret Service (gnome-keyring, KWallet) on Linux. Service `gp-job-admin`, account = profile id.
 * keytar is loaded on first use, so a missing native module or Secret Service becomes a `keychain` error
 * value (with a way forward) instead of a crash at start-up. There is never a plaintext fallback.
 */
import type { AppError, Result } from '../types';
import { err, ok } from '../types';
import type { CredentialStore } from './credential-store';
import { checkPassword, checkProfileId } from './credential-store';
import { secretServiceEntryLocked } from './secret-service-lock';

/** The keychain service name the app and the CLI share. */
export const KEYCHAIN_SERVICE = 'gp-job-admin';

/** The part of keytar this store uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Options for a keychain store; tests use their own service name. */
export interface KeychainOptions {
  service?: string;
  /** Loads keytar; the default imports `@github/keytar` on first use. */
  loadKeytar?: () => Promise<KeytarApi>;
  /** How long one keychain call may take before it counts as unavailable (a prompt nobody can answer). */
  timeoutMs?: number;
  /** Whether a missing entry is in fact locked away; default: ask the Secret Service on Linux. */
  isLocked?: (service: string, account: string) => Promise<boolean>;
}

const SESSION_HINT = 'or keep the password for this session only.';
const LOCKED = 'The keychain is locked';

/** Whether an error says the keychain is locked (as opposed to missing or broken). */
export function isLockedKeychainError(error: AppError | undefined): boolean {
  return error?.kind === 'keychain' && error.message.startsWith(LOCKED);
}

/** The plain message for "there is no keychain here", per platform. */
export function noKeychainMessage(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') {
    return (
      'No keychain (Secret Service) is available on this machine: install and unlock gnome-keyring or another ' +
      `Secret Service provider, ${SESSION_HINT}`
    );
  }
  return `The system keychain is not available on this machine, so the password cannot be saved: ${SESSION_HINT}`;
}

/** Turns a keytar failure into a `keychain` error an administrator can act on; keeps keytar's text aside. */
export function keychainError(cause: unknown, platform: NodeJS.Platform = process.platform): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const base = { kind: 'keychain' as const, serverMessage: detail };
  if (
    /locked|prompt|dismiss|cancel|user interaction|denied/i.test(detail) &&
    !/could not connect/i.test(detail)
  ) {
    return {
      ...base,
      message: `${LOCKED}: unlock it (log in to the desktop session, or unlock gnome-keyring) and try again, ${SESSION_HINT}`,
    };
  }
  if (/did not answer/i.test(detail)) {
    return {
      ...base,
      transient: true,
      message: `The keychain did not answer in time: try again, ${SESSION_HINT}`,
    };
  }
  return { ...base, message: noKeychainMessage(platform) };
}

/** The error when keytar itself cannot load (native module missing or built for another runtime). */
export function keytarLoadError(cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  // A D-Bus failure surfacing at load time is still "no Secret Service".
  if (/could not connect|d-bus|dbus|secrets/i.test(detail)) return keychainError(cause);
  return {
    kind: 'keychain',
    serverMessage: detail,
    message: `The keychain module (@github/keytar) could not be loaded, so passwords cannot be saved: reinstall GP Job Admin, ${SESSION_HINT}`,
  };
}

async function importKeytar(): Promise<KeytarApi> {
  // The app and CLI bundles are CommonJS: there `require` loads the native module (also from an asar archive).
  // Under ESM (tests, tsx) there is no `require`, and a dynamic import does it.
  const mod = (
    typeof require === 'function'
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('@github/keytar')
      : await import('@github/keytar')
  ) as Partial<KeytarApi> & { default?: KeytarApi };
  const api = mod.default ?? (mod as KeytarApi);
  if (typeof api.getPassword !== 'function') throw new Error('@github/keytar has no getPassword()');
  return api;
}

/** A credential store over the OS keychain; see the module comment. */
export class KeychainCredentialStore implements CredentialStore {
  /** The keychain service name entries are saved under. */
  readonly service: string;
  private readonly loadKeytar: () => Promise<KeytarApi>;
  private readonly timeoutMs: number;
  private keytar: Promise<KeytarApi> | null = null;
  private readonly isLocked: (service: string, account: string) => Promise<boolean>;

  constructor(options: KeychainOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.loadKeytar = options.loadKeytar ?? importKeytar;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.isLocked =
      options.isLocked ?? (process.platform === 'linux' ? secretServiceEntryLocked : async () => false);
  }

  /** The saved password, or null; a locked keyring is a `keychain` error saying so, never null. */
  async get(profileId: string): Promise<Result<string | null>> {
    const id = checkProfileId(profileId);
    if (!id.ok) return id;
    const r = await this.call((k) => k.getPassword(this.service, id.value));
    if (r.ok && r.value === null && (await this.isLocked(this.service, id.value))) {
      return err(keychainError(new Error('The entry is in a locked keyring.')));
    }
    return r;
  }

  /** Saves or replaces the password. */
  async set(profileId: string, password: string): Promise<Result<void>> {
    const id = checkProfileId(profileId);
    if (!id.ok) return id;
    const pw = checkPassword(password);
    if (!pw.ok) return pw;
    return this.call((k) => k.setPassword(this.service, id.value, pw.value));
  }

  /** Removes the entry; absent entries are fine. */
  async clear(profileId: string): Promise<Result<void>> {
    const id = checkProfileId(profileId);
    if (!id.ok) return id;
    const r = await this.call((k) => k.deletePassword(this.service, id.value));
    return r.ok ? ok(undefined) : r;
  }

  /** Whether an entry exists. */
  async has(profileId: string): Promise<Result<boolean>> {
    const r = await this.get(profileId);
    return r.ok ? ok(r.value !== null) : r;
  }

  private async call<T>(op: (keytar: KeytarApi) => Promise<T>): Promise<Result<T>> {
    let timer: NodeJS.Timeout | undefined;
    let keytar: KeytarApi;
    try {
      this.keytar ??= this.loadKeytar();
      keytar = await this.keytar;
    } catch (e) {
      return err(keytarLoadError(e));
    }
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('The keychain did not answer in time.')), this.timeoutMs);
        timer.unref();
      });
      return ok(await Promise.race([op(keytar), timeout]));
    } catch (e) {
      return err(keychainError(e));
    } finally {
      clearTimeout(timer);
    }
  }
}
