/**
 * The progress bar line at any terminal width: never as wide as the terminal (a wrapped line cannot be
 * redrawn with \r and erase-line, so each redraw would scroll), wide characters counted as two columns,
 * and a server's Retry-After wait keeps its clock time longest: the names go before it.
 */
import { describe, expect, it } from 'vitest';
import { barLine, displayWidth } from '../../../electron/cli/progress';
import type { BulkSnapshot } from '../../../electron/core';

const until = new Date(2026, 11, 2, 17, 5, 3).getTime();
const server = { profileId: 'p', total: 100, done: 20, inFlight: 0, state: 'running' as const };
const snap: BulkSnapshot = {
  runId: 'r',
  action: 'delete',
  total: 200,
  done: 50,
  counts: { deleted: 45, cancelled: 0, 'already-gone': 2, skipped: 0, failed: 3 },
  ratePerSec: 12.5,
  etaSeconds: 12,
  paused: false,
  finished: false,
  aborted: false,
  servers: [],
};
const one = { ...snap, servers: [{ ...server, name: 'Production GIS (Europe)', retryAfterUntil: until }] };
const three = {
  ...snap,
  servers: [0, 20, 37].map((late, i) => ({
    ...server,
    profileId: `p${i}`,
    name: `Production GIS ${i + 1}`,
    retryAfterUntil: until + late * 1000,
  })),
};
const cjk = { ...snap, servers: [{ ...server, name: '東京本社の地理処理サーバー', retryAfterUntil: until }] };
const emoji = { ...snap, servers: [{ ...server, name: '🚀🛑 Prod ✅⛔ GIS ☕🫠', retryAfterUntil: until }] };
const WIDTHS = [20, 30, 40, 46, 50, 60, 80, 120];

describe('barLine at any width', () => {
  it('counts wide characters as two columns', () => {
    expect(displayWidth('GIS')).toBe(3);
    expect(displayWidth('東京GIS')).toBe(7);
    expect(displayWidth('서버')).toBe(4);
    // Emoji outside U+1F300–1F64F and U+1F900–1F9FF, and wide symbols: 🚀 🛑 🫠 ☕ ⛔ ✅ ⭐.
    expect(displayWidth('🚀🛑🫠☕⛔✅⭐')).toBe(14);
  });

  it('stays one column short of the terminal, with 1 or 3 servers waiting and with a CJK or emoji name', () => {
    for (const s of [snap, one, three, cjk, emoji])
      for (const width of WIDTHS) expect(displayWidth(barLine(s, width))).toBeLessThanOrEqual(width - 1);
  });

  it("keeps one server's clock time whole from 46 columns: its name goes first", () => {
    const lines = WIDTHS.map((width) => barLine(one, width));
    expect(lines.slice(0, 3).every((l) => !l.includes('17:05:03'))).toBe(true); // 20, 30, 40: no room
    expect(barLine(one, 45)).not.toContain('17:05:03');
    expect(lines[3]).toBe('Deleting 50/200 25%  failed 3; until 17:05:03'); // 46
    expect(lines[4]).toBe('Deleting 50/200 25%  failed 3; until 17:05:03'); // 50
    expect(lines[5]).toBe('Deleting 50/200 25%  failed 3; wait until 17:05:03'); // 60
    expect(lines[6]).toBe('Deleting 50/200 25%  failed 3; Production GIS (Europe): wait until 17:05:03');
    expect(lines[7]).toMatch(/^Deleting \[#+\.+\] .*; Production GIS \(Europe\): wait until 17:05:03$/);
  });

  it('with 3 servers waiting says how many and until when at the latest, whole, at 60 to 120 columns', () => {
    expect(barLine(three, 60)).toBe('Deleting 50/200 25%  failed 3; until 17:05:40');
    for (const width of [80, 120])
      expect(barLine(three, width)).toBe(
        'Deleting 50/200 25%  failed 3; 3 servers wait, until 17:05:40 at the latest',
      );
    expect(barLine(three, 200)).toMatch(
      /; Production GIS 1: wait until 17:05:03; .*; Production GIS 3: wait until 17:05:40$/,
    );
  });

  it('a CJK name is measured in columns: it goes before the time rather than wrapping the line', () => {
    expect(barLine(cjk, 60)).toBe('Deleting 50/200 25%  failed 3; wait until 17:05:03');
    expect(barLine(cjk, 80)).toBe(
      'Deleting 50/200 25%  failed 3; 東京本社の地理処理サーバー: wait until 17:05:03',
    );
    expect(barLine(cjk, 120)).toMatch(/\] 50\/200 25% .*東京本社の地理処理サーバー: wait until 17:05:03$/);
    expect(displayWidth(barLine(cjk, 120))).toBe(119);
  });
});
