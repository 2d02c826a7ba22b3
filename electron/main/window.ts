/**
 * The one main window: hardened web preferences, the renderer loaded from `app://`, and its size, position
 * and maximized state remembered in the config directory between runs.
 */
import { BrowserWindow, screen } from 'electron';
import { APP_ENTRY_URL, webPreferences } from './security';
import { MIN_SIZE, loadWindowState, restoreBounds, saveWindowState } from './window-state';

/** What the main window needs. */
export interface MainWindowOptions {
  preloadPath: string;
  configDir: string;
  title: string;
  devTools: boolean;
}

/** Creates and loads the main window; it shows once its first paint is ready. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = loadWindowState(options.configDir);
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const window = new BrowserWindow({
    ...restoreBounds(state, workAreas),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: options.title,
    show: false,
    webPreferences: webPreferences(options.preloadPath, { devTools: options.devTools }),
  });
  if (state?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    try {
      saveWindowState(options.configDir, {
        bounds: window.getNormalBounds(),
        maximized: window.isMaximized(),
      });
    } catch (error) {
      console.warn(`GP Job Admin: could not remember the window position: ${(error as Error).message}`);
    }
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Brings a window to the front, restoring it when minimized (used when a second instance starts). */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
