import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  WINDOW_STATE_FILE,
  loadWindowState,
  parseWindowState,
  restoreBounds,
  saveWindowState,
  type Rect,
} from '../../../electron/main/window-state';

let configDir: string;

beforeEach(() => {
  configDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gpjobs-window-')), 'config');
});

afterEach(() => {
  fs.rmSync(path.dirname(configDir), { recursive: true, force: true });
});

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const monitorRight: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window state file', () => {
  it('remembers size, position and maximized state across runs', () => {
    saveWindowState(configDir, { bounds: { x: 100, y: 50, width: 1200, height: 700 }, maximized: true });
    expect(loadWindowState(configDir)).toEqual({
      bounds: { x: 100, y: 50, width: 1200, height: 700 },
      maximized: true,
    });
    expect(fs.readdirSync(configDir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('has no state on a first run', () => {
    expect(loadWindowState(configDir)).toBeNull();
  });

  it('ignores a corrupt or hand-edited file', () => {
    expect(parseWindowState('{not json')).toBeNull();
    expect(parseWindowState('null')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":"1","y":0,"width":800,"height":600}}')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":0,"y":0,"width":-5,"height":600}}')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":1e300,"y":0,"width":800,"height":600}}')).toBeNull();
  });
});

describe('restoreBounds', () => {
  it('opens at the default size, centred, on a first run', () => {
    expect(restoreBounds(null, [laptop])).toEqual({ ...DEFAULT_SIZE });
  });

  it('restores a window that is on a display', () => {
    const state = { bounds: { x: 1600, y: 100, width: 1300, height: 900 }, maximized: false };
    expect(restoreBounds(state, [laptop, monitorRight])).toEqual(state.bounds);
  });

  it('recentres a window left on a display that is gone', () => {
    const state = { bounds: { x: 1600, y: 100, width: 1300, height: 900 }, maximized: false };
    expect(restoreBounds(state, [laptop])).toEqual({ ...DEFAULT_SIZE });
  });

  it('pulls a partly off-screen window fully onto its display and shrinks it to fit', () => {
    const state = { bounds: { x: 1000, y: -20, width: 2000, height: 1200 }, maximized: false };
    expect(restoreBounds(state, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });
});
