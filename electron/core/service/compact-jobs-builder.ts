/**
 * Writes one server's listing into compact columns as its pages arrive and seals them into a
 * `CompactJobs` (compact-jobs.ts, which says how they are laid out). Columns are allocated once at the
 * server's last listing's size when that is known (`SizeHint`), else grown by doubling.
 */
import type { JobColumns } from '../../shared/job-columns';
import { NO_VALUE } from '../../shared/job-columns';
import type { ColumnStorage, SizeHint } from './compact-jobs';
import { CompactJobs, FIELDS, NONE } from './compact-jobs';

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
 * that came out much smaller than its hint does not hold the rest. A copy of the id bytes is a buffer of
 * its own (`allocUnsafeSlow`), so a listing's storage, which the cache keeps and later writes over (see
 * `ColumnStorage`), never pins one of Node's shared 8 KB pool slabs, which `Buffer.from` of a small one
 * is a slice of. (Writing over such a slice would be safe too: slices never overlap.)
 */
function trimmed<T extends Uint32Array | Float64Array | Buffer>(a: T, n: number): T {
  if (a.length - n <= a.length >> 3) return a.subarray(0, n) as T;
  if (!(a instanceof Buffer)) return a.slice(0, n) as T;
  const copy = Buffer.allocUnsafeSlow(n);
  a.copy(copy, 0, 0, n);
  return copy as T;
}

/** The column a listing's trimmed column `cut` lives in: the builder's whole one if a view of it, else itself. */
function home<T extends Uint32Array | Float64Array | Buffer>(cut: T, whole: T): T {
  return cut.buffer === whole.buffer ? whole : cut;
}

/** Rows a hint adds over the last listing's size, for the jobs submitted since (a sixteenth, and 64). */
function withSlack(n: number): number {
  return n + (n >> 4) + 64;
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

  /**
   * `hint`: the server's last listing's size, to allocate the columns once (see `SizeHint`). `spare`:
   * columns of a replaced listing nothing reads any more, written over instead (and grown if too small).
   */
  constructor(
    private readonly profileId: string,
    hint?: SizeHint,
    spare?: ColumnStorage,
  ) {
    const rows = hint ? withSlack(hint.rows) : 64;
    const idBytes = hint ? withSlack(hint.idBytes) : 1024;
    // A spare column is written over when it holds the last listing's size (its slack may be less than
    // a fresh column's: it was sized from the listing before); the listing grows it if it outgrows it.
    const [n, bytes] = hint ? [hint.rows, hint.idBytes] : [rows, idBytes];
    this.idBytes = spare && spare.idBytes.length >= bytes ? spare.idBytes : Buffer.allocUnsafeSlow(idBytes);
    this.idStart = spare && spare.idStart.length > n ? spare.idStart : new Uint32Array(rows + 1);
    this.fields = spare && spare.fields.length >= n * FIELDS ? spare.fields : new Uint32Array(rows * FIELDS);
    this.times = spare && spare.times.length >= n * 2 ? spare.times : new Float64Array(rows * 2);
    this.idStart[0] = 0;
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
    const toFields = this.fields;
    const toTimes = this.times;
    for (let i = this.size, k = 0; i < n; i++, k++) {
      for (let f = 0; f < FIELDS; f++) {
        const at = fields[FIELDS * k + f]!;
        toFields[FIELDS * i + f] = at === NO_VALUE ? NONE : mine[at]!;
      }
      const submitted = times[2 * k]!;
      const end = times[2 * k + 1]!;
      // NO_VALUE, or any negative time (see NO_VALUE), is held as NaN.
      toTimes[2 * i] = submitted < 0 ? NaN : submitted;
      toTimes[2 * i + 1] = end < 0 ? NaN : end;
    }
    this.size = n;
  }

  /**
   * Writes the ids `jobIds` (rows `size..`) and their ends in `idStart`. The batch's ids are joined (by
   * `join`, into one flat string: joined by `+=`, each id made a cons string, some 2.5 MB of young
   * garbage per 100,000 jobs, and the result was flattened again to be written) and written as UTF-8 in
   * one call: job ids are ASCII in practice, and then every id's bytes are its characters, so the ends
   * follow from the lengths (a copy character by character in JavaScript, or a
   * write per id, cost several times more). Any other character makes the bytes differ from the
   * characters, and the batch is written again id by id.
   */
  private addIds(jobIds: readonly string[]): void {
    const from = this.idStart[this.size]!;
    const joined = jobIds.join('');
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

  /**
   * The jobs added so far, trimmed to size and indexed by id; with the columns they live in as its
   * storage (the builder's whole ones where kept as views, the copies elsewhere; see `ColumnStorage`).
   */
  build(): CompactJobs {
    const n = this.size;
    const end = this.idStart[n]!;
    const { idBytes, idStart, fields, times } = this;
    const columns = {
      size: n,
      idBytes: trimmed(idBytes, end),
      idStart: trimmed(idStart, n + 1),
      strings: this.strings,
      fields: trimmed(fields, FIELDS * n),
      times: trimmed(times, 2 * n),
    };
    return new CompactJobs(this.profileId, columns, {
      idBytes: home(columns.idBytes, idBytes),
      idStart: home(columns.idStart, idStart),
      fields: home(columns.fields, fields),
      times: home(columns.times, times),
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
