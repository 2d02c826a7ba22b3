import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatCount,
  formatEta,
  formatRate,
  percentDone,
  plural,
  shortId,
} from '../../../../renderer/src/lib/format';

describe('format', () => {
  it('groups large counts', () => {
    expect(formatCount(100000)).toMatch(/^100\D000$/);
  });

  it('uses the singular for one and the plural otherwise', () => {
    expect(plural(1, 'job')).toBe('1 job');
    expect(plural(0, 'job')).toBe('0 jobs');
    expect(plural(3, 'server')).toBe('3 servers');
  });

  it('says how long ago, coarsely', () => {
    const now = 1_700_000_000_000;
    expect(formatAgo(null, now)).toBe('');
    expect(formatAgo(now - 3_000, now)).toBe('just now');
    expect(formatAgo(now - 42_000, now)).toBe('42 s ago');
    expect(formatAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAgo(now - 50 * 3_600_000, now)).toBe('2 d ago');
  });

  it('shows a rate only once there is one', () => {
    expect(formatRate(0)).toBe('');
    expect(formatRate(0.46)).toBe('0.5 jobs/s');
    expect(formatRate(42.4)).toBe('42 jobs/s');
  });

  it('words an ETA in seconds, minutes or hours', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(44.2)).toBe('about 45 s');
    expect(formatEta(185)).toBe('about 3 min');
    expect(formatEta(3900)).toBe('about 1 h 05 min');
  });

  it('clamps the percentage done', () => {
    expect(percentDone(0, 0)).toBe(0);
    expect(percentDone(150, 300)).toBe(50);
    expect(percentDone(301, 300)).toBe(100);
  });

  it('shortens long ids keeping both ends', () => {
    expect(shortId('abc')).toBe('abc');
    expect(shortId('j0123456789abcdef0123456789')).toBe('j01234…456789');
  });
});
