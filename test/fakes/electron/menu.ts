/**
 * Electron's Menu for the fake: `buildFromTemplate` turns a template into items (role, label, type,
 * accelerator, submenu), and the application menu is remembered.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** One built menu item. */
export interface FakeMenuItem {
  role?: string;
  label: string;
  type: string;
  submenu?: FakeMenu;
}

/** A built menu. */
export interface FakeMenu {
  items: FakeMenuItem[];
}

function build(template: MenuItemConstructorOptions[]): FakeMenu {
  return {
    items: template.map((entry) => {
      if (!entry.role && !entry.label && entry.type !== 'separator' && !entry.submenu) {
        throw new Error('Invalid template for MenuItem: must have at least one of label, role or type');
      }
      const submenu = Array.isArray(entry.submenu) ? build(entry.submenu) : undefined;
      return {
        ...(entry.role ? { role: entry.role.toLowerCase() } : {}),
        label: entry.label ?? '',
        type: entry.type ?? (submenu ? 'submenu' : 'normal'),
        ...(submenu ? { submenu } : {}),
      };
    }),
  };
}

/** The Menu class's static side. */
export function createMenu() {
  let applicationMenu: FakeMenu | null = null;
  return {
    buildFromTemplate: (template: MenuItemConstructorOptions[]): FakeMenu => build(template),
    setApplicationMenu(menu: FakeMenu | null): void {
      applicationMenu = menu;
    },
    getApplicationMenu: (): FakeMenu | null => applicationMenu,
  };
}
