/**
 * Status colours under colour blindness: each theme's status colours are passed through the simulation
 * matrices of Machado, Oliveira and Fernandes (2009, "A Physiologically-based Model for Simulation of
 * Color Vision Deficiency", severity 1.0) for protanopia, deuteranopia and tritanopia, in linear RGB, and
 * compared in CIELAB. Any two statuses must either stay apart in colour (ΔE*ab ≥ 10) or have different
 * mark shapes (the non-colour cue), so a status is never told apart by colour alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Matrix = readonly [readonly number[], readonly number[], readonly number[]];
const SIMULATIONS: Record<string, Matrix> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};
const STATUSES = [
  'new',
  'submitted',
  'waiting',
  'executing',
  'cancelling',
  'cancelled',
  'succeeded',
  'failed',
  'timed-out',
];
const MIN_DELTA_E = 10;
const CSS = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../../../renderer/src/lib/jobs/theme.css'),
  'utf8',
);
const [LIGHT_PART = '', DARK_PART = ''] = CSS.split('@media (prefers-color-scheme: dark)');

function palette(css: string): Map<string, string> {
  return new Map([...css.matchAll(/--gpja-status-([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}

/** A status mark's shape: the declarations of every rule for `.status-<slug> .mark` (outside forced colours). */
function shape(slug: string): string {
  const css = CSS.split('@media (forced-colors')[0]!.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)]
    .filter((rule) => rule[1]!.split(',').some((s) => s.trim() === `.status-${slug} .mark`))
    .map((rule) => rule[2]!.replace(/\s+/g, ' ').trim())
    .join(' ');
}

const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

function lab(hex: string, m: Matrix): [number, number, number] {
  const rgb = [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255));
  const [r, g, b] = m.map((row) =>
    Math.min(1, Math.max(0, row[0]! * rgb[0]! + row[1]! * rgb[1]! + row[2]! * rgb[2]!)),
  ) as [number, number, number];
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const fx = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const fy = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const fz = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

function deltaE(a: string, b: string, m: Matrix): number {
  const [p, q] = [lab(a, m), lab(b, m)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

describe('status colours under colour blindness', () => {
  it('reads every status colour of both themes and a shape for every status', () => {
    for (const css of [LIGHT_PART, DARK_PART])
      for (const s of STATUSES) expect(palette(css).get(s), s).toMatch(/^#/);
    // The queue's three statuses have shapes of their own.
    expect(new Set(['submitted', 'waiting', 'executing'].map(shape)).size).toBe(3);
  });

  it('flags a pair of alike colours with the same shape (the check can fail)', () => {
    expect(deltaE('#007ac2', '#0a7fc0', SIMULATIONS.normal!)).toBeLessThan(MIN_DELTA_E);
    expect(shape('succeeded')).toBe(shape('succeeded'));
  });

  for (const [theme, css] of [
    ['light', LIGHT_PART],
    ['dark', DARK_PART],
  ] as const) {
    it(`keeps every pair apart by colour or by shape (${theme} theme)`, () => {
      const colours = palette(css);
      const alike: string[] = [];
      for (const [vision, m] of Object.entries(SIMULATIONS))
        for (const [i, a] of STATUSES.entries())
          for (const b of STATUSES.slice(i + 1)) {
            const d = deltaE(colours.get(a)!, colours.get(b)!, m);
            if (d < MIN_DELTA_E && shape(a) === shape(b))
              alike.push(`${vision}: ${a} ~ ${b} (ΔE ${d.toFixed(1)})`);
          }
      expect(alike).toEqual([]);
    });
  }
});
