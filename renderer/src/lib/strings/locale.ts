/**
 * The locale the app formats dates and numbers in: the OS language as the runtime reports it (Electron
 * passes the system locale to the renderer's `navigator.language`; a browser passes its own), undefined
 * where there is none (unit tests under Node), which Intl reads as the runtime default.
 */
export function appLocale(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language || undefined;
}
