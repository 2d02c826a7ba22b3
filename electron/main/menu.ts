/**
 * The application menu: the usual roles (edit, view, window, help) with their platform shortcuts
 * (Cmd on macOS, Ctrl elsewhere, supplied by the roles). The template is built by a pure function so a unit
 * test can check that packaged builds have no developer tools.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu depends on. */
export interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** Packaged builds get no reload or developer tools entries. */
  isPackaged: boolean;
}

/** The application menu template. */
export function menuTemplate({ appName, isMac, isPackaged }: MenuOptions): MenuItemConstructorOptions[] {
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [{ role: 'fileMenu' }];

  const developer: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

  return [
    ...appMenu,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developer,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: isMac ? [] : [{ role: 'about' }] },
  ];
}
