/**
 * The workspace's keyboard shortcuts in one place: select all visible rows, delete, find, refresh, escape.
 * `shortcutFor` is a pure mapping (unit-tested); `installShortcuts` wires it to the window.
 */

/** What a shortcut asks the workspace to do. */
export type ShortcutAction = 'select-all' | 'delete' | 'find' | 'refresh' | 'escape';

/** The parts of a KeyboardEvent the mapping reads. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Where the key was pressed. */
export interface KeyContext {
  /** macOS: the command key is the modifier. */
  mac: boolean;
  /** Focus is in a text field: its own editing keys (select all, delete) win. */
  inTextField: boolean;
  /** A modal dialog is open: it handles its own keys. */
  modalOpen: boolean;
}

/** The shortcut a key press means here, or null. */
export function shortcutFor(e: KeyPress, ctx: KeyContext): ShortcutAction | null {
  if (ctx.modalOpen || e.altKey) return null;
  const mod = ctx.mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key === 'Escape' && !mod) return 'escape';
  if (key === 'F5' && !e.shiftKey) return 'refresh';
  if (mod && !e.shiftKey && key === 'r') return 'refresh';
  if (mod && !e.shiftKey && key === 'f') return 'find';
  if (ctx.inTextField) return null;
  if (mod && !e.shiftKey && key === 'a') return 'select-all';
  if (key === 'Delete' && !mod && !e.shiftKey) return 'delete';
  if (ctx.mac && mod && key === 'Backspace') return 'delete';
  return null;
}

/** Whether an element takes typed text (inputs, text areas, selects, editable content). */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'range'].includes(el.type);
  }
  return el instanceof HTMLElement && el.isContentEditable;
}

/** Whether the app runs on macOS (command key shortcuts). */
export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.userAgent);
}

/**
 * Listens for the shortcuts on the window and calls the matching handler (preventing the browser's own
 * action, e.g. reload or find). Returns the unsubscribe.
 */
export function installShortcuts(handlers: Partial<Record<ShortcutAction, () => void>>): () => void {
  const mac = isMac();
  const onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.isComposing) return;
    const action = shortcutFor(e, {
      mac,
      inTextField: isTextField(document.activeElement),
      modalOpen: document.querySelector('dialog[open]') !== null,
    });
    const handler = action ? handlers[action] : undefined;
    if (!handler) return;
    if (action !== 'escape') e.preventDefault();
    handler();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
