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
 * The bar line, within `width` columns (one short of it, so the terminal never wraps it; columns counted
 * as UTF-16 units, so a name in a wide script can still wrap). When the line is
 * too long, the servers' waits lose their words first, then the rate and ETA, then the bar itself: a wait
 * stays whole as long as the line has room for it.
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
    const barWidth = Math.min(40, room - head.length - tail.length - 3);
    if (barWidth < 10) continue;
    const filled = Math.round(pct * barWidth);
    return `${head} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]${tail}`;
  }
  const line = tails.find((tail) => head.length + tail.length <= room) ?? tails.at(-1)!;
  return `${head}${line}`.slice(0, room);
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
