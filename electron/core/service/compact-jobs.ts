/**
 * One server's listing held compactly, off the JavaScript heap: job ids as UTF-8 bytes in one buffer,
 * found through an open-addressing hash table; every repeated string (service, status, user, machine)
 * as an index into one table of distinct values; times in a Float64Array. About a fifth of the memory
 * of the listing's job objects, and nothing in it keeps those objects (or the pages they were parsed
 * from) alive, so a million jobs across a fleet fit in the process that plans against them. A listing
 * is written page by page as it arrives (`CompactJobsBuilder`) and sealed once it is complete.
 */
import type { BulkJob } from '../bulk';
import type { JobColumns } from '../../shared/job-columns';
import { NO_VALUE } from '../../shared/job-columns';
import type { Job } from '../types';

/** Index 0 of the string table stands for null. */
const NONE = 0;
const EMPTY = -1;
/** String fields per row: service, status, username, machinename. */
const FIELDS = 4;

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

/** `a` with room for at least `need` elements (doubling), its contents kept. */
function room<T extends Uint32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const grown = new (a.constructor as new (n: number) => T)(Math.max(need, 2 * a.length));
  grown.set(a);
  return grown;
}

/** `b` with room for at least `need` bytes (doubling), its contents kept; bytes past them are not cleared. */
function byteRoom(b: Buffer, need: number): Buffer {
  if (need <= b.length) return b;
  const grown = Buffer.allocUnsafeSlow(Math.max(need, 2 * b.length));
  b.copy(grown);
  return grown;
}

/**
 * Column `a` cut to its first `n` elements for a sealed listing: a view of it when little would be
 * wasted (a column presized from the last listing is nearly full), else a copy of that part, so a listing
 * that came out much smaller than its hint does not hold the rest.
 */
function trimmed<T extends Uint32Array | Float64Array | Buffer>(a: T, n: number): T {
  if (a.length - n <= a.length >> 3) return a.subarray(0, n) as T;
  return (a instanceof Buffer ? Buffer.from(a.subarray(0, n)) : a.slice(0, n)) as T;
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

/** Rows a hint adds over the last listing's size, for the jobs submitted since (a sixteenth, and 64). */
function withSlack(n: number): number {
  return n + (n >> 4) + 64;
}

/** The columns of a listing: row i's id at `idBytes[idStart[i] .. idStart[i + 1]]`. */
interface Columns {
  size: number;
  idBytes: Buffer;
  idStart: Uint32Array;
  strings: string[];
  /** Row i's string indexes at `FIELDS * i ..`: service, status, username, machinename. */
  fields: Uint32Array;
  /** submittedTime and endTime of row i at 2i and 2i+1; NaN for null. */
  times: Float64Array;
}

/** Writes a listing's jobs as they arrive; `build` seals them into a `CompactJobs`. */
export class CompactJobsBuilder {
  private size = 0;
  private idBytes: Buffer;
  private idStart: Uint32Array;
  private fields: Uint32Array;
  private times: Float64Array;
  private readonly strings: string[] = [''];
  private readonly intern = new Map<string, number>();

  /** `hint`: the server's last listing's size, to allocate the columns once (see `SizeHint`). */
  constructor(
    private readonly profileId: string,
    hint?: SizeHint,
  ) {
    const rows = hint ? withSlack(hint.rows) : 64;
    this.idBytes = Buffer.allocUnsafeSlow(hint ? withSlack(hint.idBytes) : 1024);
    this.idStart = new Uint32Array(rows + 1);
    this.fields = new Uint32Array(rows * FIELDS);
    this.times = new Float64Array(rows * 2);
  }

  /**
   * Appends a batch of jobs in columns (a later copy of a job wins over an earlier one when found). Each
   * of the batch's distinct strings is looked up here once, not once per job.
   */
  add(batch: JobColumns): void {
    const { jobIds, fields, times, strings } = batch;
    const n = this.size + jobIds.length;
    this.idStart = room(this.idStart, n + 1);
    this.fields = room(this.fields, FIELDS * n);
    this.times = room(this.times, 2 * n);
    this.addIds(jobIds);
    const mine = strings.map((value) => this.indexOf(value));
    for (let i = this.size, k = 0; i < n; i++, k++) {
      for (let f = 0; f < FIELDS; f++) {
        const at = fields[FIELDS * k + f]!;
        this.fields[FIELDS * i + f] = at === NO_VALUE ? NONE : mine[at]!;
      }
      const submitted = times[2 * k]!;
      const end = times[2 * k + 1]!;
      // NO_VALUE, or any negative time (see NO_VALUE), is held as NaN.
      this.times[2 * i] = submitted < 0 ? NaN : submitted;
      this.times[2 * i + 1] = end < 0 ? NaN : end;
    }
    this.size = n;
  }

  /**
   * Writes the ids `jobIds` (rows `size..`) and their ends in `idStart`. The batch's ids are joined and
   * written as UTF-8 in one call: job ids are ASCII in practice, and then every id's bytes are its
   * characters, so the ends follow from the lengths (a copy character by character in JavaScript, or a
   * write per id, cost several times more). Any other character makes the bytes differ from the
   * characters, and the batch is written again id by id.
   */
  private addIds(jobIds: readonly string[]): void {
    const from = this.idStart[this.size]!;
    let joined = '';
    for (let k = 0; k < jobIds.length; k++) joined += jobIds[k]!;
    const length = Buffer.byteLength(joined, 'utf8');
    let bytes = (this.idBytes = byteRoom(this.idBytes, from + length));
    bytes.write(joined, from, 'utf8');
    const ascii = length === joined.length;
    // Id by id, lone surrogates paired across two ids take 6 bytes, not 4: reserve 3 per UTF-16 unit.
    if (!ascii) bytes = this.idBytes = byteRoom(bytes, from + 3 * joined.length);
    let end = from;
    for (let k = 0; k < jobIds.length; k++) {
      const id = jobIds[k]!;
      end = ascii ? end + id.length : end + bytes.write(id, end, 'utf8');
      this.idStart[this.size + k + 1] = end;
    }
  }

  /** The jobs added so far, trimmed to size and indexed by id. */
  build(): CompactJobs {
    const n = this.size;
    const end = this.idStart[n]!;
    return new CompactJobs(this.profileId, {
      size: n,
      idBytes: trimmed(this.idBytes, end),
      idStart: trimmed(this.idStart, n + 1),
      strings: this.strings,
      fields: trimmed(this.fields, FIELDS * n),
      times: trimmed(this.times, 2 * n),
    });
  }

  private indexOf(value: string): number {
    let i = this.intern.get(value);
    if (i === undefined) {
      i = this.strings.push(value) - 1;
      this.intern.set(value, i);
    }
    return i;
  }
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

  constructor(
    private readonly profileId: string,
    columns: Columns,
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
