/**
 * The main window's remembered size and position: a small `window-state.json` in the config directory.
 * Pure Node (no Electron) so it is unit tested; a missing, corrupt or off-screen state falls back to a
 * centred default rather than opening the window where nobody can see it.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The file name inside the config directory. */
export const WINDOW_STATE_FILE = 'window-state.json';

/** A screen rectangle in device-independent pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered between runs. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** Smallest window the layout supports. */
export const MIN_SIZE = { width: 900, height: 600 } as const;

/** The size a first run opens with (centred by Electron when x/y are absent). */
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;

/** How much of the window's title bar area must be on a display to count as reachable. */
const MIN_VISIBLE = 64;

function isFiniteInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e6;
}

/** Parses stored JSON into a state, or null when it is not one. */
export function parseWindowState(text: string): WindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isFiniteInt(x) || !isFiniteInt(y) || !isFiniteInt(width) || !isFiniteInt(height)) return null;
  if (width < 1 || height < 1) return null;
  return {
    bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) },
    maximized: maximized === true,
  };
}

/** Reads the remembered state from a config directory; null when there is none or it is unreadable. */
export function loadWindowState(configDir: string): WindowState | null {
  try {
    return parseWindowState(fs.readFileSync(path.join(configDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** Writes the state atomically (temp file, then rename), creating the config directory if needed. */
export function saveWindowState(configDir: string, state: WindowState): void {
  fs.mkdirSync(configDir, { recursive: true });
  const file = path.join(configDir, WINDOW_STATE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The bounds to open with, given the displays' work areas: the remembered bounds when the window's top
 * strip is visible on some display (shrunk to fit it), otherwise the default size without a position
 * (centred). A display removed since the last run therefore never hides the window.
 */
export function restoreBounds(
  state: WindowState | null,
  workAreas: readonly Rect[],
): Partial<Rect> & { width: number; height: number } {
  if (!state) return { ...DEFAULT_SIZE };
  const { bounds } = state;
  const titleStrip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: MIN_VISIBLE };
  const area = workAreas.find((candidate) => {
    const o = overlap(titleStrip, candidate);
    return o.width >= MIN_VISIBLE && o.height > 0;
  });
  if (!area) return { ...DEFAULT_SIZE };
  const width = Math.max(MIN_SIZE.width, Math.min(bounds.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(bounds.height, area.height));
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - Math.min(width, area.width));
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - Math.min(height, area.height));
  return { x, y, width, height };
}
