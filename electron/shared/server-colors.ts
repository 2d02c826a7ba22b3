/**
 * Server colours: a palette kept clear of the job status colours (no red server reads as "Failed", no
 * green one as "Succeeded"), and the migration of colours saved by earlier versions. Earlier palettes
 * handed out red, green, blue and orange, the very hues of the statuses; their colours map one-to-one to
 * this palette (two servers that differed still differ), and any other colour too close to a status
 * colour moves to the nearest palette colour. Shared by the core (new profiles) and the renderer (display).
 */

/** Colours given in turn to new servers: teal, cyan, yellow, indigo, sky, olive, violet, umber. */
export const SERVER_COLORS = [
  '#00838f',
  '#00bfa5',
  '#ffd600',
  '#1a237e',
  '#80deea',
  '#afb42b',
  '#d500f9',
  '#4e342e',
] as const;

/** The status colours (light and dark themes) a server colour must stay clear of. */
export const STATUS_COLORS = [
  '#6a6a6a',
  '#5a8fd6',
  '#8a63c8',
  '#007ac2',
  '#c86a00',
  '#9a7b4f',
  '#35ac46',
  '#d83020',
  '#b0467e',
  '#7fb2f0',
  '#b693f0',
  '#2eb0ff',
  '#ff9c3a',
  '#c8a878',
  '#36da43',
  '#fe583e',
  '#e27ab8',
] as const;

/** Earlier palettes' colours (the app's and the profile store's) → their replacement. */
const LEGACY: Readonly<Record<string, string>> = {
  '#007ac2': '#00838f',
  '#2f7dd1': '#00838f',
  '#35ac46': '#00bfa5',
  '#2e9d57': '#00bfa5',
  '#e67a00': '#ffd600',
  '#d08a1a': '#ffd600',
  '#8f4fc6': '#1a237e',
  '#8a4fd1': '#1a237e',
  '#00a0a0': '#80deea',
  '#1a9fb0': '#80deea',
  '#c4a000': '#afb42b',
  '#6b7a1a': '#afb42b',
  '#d83020': '#d500f9',
  '#6a6a6a': '#4e342e',
  '#b0427f': '#4e342e',
};

/** How far apart two colours must be (CIE76 ΔE in Lab) to read as different at a glance. */
export const MIN_DISTANCE = 20;

function lab(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  const lin = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => lin(c / 255)) as [
    number,
    number,
    number,
  ];
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047);
  const y = f(r * 0.2126 + g * 0.7152 + b * 0.0722);
  const z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** The perceptual distance of two `#rrggbb` colours (CIE76 ΔE). */
export function colorDistance(a: string, b: string): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** Whether a colour could be mistaken for a status colour. */
export function looksLikeStatus(color: string): boolean {
  return STATUS_COLORS.some((s) => colorDistance(color, s) < MIN_DISTANCE);
}

/**
 * The colour a saved server colour is shown (and re-saved) as: earlier palettes' colours map to this one,
 * a colour that looks like a status moves to the nearest palette colour, any other choice is kept.
 */
export function currentServerColor(color: string): string {
  const c = color.toLowerCase();
  if (!/^#[0-9a-f]{6}$/.test(c)) return SERVER_COLORS[0];
  const legacy = LEGACY[c];
  if (legacy) return legacy;
  if (!looksLikeStatus(c)) return c;
  let best: string = SERVER_COLORS[0];
  for (const p of SERVER_COLORS) if (colorDistance(c, p) < colorDistance(c, best)) best = p;
  return best;
}

/** The first palette colour no other server uses (cycling when all are taken). */
export function nextServerColor(used: readonly string[]): string {
  const taken = new Set(used.map(currentServerColor));
  return SERVER_COLORS.find((c) => !taken.has(c)) ?? SERVER_COLORS[used.length % SERVER_COLORS.length]!;
}
