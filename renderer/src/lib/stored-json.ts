/**
 * Settings kept as JSON in the renderer's storage (the job table's filter and column layout): read back
 * through a tolerant parser with a default, written without ever failing the caller.
 */

/** The subset of Storage these settings need (localStorage in the app, a Map-backed fake in tests). */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The value stored under `key` as `parse` reads it, or `fallback()` when nothing (or nothing readable) is. */
export function loadJson<T>(
  storage: SettingsStorage,
  key: string,
  parse: (value: unknown) => T,
  fallback: () => T,
): T {
  try {
    const raw = storage.getItem(key);
    return raw === null ? fallback() : parse(JSON.parse(raw));
  } catch {
    return fallback();
  }
}

/** Stores `value` under `key`; a full or disabled storage only costs persistence (it still applies now). */
export function saveJson(storage: SettingsStorage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the setting still applies for this session.
  }
}
