/**
 * Progress of a bulk run on stderr: a bar redrawn in place on a terminal, or, when stderr is a file or pipe
 * (cron, Task Scheduler), a plain line at most every few seconds plus one at the end, so logs stay short.
 */
import type { BulkProgressEvent, BulkSnapshot } from '../core';
import type { CliIo, OutStream } from './io';

/** Seconds between plain progress lines. */
export const PLAIN_INTERVAL_MS = 5000;

/** Receives a run's progress events. */
export interface ProgressReporter {
  update(event: BulkProgressEvent): void;
  /** Ends the display (a line break after the bar). */
  finish(): void;
}

/** `0:07`, `1:02:03`. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The counts that are not zero, e.g. `deleted 40, failed 2`. */
export function countsText(counts: BulkSnapshot['counts']): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${outcome.replace('-', ' ')} ${n}`);
  return parts.length ? parts.join(', ') : 'nothing yet';
}

/** `; Sim A asked to wait until 17:05:03 (Retry-After)` per server pausing the run now, local time. */
export function waitsText(s: BulkSnapshot): string {
  return s.servers
    .filter((v) => v.retryAfterUntil !== undefined)
    .map((v) => `; ${v.name} asked to wait until ${clockTime(v.retryAfterUntil!)} (Retry-After)`)
    .join('');
}

/** `waitsText` in fewer columns, for a narrow terminal: `; Sim A: wait until 17:05:03`. */
function shortWaitsText(s: BulkSnapshot): string {
  return s.servers
    .filter((v) => v.retryAfterUntil !== undefined)
    .map((v) => `; ${v.name}: wait until ${clockTime(v.retryAfterUntil!)}`)
    .join('');
}

/**
 * The waits without the servers' names, for the narrowest lines: `; wait until 17:05:03`, or with several
 * servers `; 3 servers wait, until 17:05:40 at the latest`; `compact`, only `; until 17:05:40`.
 */
function namelessWaitsText(s: BulkSnapshot, compact = false): string {
  const ends = s.servers.flatMap((v) => (v.retryAfterUntil === undefined ? [] : [v.retryAfterUntil]));
  if (ends.length === 0) return '';
  const last = clockTime(Math.max(...ends));
  if (compact) return `; until ${last}`;
  return ends.length === 1
    ? `; wait until ${last}`
    : `; ${ends.length} servers wait, until ${last} at the latest`;
}

/**
 * Whether the code point takes two terminal columns (East Asian Wide and Fullwidth: CJK, Hangul, kana,
 * fullwidth forms, emoji from U+1F300 to U+1FAFF, and the symbols and dingbats of U+2600 to U+27BF). Others count as one, combining marks included (a line a little short of
 * the terminal, never one that wraps).
 */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x231a && cp <= 0x231b) ||
    // Miscellaneous Symbols and Dingbats (☕, ⛔, ✅): about a third are wide; all counted so (a line short, never one that wraps).
    (cp >= 0x2600 && cp <= 0x27bf) ||
    cp === 0x2b50 ||
    cp === 0x2b55 ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0xa4cf) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f191 && cp <= 0x1f19a) ||
    (cp >= 0x1f200 && cp <= 0x1f2ff) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** The terminal columns `text` takes (see `isWide`). */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return n;
}

/** The longest start of `text` that takes at most `columns` terminal columns. */
function fitColumns(text: string, columns: number): string {
  let n = 0;
  let end = 0;
  for (const ch of text) {
    n += isWide(ch.codePointAt(0)!) ? 2 : 1;
    if (n > columns) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** `17:05:03`, this computer's local time. */
function clockTime(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}

/** One plain progress line. */
export function progressLine(s: BulkSnapshot): string {
  const pct = s.total ? Math.floor((s.done / s.total) * 100) : 100;
  const pace =
    s.finished || !(s.ratePerSec > 0)
      ? ''
      : `, ${s.ratePerSec.toFixed(1)} jobs/s, about ${formatEta(s.etaSeconds)} left`;
  const state = s.paused ? ' (paused)' : '';
  return `${s.action}: ${s.done}/${s.total} done (${pct}%)${state}: ${countsText(s.counts)}${pace}${waitsText(s)}`;
}

/**
 * The bar line, within `width` columns (one short of it, so the terminal never wraps it; wide characters,
 * as in a CJK server name, count two). When the line is too long, the servers' waits lose their words
 * first, then the rate and ETA, then the bar, then the servers' names: the time of a wait goes last.
 */
export function barLine(s: BulkSnapshot, width: number): string {
  const room = Math.max(1, width - 1);
  const pct = s.total ? s.done / s.total : 1;
  const head = s.action === 'delete' ? 'Deleting' : 'Cancelling';
  const count = ` ${s.done}/${s.total} ${Math.floor(pct * 100)}%`;
  const pace = `  ${s.ratePerSec.toFixed(1)}/s  ETA ${formatEta(s.etaSeconds)}`;
  const failed = s.counts.failed ? `  failed ${s.counts.failed}` : '';
  const short = shortWaitsText(s);
  const tails = [count + pace + failed + waitsText(s), count + pace + failed + short, count + failed + short];
  for (const tail of tails) {
    const barWidth = Math.min(40, room - head.length - displayWidth(tail) - 3);
    if (barWidth < 10) continue;
    const filled = Math.round(pct * barWidth);
    return `${head} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]${tail}`;
  }
  tails.push(count + failed + namelessWaitsText(s), count + failed + namelessWaitsText(s, true));
  const line = tails.find((tail) => head.length + displayWidth(tail) <= room) ?? tails.at(-1)!;
  return fitColumns(`${head}${line}`, room);
}

/** A bar on a terminal, plain periodic lines otherwise. */
export function createProgressReporter(io: CliIo, stream: OutStream = io.stderr): ProgressReporter {
  if (stream.isTTY) {
    let drawn = false;
    return {
      update(event) {
        stream.write(`\r\u001b[2K${barLine(event, stream.columns || 80)}`);
        drawn = true;
      },
      finish() {
        if (drawn) stream.write('\n');
      },
    };
  }
  let last = Number.NEGATIVE_INFINITY;
  let printedFinal = false;
  let waits = '';
  return {
    update(event) {
      const now = io.now();
      // A server's new Retry-After pause is printed at once, not at the next interval.
      const waiting = waitsText(event);
      const newWait = waiting !== '' && waiting !== waits;
      waits = waiting;
      if (!event.finished && !newWait && now - last < PLAIN_INTERVAL_MS) return;
      if (event.finished && printedFinal) return;
      last = now;
      printedFinal = event.finished;
      stream.write(`${progressLine(event)}\n`);
    },
    finish() {},
  };
}
