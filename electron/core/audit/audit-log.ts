/**
 * Appending to the JSON Lines audit file. Lines queued in the same turn of the event loop, or while a write
 * is in progress, go out together in the next single append (group commit): prompt, cheap for 100,000 jobs,
 * and each batch is whole lines. The file stays open in append mode while the log is (one bulk run), rather
 * than being reopened for every batch. If a previous process died mid-line, the first write starts on a
 * fresh line so the damage stays one line.
 *
 * A batch is encoded straight into one buffer, line after line, rather than joined into one string first:
 * a bulk run writes two lines per job, and joining them (then converting the joined string) made two more
 * copies of every line on the JavaScript heap, about 1.4 KB per job for the collector to clear.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AuditRecord, AuditSink } from './records';

/** The old single audit file's name inside the config directory (converted into `audit/` on first read). */
export const AUDIT_FILE_NAME = 'audit.jsonl';

/** Appends `data` to `file`; `data` is only valid until the returned promise settles (its memory is reused). */
type Append = (file: string, data: Uint8Array) => Promise<void>;

/** Largest encoding buffer a log keeps between batches. */
const MAX_KEPT_BUFFER = 1 << 20;
/** Lines up to this many UTF-16 units get room for their longest encoding instead of being measured. */
const SHORT_LINE = 2048;

/** Appends through one file handle opened in append mode; a failed write closes it and the next reopens. */
class HandleAppender {
  private handle: Promise<fs.FileHandle> | null = null;

  readonly append: Append = async (file, data) => {
    this.handle ??= fs.open(file, 'a', 0o600);
    try {
      await (await this.handle).appendFile(data);
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
  };

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    if (handle) await (await handle).close();
  }
}

interface Pending {
  lines: string[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** An append-only audit file. Create it with `openAuditLog`. */
export class AuditLog implements AuditSink {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  /** Where batches are encoded; `append` is done with it before the next batch is. */
  private buffer = Buffer.alloc(0);
  private readonly appender: HandleAppender | null;
  private readonly append: Append;

  constructor(
    /** Absolute path of the file. */
    readonly file: string,
    private needsNewline: boolean,
    append?: Append,
  ) {
    this.appender = append ? null : new HandleAppender();
    this.append = append ?? this.appender!.append;
  }

  /** Writes what is queued, then releases the file. Writing again reopens it. */
  async close(): Promise<void> {
    await this.flush();
    await this.appender?.close();
  }

  /** Queues `records` as lines; resolves once they (and everything queued before) are in the file. */
  write(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return this.flush();
    const lines = records.map((r) => JSON.stringify(r));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ lines, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves once everything queued so far is written. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /**
   * The lines of `batch` as UTF-8, each ending in a newline (after one when the file needs it), in the
   * log's own buffer: reused from batch to batch, since each append ends before the next batch is encoded.
   */
  private encode(batch: readonly Pending[]): Buffer {
    // A short line is not measured before it is written: three bytes per UTF-16 unit bound it (the buffer
    // is reused, so the slack costs nothing). A long one (a `run-plan` chunk) is, to keep the buffer tight.
    let size = this.needsNewline ? 1 : 0;
    for (const p of batch)
      for (const line of p.lines)
        size += (line.length > SHORT_LINE ? Buffer.byteLength(line, 'utf8') : line.length * 3) + 1;
    if (size > this.buffer.length)
      this.buffer = Buffer.allocUnsafeSlow(Math.max(size, 2 * this.buffer.length, 16 * 1024));
    const data = this.buffer;
    let at = 0;
    if (this.needsNewline) data[at++] = 0x0a;
    for (const p of batch) {
      for (const line of p.lines) {
        at += data.write(line, at, 'utf8');
        data[at++] = 0x0a;
      }
    }
    return data.subarray(0, at);
  }

  private async drain(): Promise<void> {
    try {
      // Let every line queued in this turn of the event loop join the first batch: the results of all the
      // answers read in one poll phase then go out in one append instead of one append each.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        const data = this.encode(batch);
        try {
          await this.append(this.file, data);
          this.needsNewline = false;
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
        if (this.buffer.length > MAX_KEPT_BUFFER) this.buffer = Buffer.alloc(0);
      }
    } finally {
      this.draining = null;
    }
  }
}

/**
 * Opens (creating its directory when needed) the audit file at `file`. `append` replaces the file write
 * (tests use it to simulate a full disk).
 */
export async function openAuditLog(file: string, append?: Append): Promise<AuditLog> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return new AuditLog(file, !(await endsWithNewline(file)), append);
}

/** True for a missing or empty file, or one whose last byte is a newline. */
async function endsWithNewline(file: string): Promise<boolean> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  } finally {
    await handle?.close();
  }
}
