/**
 * Appending to the JSON Lines audit file. Lines queued in the same turn of the event loop, or while a write
 * is in progress, go out together in the next single append (group commit): prompt, cheap for 100,000 jobs,
 * and each batch is whole lines. The file stays open in append mode while the log is (one bulk run), rather
 * than being reopened for every batch. If a previous process died mid-line, the first write starts on a
 * fresh line so the damage stays one line.
 *
 * A batch is encoded straight into one buffer, line after line, rather than joined into one string first:
 * joining them (then converting the joined string) made two more copies of every line on the JavaScript
 * heap. The engine's per-job lines are not strings at all: it hands `writeEncoded` a writer that puts them
 * into that buffer itself (see `json-bytes.ts`).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { LineBuffer } from './json-bytes';
import type { AuditRecord, AuditSink, EncodedLines } from './records';

/** The old single audit file's name inside the config directory (converted into `audit/` on first read). */
export const AUDIT_FILE_NAME = 'audit.jsonl';

/** Appends `data` to `file`; `data` is only valid until the returned promise settles (its memory is reused). */
type Append = (file: string, data: Uint8Array) => Promise<void>;

/** Largest encoding buffer a log keeps between batches. */
const MAX_KEPT_BUFFER = 1 << 20;

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
  /** Lines as text, or one writer's encoded lines. */
  lines: string[] | EncodedLines;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** An append-only audit file. Create it with `openAuditLog`. */
export class AuditLog implements AuditSink {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  /** Where batches are encoded; `append` is done with it before the next batch is. */
  private buffer = new LineBuffer();
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
    return this.enqueue(records.map((r) => JSON.stringify(r)));
  }

  /** Queues lines its writer encodes (see `EncodedLines`); resolves as `write` does. */
  writeEncoded(lines: EncodedLines): Promise<void> {
    return this.enqueue(lines);
  }

  private enqueue(lines: Pending['lines']): Promise<void> {
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
    const out = this.buffer;
    out.at = 0;
    if (this.needsNewline) out.room(1)[out.at++] = 0x0a;
    for (const p of batch) {
      if (!Array.isArray(p.lines)) {
        p.lines.encodeInto(out);
        continue;
      }
      for (const line of p.lines) {
        out.text(line);
        out.room(1)[out.at++] = 0x0a;
      }
    }
    return out.bytes.subarray(0, out.at);
  }

  private async drain(): Promise<void> {
    try {
      // Let every line queued in this turn of the event loop join the first batch: the results of all the
      // answers read in one poll phase then go out in one append instead of one append each.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.append(this.file, this.encode(batch));
          this.needsNewline = false;
          for (const p of batch) p.resolve();
        } catch (error) {
          // A failed append may have left part of a line; the next batch starts on a fresh one (the reader
          // skips blank lines).
          this.needsNewline = true;
          for (const p of batch) p.reject(error);
        }
        if (this.buffer.bytes.length > MAX_KEPT_BUFFER) this.buffer = new LineBuffer();
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
