import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyContext, type KeyPress } from '../../../../renderer/src/lib/shortcuts';

const linux: KeyContext = { mac: false, inTextField: false, modalOpen: false };
const mac: KeyContext = { ...linux, mac: true };

function key(k: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('shortcutFor', () => {
  it('maps Ctrl+A, Delete, Ctrl+F, F5, Ctrl+R and Escape on Windows and Linux', () => {
    expect(shortcutFor(key('a', { ctrlKey: true }), linux)).toBe('select-all');
    expect(shortcutFor(key('Delete'), linux)).toBe('delete');
    expect(shortcutFor(key('f', { ctrlKey: true }), linux)).toBe('find');
    expect(shortcutFor(key('F5'), linux)).toBe('refresh');
    expect(shortcutFor(key('r', { ctrlKey: true }), linux)).toBe('refresh');
    expect(shortcutFor(key('Escape'), linux)).toBe('escape');
  });

  it('uses the command key on macOS, and Cmd+Backspace deletes', () => {
    expect(shortcutFor(key('a', { metaKey: true }), mac)).toBe('select-all');
    expect(shortcutFor(key('a', { ctrlKey: true }), mac)).toBeNull();
    expect(shortcutFor(key('Backspace', { metaKey: true }), mac)).toBe('delete');
    expect(shortcutFor(key('a', { metaKey: true }), linux)).toBeNull();
  });

  it('leaves select all and delete to a focused text field, but still finds and refreshes', () => {
    const typing = { ...linux, inTextField: true };
    expect(shortcutFor(key('a', { ctrlKey: true }), typing)).toBeNull();
    expect(shortcutFor(key('Delete'), typing)).toBeNull();
    expect(shortcutFor(key('f', { ctrlKey: true }), typing)).toBe('find');
    expect(shortcutFor(key('F5'), typing)).toBe('refresh');
  });

  it('does nothing while a modal dialog is open (it handles its own keys)', () => {
    const modal = { ...linux, modalOpen: true };
    expect(shortcutFor(key('Escape'), modal)).toBeNull();
    expect(shortcutFor(key('Delete'), modal)).toBeNull();
  });

  it('ignores shifted and alt variants and plain letters', () => {
    expect(shortcutFor(key('A', { ctrlKey: true, shiftKey: true }), linux)).toBeNull();
    expect(shortcutFor(key('r', { ctrlKey: true, altKey: true }), linux)).toBeNull();
    expect(shortcutFor(key('a'), linux)).toBeNull();
  });
});
