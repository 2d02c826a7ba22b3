/**
 * The window's security policy in one place (CONTRIBUTING.md rule 10), as pure data and predicates so it is unit
 * tested without Electron: web preferences, the Content-Security-Policy, which URLs a window may navigate
 * to or open externally, and which permissions a page gets (none).
 */

/** The custom scheme the renderer is served from (never `file://`). */
export const APP_SCHEME = 'app';

/** The host of the app's origin. */
export const APP_HOST = 'gp-job-admin';

/** The app's origin; the only one that may call IPC or be navigated to. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The renderer's Content-Security-Policy. Only the app's own scripts, styles, images and fonts load;
 * nothing connects anywhere (all network goes through main); no inline script, eval, plugins, frames,
 * forms or `<base>`. Svelte 5 sets dynamic styles through the CSSOM (`style.cssText`, `setProperty`),
 * which `style-src 'self'` allows, so no `'unsafe-inline'` is needed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The web preferences of the app window (Electron's security checklist). */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  devTools: boolean;
}

/** Web preferences for the app window: isolated, sandboxed, no Node; devtools only in development. */
export function webPreferences(
  preloadPath: string,
  options: { devTools?: boolean } = {},
): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools ?? false,
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a URL is on the app's own origin. Compared by scheme and host: Node's URL gives custom schemes
 * an opaque origin (`"null"`), so `url.origin` cannot be used for `app://`.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Whether a window may navigate to a URL: only within the app's own origin. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** What an IPC sender looked like, as the IPC wrapper sees it. */
export interface SenderInfo {
  /** The sender is the web contents of the app's main window. */
  isAppWindow: boolean;
  /** The sending frame is that window's main frame (not an iframe). */
  isMainFrame: boolean;
  /** The sending frame's URL, or null when the frame is gone. */
  frameUrl: string | null;
}

/** Whether an IPC request comes from the app window's main frame on the app's origin. */
export function isTrustedSender(sender: SenderInfo): boolean {
  return sender.isAppWindow && sender.isMainFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl);
}

/** The https origins of the configured servers (server, admin and portal URLs); other entries are ignored. */
export function httpsOrigins(configuredUrls: Iterable<string | null | undefined>): Set<string> {
  const origins = new Set<string>();
  for (const url of configuredUrls) {
    const parsed = url ? parseUrl(url) : null;
    if (parsed && parsed.protocol === 'https:') origins.add(parsed.origin);
  }
  return origins;
}

/**
 * Whether a URL may be opened in the user's browser: https only, no embedded credentials, and its origin
 * (scheme, host and port) must be one of a configured server's. Anything else stays closed.
 */
export function isAllowedExternalUrl(
  url: string,
  configuredServerUrls: Iterable<string | null | undefined>,
): boolean {
  return externalUrl(url, configuredServerUrls) !== null;
}

/**
 * The URL to hand to the browser: the parsed and normalised form (`URL.href`) of an allowed `url`, or null.
 * The browser gets exactly what was checked, never the raw string, whose parsing could differ there.
 */
export function externalUrl(
  url: string,
  configuredServerUrls: Iterable<string | null | undefined>,
): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '')
    return null;
  return httpsOrigins(configuredServerUrls).has(parsed.origin) ? parsed.href : null;
}

/** Permission policy: the app needs no camera, notifications, geolocation, clipboard read, ...: deny all. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/** What a window-open request gets: always denied (allowed https links go to the browser instead). */
export function windowOpenAction(): { action: 'deny' } {
  return { action: 'deny' };
}
