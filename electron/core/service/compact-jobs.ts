/**
 * One server's listing held compactly, off the JavaScript heap: job ids as UTF-8 bytes in one buffer,
 * found through an open-addressing hash table; every repeated string (service, status, user, machine)
 * as an index into one table of distinct values; times in a Float64Array. About a fifth of the memory
 * of the listing's job objects, and nothing in it keeps those objects (or the pages they were parsed
 * from) alive, so a million jobs across a fleet fit in the process that plans against them. A listing
 * is written page by page as it arrives (`CompactJobsBuilder`, compact-jobs-builder.ts) and sealed once it
 * is complete; this module reads a sealed one.
 */
import type { BulkJob } from '../bulk';
import type { Job } from '../types';

/** Index 0 of the string table stands for null. */
export const NONE = 0;
const EMPTY = -1;
/** String fields per row: service, status, username, machinename. */
export const FIELDS = 4;

/** FNV-1a over bytes `from..to` of `bytes`. */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * `hashBytes` of the UTF-8 bytes of `s` when `s` is ASCII (its char codes are then its bytes), else -1:
 * a lookup hashes the caller's string without encoding it into a new buffer.
 */
function hashAscii(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return -1;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** A time column's value as a job's field: NaN stands for null. */
function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

/**
 * The size of a server's last listing (rows, bytes of ids), so the next one's columns are allocated once
 * at about their final size. Growing them by doubling allocated each column several times off the heap,
 * and the grown-out ones were freed only by a mark-compact (the builder lives through the whole listing,
 * so the objects holding them had been promoted): some 20 MB per 100,000 jobs, which made V8 start a
 * mark-compact for external memory pressure every second listing (README, "The collector's share").
 */
export interface SizeHint {
  rows: number;
  idBytes: number;
}

/**
 * The whole columns a listing lives in (its own are the first rows of each, or all of a column copied
 * out at the end): kept with the sealed listing so the job cache can hand them to the server's listing
 * after next to write into (see `JobCache.begin`) instead of allocating them again off the heap.
 */
export interface ColumnStorage {
  idBytes: Buffer;
  idStart: Uint32Array;
  fields: Uint32Array;
  times: Float64Array;
}

/** The columns of a listing: row i's id at `idBytes[idStart[i] .. idStart[i + 1]]`. */
export interface Columns {
  size: number;
  idBytes: Buffer;
  idStart: Uint32Array;
  strings: string[];
  /** Row i's string indexes at `FIELDS * i ..`: service, status, username, machinename. */
  fields: Uint32Array;
  /** submittedTime and endTime of row i at 2i and 2i+1; NaN for null. */
  times: Float64Array;
}

/** See the module comment. */
export class CompactJobs {
  readonly size: number;
  private readonly c: Columns;
  /**
   * Rows by hash of their id (linear probing; EMPTY marks a free slot), built at the first `find`: a
   * listing only the window shows never pays for it, one a bulk plan reads pays once.
   */
  private slots: Int32Array | null = null;

  /**
   * `storage`: the columns this listing's live in (see `ColumnStorage`), for the job cache to write
   * over once this listing is replaced.
   */
  constructor(
    private readonly profileId: string,
    columns: Columns,
    readonly storage: ColumnStorage | null = null,
  ) {
    this.size = columns.size;
    this.c = columns;
  }

  /** This listing's size, as a hint for the server's next one (see `SizeHint`). */
  get sizeHint(): SizeHint {
    return { rows: this.size, idBytes: this.c.idStart[this.size]! };
  }

  private index(): Int32Array {
    const { size: n, idBytes, idStart: start } = this.c;
    const slots = new Int32Array(Math.max(2, 2 ** Math.ceil(Math.log2(2 * n + 1)))).fill(EMPTY);
    const mask = slots.length - 1;
    for (let i = 0; i < n; i++) {
      let slot = hashBytes(idBytes, start[i]!, start[i + 1]!) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = i;
    }
    this.slots = slots;
    return slots;
  }

  /**
   * The job `jobId` of `service` as listed (without its REST url); the last copy when listed twice. An
   * ASCII id (job ids in practice) is hashed and compared char code by byte, and the job carries the
   * caller's own string (equal to the stored one by definition): a bulk plan keeps every job it finds to
   * the run's end, so a key buffer or a decoded copy per lookup would go into the old generation with it.
   */
  find(service: string, jobId: string): BulkJob | undefined {
    const hash = hashAscii(jobId);
    if (hash < 0) return this.findEncoded(service, jobId);
    const { idBytes, idStart, strings, fields } = this.c;
    const slots = this.slots ?? this.index();
    const mask = slots.length - 1;
    const n = jobId.length;
    let found = -1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const row = slots[slot]!;
      if (row === EMPTY) break;
      const from = idStart[row]!;
      if (row < found || idStart[row + 1]! - from !== n) continue;
      let k = 0;
      while (k < n && idBytes[from + k] === jobId.charCodeAt(k)) k++;
      if (k === n && strings[fields[FIELDS * row]!] === service) found = row;
    }
    return found < 0 ? undefined : this.row(found, jobId);
  }

  /**
   * `find` for an id with other characters than ASCII: through its UTF-8 bytes, and the job's id decoded
   * from the stored ones (a lone surrogate is stored as U+FFFD, so the caller's string may differ).
   */
  private findEncoded(service: string, jobId: string): BulkJob | undefined {
    const key = Buffer.from(jobId, 'utf8');
    const { idBytes, idStart, strings, fields } = this.c;
    const slots = this.slots ?? this.index();
    const mask = slots.length - 1;
    let found = -1;
    for (let slot = hashBytes(key, 0, key.length) & mask; ; slot = (slot + 1) & mask) {
      const row = slots[slot]!;
      if (row === EMPTY) break;
      const from = idStart[row]!;
      const to = idStart[row + 1]!;
      const same = to - from === key.length && idBytes.compare(key, 0, key.length, from, to) === 0;
      if (same && strings[fields[FIELDS * row]!] === service && row > found) found = row;
    }
    return found < 0 ? undefined : this.job(found);
  }

  /** Row `i` as a job. */
  job(i: number): Omit<Job, 'url'> {
    const { idBytes, idStart } = this.c;
    return this.row(i, idBytes.toString('utf8', idStart[i]!, idStart[i + 1]!));
  }

  /** Row `i` as a job whose id is `jobId` (row i's id, decoded or the caller's equal string). */
  private row(i: number, jobId: string): Omit<Job, 'url'> {
    const { strings: s, fields, times } = this.c;
    const f = FIELDS * i;
    return {
      profileId: this.profileId,
      service: s[fields[f]!]!,
      jobId,
      status: s[fields[f + 1]!]!,
      submittedTime: orNull(times[2 * i]!),
      endTime: orNull(times[2 * i + 1]!),
      username: fields[f + 2] === NONE ? null : s[fields[f + 2]!]!,
      machinename: fields[f + 3] === NONE ? null : s[fields[f + 3]!]!,
    };
  }
}
