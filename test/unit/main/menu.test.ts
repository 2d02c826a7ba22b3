import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../electron/main/menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('application menu', () => {
  it('has the usual edit, view, window and help menus', () => {
    const all = roles(menuTemplate({ appName: 'GP Job Admin', isMac: false, isPackaged: true }));
    for (const role of [
      'fileMenu',
      'editMenu',
      'windowMenu',
      'help',
      'zoomIn',
      'zoomOut',
      'resetZoom',
      'togglefullscreen',
    ]) {
      expect(all, role).toContain(role);
    }
  });

  it('puts the app menu with Quit first on macOS', () => {
    const [first] = menuTemplate({ appName: 'GP Job Admin', isMac: true, isPackaged: true });
    expect(first?.label).toBe('GP Job Admin');
    expect(roles([first as MenuItemConstructorOptions])).toEqual(
      expect.arrayContaining(['about', 'hide', 'quit']),
    );
  });

  it('offers no reload or developer tools in packaged builds', () => {
    for (const isMac of [true, false]) {
      const all = roles(menuTemplate({ appName: 'GP Job Admin', isMac, isPackaged: true }));
      expect(all).not.toContain('toggleDevTools');
      expect(all).not.toContain('reload');
      expect(all).not.toContain('forceReload');
    }
  });

  it('offers developer tools in development', () => {
    expect(roles(menuTemplate({ appName: 'GP Job Admin', isMac: false, isPackaged: false }))).toContain(
      'toggleDevTools',
    );
  });
});
