/**
 * Applies the security policy (security.ts) to every web contents and session Electron creates:
 * navigation and redirects off the app's origin are blocked, new windows are denied (a link may instead be
 * offered to the browser through the `app.openExternal` policy), webviews never attach, permissions are denied.
 */
import type { Session, WebContents } from 'electron';
import { isAllowedNavigation, isPermissionGranted, windowOpenAction } from './security';

/** Asks the app to open a URL in the browser; the `app.openExternal` handler decides whether it may. */
export type ExternalOpenRequest = (url: string) => void;

/** Locks down one web contents (call it from `app.on('web-contents-created')`). */
export function hardenWebContents(contents: WebContents, requestOpenExternal: ExternalOpenRequest): void {
  // will-frame-navigate fires for every frame, the main one included (before will-navigate), so links are
  // offered to the browser from it alone: once per click. will-navigate is blocked as well, in depth.
  contents.on('will-frame-navigate', (event) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    if (event.isMainFrame && /^https:/i.test(event.url)) requestOpenExternal(event.url);
  });
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:/i.test(url)) requestOpenExternal(url);
    return windowOpenAction();
  });
}

/** Denies every permission request and check, and every device (USB, HID, serial) on a session. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  session.setDevicePermissionHandler(() => false);
}
