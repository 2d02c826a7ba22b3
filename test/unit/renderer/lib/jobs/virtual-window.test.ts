import { describe, expect, it } from 'vitest';
import {
  scrollToReveal,
  virtualWindow,
  visibleRange,
} from '../../../../../renderer/src/lib/jobs/virtual-window';

const base = { scrollTop: 0, viewportHeight: 280, rowHeight: 28, total: 100_000, overscan: 5 };

describe('virtual window', () => {
  it('renders the rows in view plus both overscans below at the top', () => {
    expect(virtualWindow(base)).toEqual({ start: 0, end: 21, offsetY: 0, totalHeight: 2_800_000 });
  });

  it('adds overscan on both sides in the middle and offsets by whole rows', () => {
    const w = virtualWindow({ ...base, scrollTop: 28 * 500 + 10 });
    expect(w).toMatchObject({ start: 495, end: 516, offsetY: 495 * 28 });
  });

  it('clamps at the bottom, even when scrolled past the end', () => {
    const w = virtualWindow({ ...base, scrollTop: 99_999_999 });
    expect(w.end).toBe(100_000);
    expect(w.start).toBe(100_000 - 21);
  });

  it('renders the same number of rows at every scroll position, the overscans always covered', () => {
    for (let scrollTop = 0; scrollTop <= 28 * 40; scrollTop += 3) {
      const w = virtualWindow({ ...base, scrollTop });
      const r = visibleRange({ ...base, scrollTop });
      expect(w.end - w.start).toBe(21);
      expect(w.start).toBeLessThanOrEqual(Math.max(0, r.first - 5));
      expect(w.end).toBeGreaterThanOrEqual(r.last + 5);
    }
    const fractional = { ...base, viewportHeight: 290.5 };
    const sizes = new Set<number>();
    for (let scrollTop = 0; scrollTop <= 28 * 40; scrollTop += 0.5) {
      const w = virtualWindow({ ...fractional, scrollTop });
      expect(w.end).toBeGreaterThanOrEqual(visibleRange({ ...fractional, scrollTop }).last + 5);
      sizes.add(w.end - w.start);
    }
    expect([...sizes]).toEqual([22]);
  });

  it('treats negative scroll (elastic overscroll) as the top', () => {
    expect(virtualWindow({ ...base, scrollTop: -50 }).start).toBe(0);
  });

  it('renders nothing for an empty list or a zero row height', () => {
    expect(virtualWindow({ ...base, total: 0 })).toEqual({ start: 0, end: 0, offsetY: 0, totalHeight: 0 });
    expect(virtualWindow({ ...base, rowHeight: 0 }).end).toBe(0);
  });

  it('renders all rows of a list shorter than the viewport', () => {
    expect(virtualWindow({ ...base, total: 3, scrollTop: 40 })).toEqual({
      start: 0,
      end: 3,
      offsetY: 0,
      totalHeight: 84,
    });
  });

  it('renders at least one row in a zero-height viewport', () => {
    const w = virtualWindow({ ...base, viewportHeight: 0, overscan: 0 });
    expect(w.end - w.start).toBe(1);
  });

  it('counts partly visible rows as in view', () => {
    expect(visibleRange({ scrollTop: 14, viewportHeight: 28, rowHeight: 28, total: 10 })).toEqual({
      first: 0,
      last: 2,
    });
  });

  it('scrolls up or down just enough to reveal a row, and not at all when it is in view', () => {
    expect(scrollToReveal(9, 0, 280, 28)).toBeNull();
    expect(scrollToReveal(10, 0, 280, 28)).toBe(28);
    expect(scrollToReveal(10, 300, 280, 28)).toBe(280);
    expect(scrollToReveal(20, 0, 280, 28)).toBe(21 * 28 - 280);
    expect(scrollToReveal(9, 0, 280, 28, 28)).toBe(28);
  });
});
