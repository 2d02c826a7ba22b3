/**
 * Writing JSON text straight into bytes, exactly as `JSON.stringify` would write it, without making the
 * text as a string first. A bulk run writes about three audit lines per job (its planned entry, its
 * `job-start` and its `job` line); building an object for each, stringifying it and copying the string
 * into the log's buffer made two short-lived copies of every line and was most of the audit log's cost
 * per job. The run's writer (`../bulk/audit-lines.ts`) encodes the parts that never change within a run
 * once and writes only each job's own values here.
 */

/** More than the longest text `putNumber` writes for any number (`-0.0000012345678901234567` is 25). */
const MAX_NUMBER_BYTES = 32;
/** Most bytes one UTF-16 unit of a string takes as JSON text (`\u001f` or an escaped lone surrogate). */
const MAX_BYTES_PER_UNIT = 6;

/** A growing byte buffer lines are written into; reused from batch to batch by its owner. */
export class LineBuffer {
  bytes: Buffer;
  /** Where the next byte goes. */
  at = 0;

  constructor(size = 16 * 1024) {
    this.bytes = Buffer.allocUnsafeSlow(size);
  }

  /** Makes room for `n` more bytes and returns the buffer to write them into (at `at`). */
  room(n: number): Buffer {
    const need = this.at + n;
    if (need > this.bytes.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(need, 2 * this.bytes.length));
      this.bytes.copy(bigger, 0, 0, this.at);
      this.bytes = bigger;
    }
    return this.bytes;
  }

  /** Appends `text` as UTF-8. */
  text(text: string): void {
    const room = this.room(text.length * 3);
    this.at += room.write(text, this.at, 'utf8');
  }
}

/** `text`'s bytes (UTF-8), for the constant parts of a line. */
export function bytesOf(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/** Writes `part` at `at`; returns where it ends. */
export function putBytes(buf: Uint8Array, at: number, part: Uint8Array): number {
  buf.set(part, at);
  return at + part.length;
}

/**
 * Writes `s` as a JSON string (quoted, escaped as `JSON.stringify` escapes it) at `at`; room for
 * `s.length * MAX_BYTES_PER_UNIT + 2` bytes must be there. Printable ASCII without a quote or backslash
 * (ids, statuses, names) is copied byte by byte; anything else goes through `JSON.stringify`.
 */
function putString(buf: Buffer, at: number, s: string): number {
  const start = at;
  buf[at++] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c)
      return start + buf.write(JSON.stringify(s), start, 'utf8');
    buf[at++] = c;
  }
  buf[at++] = 0x22;
  return at;
}

/** Writes `s`, known to be printable ASCII needing no escape (an ISO time), without quotes. */
export function putPlain(buf: Buffer, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i);
  return at;
}

/** Writes `n` as `JSON.stringify` does (`null` when not finite); room for `MAX_NUMBER_BYTES` bytes. */
function putNumber(buf: Buffer, at: number, n: number): number {
  if (!Number.isSafeInteger(n)) return putPlain(buf, at, Number.isFinite(n) ? String(n) : 'null');
  if (n < 0) {
    buf[at++] = 0x2d;
    n = -n;
  }
  let end = at + 1;
  for (let unit = 10; unit <= n; unit *= 10) end++;
  // Digits from the last: each step divides by ten, exact for a safe integer.
  for (let i = end - 1; i >= at; i--) {
    const rest = Math.floor(n / 10);
    buf[i] = 0x30 + (n - rest * 10);
    n = rest;
  }
  return end;
}

/** Most bytes `putValue` writes for `v`. */
export function valueBound(v: unknown): number {
  if (typeof v === 'string') return v.length * MAX_BYTES_PER_UNIT + 2;
  if (v === undefined) return 0;
  if (typeof v === 'number' || v === null || typeof v === 'boolean') return MAX_NUMBER_BYTES;
  return Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');
}

/**
 * Writes `v` as `JSON.stringify(v)` (room for `valueBound(v)` bytes); `v` must not be undefined (a field
 * without a value is left out of its line, as `JSON.stringify` leaves it out of an object).
 */
export function putValue(buf: Buffer, at: number, v: unknown): number {
  if (typeof v === 'string') return putString(buf, at, v);
  if (typeof v === 'number') return putNumber(buf, at, v);
  return at + buf.write(JSON.stringify(v) ?? 'null', at, 'utf8');
}

/** Whether `JSON.stringify` writes a field whose value is `v` (it leaves out undefined, functions, symbols). */
export function hasValue(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}
