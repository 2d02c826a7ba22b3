/**
 * Durations as administrators type them (`7d`, `12h`, `30m`, `1d12h`, `2w`): one parser for the command
 * line's `--older-than` and for the ages stored in clean-up policies, so both read the same words.
 */
import type { Result } from '../types';
import { err, ok } from '../types';

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
/** The longest age that makes sense: ArcGIS Server keeps no job for a century. */
export const MAX_AGE_MS = 36_500 * 86_400_000;

/** `7d`, `12h`, `30m`, `1d12h`, `2w` → milliseconds; each unit once, above zero, at most 100 years. */
export function parseDurationText(value: string): Result<number> {
  const text = value.trim().toLowerCase();
  const parts = [...text.matchAll(/(\d+)([wdhms])/g)];
  const units = parts.map((p) => p[2]);
  const bad = (message: string) => err<number>({ kind: 'invalid-input', message });
  if (!/^(\d+[wdhms])+$/.test(text))
    return bad(`"${value}" is not a duration: use a number and a unit, e.g. 7d, 12h, 30m.`);
  if (new Set(units).size !== units.length)
    return bad(`"${value}" repeats a unit: give each unit once, e.g. 1d12h.`);
  let ms = 0;
  for (const [, n, unit] of parts) ms += Number(n) * UNIT_MS[unit!]!;
  if (ms <= 0) return bad(`"${value}" is zero: use a duration above zero.`);
  if (!(ms <= MAX_AGE_MS))
    return bad(`"${value}" is more than 100 years: use a shorter duration, e.g. 365d.`);
  return ok(ms);
}

/** Milliseconds as the largest whole units, e.g. 6 h, 1 d 12 h, 45 min (for retention lines). */
export function describeDuration(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms / 60_000) * 60_000;
  for (const [size, label] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${label}`);
    rest -= n * size;
  }
  return parts.length ? parts.slice(0, 2).join(' ') : 'under a minute';
}
