import { describe, expect, it } from 'vitest';
import {
  MIN_DISTANCE,
  SERVER_COLORS,
  STATUS_COLORS,
  colorDistance,
  currentServerColor,
  looksLikeStatus,
  nextServerColor,
} from '../../../electron/shared/server-colors';

describe('server colours', () => {
  it('stay clear of every status colour and of each other', () => {
    for (const c of SERVER_COLORS) {
      for (const s of STATUS_COLORS)
        expect(colorDistance(c, s), `${c} vs ${s}`).toBeGreaterThan(MIN_DISTANCE);
      for (const o of SERVER_COLORS) if (o !== c) expect(colorDistance(c, o)).toBeGreaterThan(MIN_DISTANCE);
    }
  });

  it('match the status colours of the table theme', async () => {
    const fs = await import('node:fs');
    const css = fs.readFileSync('renderer/src/lib/jobs/theme.css', 'utf8');
    const used = [
      ...css.matchAll(/--gpja-status-(?!new|deleting|deleted|unknown)[a-z-]+: (#[0-9a-f]{6})/g),
    ].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(10);
    for (const c of used) expect(STATUS_COLORS).toContain(c);
  });

  it('migrates earlier palettes one-to-one, moves status look-alikes and keeps other choices', () => {
    expect(currentServerColor('#D83020')).toBe('#d500f9'); // the old "Production red"
    expect(currentServerColor('#35ac46')).toBe('#00bfa5'); // the old "Development green"
    const legacy = ['#007ac2', '#35ac46', '#e67a00', '#8f4fc6', '#00a0a0', '#c4a000', '#d83020', '#6a6a6a'];
    expect(new Set(legacy.map(currentServerColor)).size).toBe(legacy.length);
    expect(looksLikeStatus('#d93121')).toBe(true);
    expect(looksLikeStatus(currentServerColor('#d93121'))).toBe(false);
    expect(currentServerColor('#123456')).toBe('#123456');
    expect(currentServerColor('not a colour')).toBe(SERVER_COLORS[0]);
  });

  it('hands out unused colours first, counting migrated ones as used', () => {
    expect(nextServerColor(['#007ac2'])).toBe(SERVER_COLORS[1]);
    expect(SERVER_COLORS).toContain(nextServerColor([...SERVER_COLORS]));
  });
});
