/**
 * One server's listing held compactly, off the JavaScript heap: job ids as UTF-8 bytes in one buffer,
 * found through an open-addressing hash table; every repeated string (service, status, user, machine)
 * as an index into one table of distinct values; times in a Float64Array. About a fifth of the memory
 * of the listing's job objects, and nothing in it keeps those objects (or the pages they were parsed
 * from) alive, so a million jobs across a fleet fit in the process that plans against them.
 */
import type { BulkJob } from '../bulk';
import type { Job } from '../types';

/** Index 0 of the string table stands for null. */
const NONE = 0;
const EMPTY = -1;

/** FNV-1a over bytes `from..to` of `bytes`. */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** See the module comment. */
export class CompactJobs {
  readonly size: number;
  /** Job ids, UTF-8, row i at `idBytes[idStart[i] .. idStart[i + 1]]`. */
  private readonly idBytes: Buffer;
  private readonly idStart: Uint32Array;
  /** Rows by hash of their id (linear probing; EMPTY marks a free slot). */
  private readonly slots: Int32Array;
  private readonly strings: string[] = [''];
  private readonly service: Uint32Array;
  private readonly status: Uint32Array;
  private readonly username: Uint32Array;
  private readonly machinename: Uint32Array;
  /** submittedTime and endTime of row i at 2i and 2i+1; NaN for null. */
  private readonly times: Float64Array;

  constructor(
    private readonly profileId: string,
    jobs: readonly Job[],
  ) {
    const n = jobs.length;
    this.size = n;
    this.idStart = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) this.idStart[i + 1] = this.idStart[i]! + Buffer.byteLength(jobs[i]!.jobId);
    this.idBytes = Buffer.alloc(this.idStart[n]!);
    this.slots = new Int32Array(Math.max(2, 2 ** Math.ceil(Math.log2(2 * n + 1)))).fill(EMPTY);
    this.service = new Uint32Array(n);
    this.status = new Uint32Array(n);
    this.username = new Uint32Array(n);
    this.machinename = new Uint32Array(n);
    this.times = new Float64Array(2 * n);
    const intern = new Map<string, number>();
    const indexOf = (value: string | null): number => {
      if (value === null) return NONE;
      let i = intern.get(value);
      if (i === undefined) {
        i = this.strings.push(value) - 1;
        intern.set(value, i);
      }
      return i;
    };
    const mask = this.slots.length - 1;
    for (let i = 0; i < n; i++) {
      const job = jobs[i]!;
      this.idBytes.write(job.jobId, this.idStart[i]!, 'utf8');
      let slot = hashBytes(this.idBytes, this.idStart[i]!, this.idStart[i + 1]!) & mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = i;
      this.service[i] = indexOf(job.service);
      this.status[i] = indexOf(job.status);
      this.username[i] = indexOf(job.username);
      this.machinename[i] = indexOf(job.machinename);
      this.times[2 * i] = job.submittedTime ?? NaN;
      this.times[2 * i + 1] = job.endTime ?? NaN;
    }
  }

  /** The job `jobId` of `service` as listed (without its REST url); the last copy when listed twice. */
  find(service: string, jobId: string): BulkJob | undefined {
    const key = Buffer.from(jobId, 'utf8');
    const mask = this.slots.length - 1;
    let found: number | undefined;
    for (let slot = hashBytes(key, 0, key.length) & mask; ; slot = (slot + 1) & mask) {
      const row = this.slots[slot]!;
      if (row === EMPTY) break;
      const from = this.idStart[row]!;
      const to = this.idStart[row + 1]!;
      const same = to - from === key.length && this.idBytes.compare(key, 0, key.length, from, to) === 0;
      if (same && this.strings[this.service[row]!] === service && (found === undefined || row > found))
        found = row;
    }
    return found === undefined ? undefined : this.job(found);
  }

  /** Row `i` as a job. */
  job(i: number): BulkJob {
    const s = this.strings;
    const time = (v: number): number | null => (Number.isNaN(v) ? null : v);
    return {
      profileId: this.profileId,
      service: s[this.service[i]!]!,
      jobId: this.idBytes.toString('utf8', this.idStart[i]!, this.idStart[i + 1]!),
      status: s[this.status[i]!]!,
      submittedTime: time(this.times[2 * i]!),
      endTime: time(this.times[2 * i + 1]!),
      username: this.username[i] === NONE ? null : s[this.username[i]!]!,
      machinename: this.machinename[i] === NONE ? null : s[this.machinename[i]!]!,
    };
  }
}
