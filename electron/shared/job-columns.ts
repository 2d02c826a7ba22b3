/**
 * A batch of listed jobs in columns: the form a streamed listing's `jobs.page` event carries its jobs in.
 * The main process serializes every event it sends to the window (Electron's structured clone; JSON for
 * `gpjobs ui`), and an array of job objects costs a key per field per job there, with the batch's service,
 * statuses and user and machine names copied once per job. In columns each distinct string is sent once
 * per batch and each job is an id, four small indexes and two numbers; the window turns them back into
 * jobs (`fromColumns`), sharing those strings.
 *
 * `fields` and `times` are an Int32Array and a Float64Array, made so by `blankColumns` where a page is
 * read: the structured clone writes a typed array's bytes at once, an array's numbers one tagged value
 * at a time. Measured with callgrind on `page-intake-cost.ts --window` (30,000 keyed jobs a round, one
 * run each of rounds 2 and 5 per build): the serializer's own instructions fell by 8.3 M a round in both
 * (87.2 -> 37.6 M in 6 rounds, 130.4 -> 55.9 M in 9), memcpy by 2.6-2.8 M, while zeroing the typed arrays
 * added 1.0 M: about 33 M fewer per 100,000 jobs, and 5 MB less young allocation per 100,000 jobs
 * (47.5-47.9 -> 42.5 MB, so fewer scavenges). The runs' totals, collector included, differed by -230 to
 * +260 M either way and show nothing; Node's `v8.serialize` (the benchmark's stand-in) was measured, not
 * Electron's own clone. Untested here: the typed arrays through Electron's IPC and the preload's
 * `contextBridge` listener (electron/preload/preload.ts). The structured clone keeps typed arrays, but
 * the test rig has no Electron binary, so the e2e specs drive the window over the event stream only. JSON, which `gpjobs ui`'s event stream sends, writes a
 * typed array as an object keyed by index, so the stream sends them as arrays (`jsonColumns`); readers
 * take either (`SentColumns`).
 */
import type { ListedJob } from './views';

/** Listed jobs as columns (see the module comment); every column has one entry (or two, four) per job. */
export interface JobColumns {
  /** The batch's distinct services, statuses, user and machine names; `fields` points into it. */
  strings: string[];
  jobIds: string[];
  /** Four per job, indexes into `strings`: service, status, username, machinename; NO_VALUE for null. */
  fields: Int32Array;
  /** Two per job: submittedTime and endTime in epoch ms; NO_VALUE for null. */
  times: Float64Array;
}

/**
 * Columns as a page receives them: `fields` and `times` are typed arrays over IPC (the structured clone
 * keeps them), plain arrays over `gpjobs ui`'s event stream (JSON has no typed arrays, see `jsonColumns`).
 */
export interface SentColumns {
  strings: string[];
  jobIds: string[];
  fields: ArrayLike<number>;
  times: ArrayLike<number>;
}

/**
 * What `fields` and `times` hold for null. A string index is never negative; a time is negative only
 * for an ISO date before 1970 (normalizeTime drops zero and negative numbers), so readers of `times`
 * test `< 0` and take such a date as no time as well.
 */
export const NO_VALUE = -1;

/** Batches up to this many jobs copy their ids column from `sized` (a page holds at most 1,000). */
const MAX_SIZED = 4096;

/** `n` copies of `value` in a packed array (filled by push: see `blankColumns`). */
function filled<T>(n: number, value: T): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(value);
  return out;
}

/** A packed ids column of MAX_SIZED jobs to slice a batch's from, made at the first batch. */
let sized: string[] | null = null;

/**
 * Columns of `n` jobs to write by index. The ids column is a slice of a packed array (packed and of its
 * exact size in one copy; arrays grown by push allocate about four times their final size on the way,
 * measured on the replayed listing, and `new Array(n)` makes them holey, which the structured clone
 * writes element by element with its index). `fields` and `times` are typed arrays of their own (each
 * batch is sent and kept apart from the others): the structured clone writes their bytes at once.
 */
export function blankColumns(n: number): { jobIds: string[]; fields: Int32Array; times: Float64Array } {
  sized ??= filled(MAX_SIZED, '');
  return {
    jobIds: n > MAX_SIZED ? filled(n, '') : sized.slice(0, n),
    fields: new Int32Array(4 * n),
    times: new Float64Array(2 * n),
  };
}

/**
 * The distinct strings of a batch being written in columns and each one's index (`at`), with the last
 * string of each field kept aside: a batch's jobs mostly repeat their neighbour's, and comparing with it
 * is cheaper than hashing each copy for the map.
 */
export class ColumnStrings {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly last: Array<string | null> = [null, null, null, null];
  private readonly lastAt = [NO_VALUE, NO_VALUE, NO_VALUE, NO_VALUE];

  /** The index of `value` in `strings` (added if new); -1 for null. `field` is 0 to 3, as in `fields`. */
  at(field: number, value: string | null): number {
    if (value === null) return NO_VALUE;
    if (value === this.last[field]) return this.lastAt[field]!;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.strings.push(value) - 1;
      this.index.set(value, i);
    }
    this.last[field] = value;
    this.lastAt[field] = i;
    return i;
  }
}

/** Jobs as columns (their `profileId` is the event's, and is not repeated per job). */
export function toColumns(jobs: ReadonlyArray<Omit<ListedJob, 'profileId'>>): JobColumns {
  const s = new ColumnStrings();
  const { jobIds, fields, times } = blankColumns(jobs.length);
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    jobIds[i] = job.jobId;
    fields[4 * i] = s.at(0, job.service);
    fields[4 * i + 1] = s.at(1, job.status);
    fields[4 * i + 2] = s.at(2, job.username);
    fields[4 * i + 3] = s.at(3, job.machinename);
    times[2 * i] = job.submittedTime ?? NO_VALUE;
    times[2 * i + 1] = job.endTime ?? NO_VALUE;
  }
  return { strings: s.strings, jobIds, fields, times };
}

function textAt(strings: readonly string[], k: number | undefined): string | null {
  return k === undefined || k === NO_VALUE ? null : (strings[k] ?? null);
}

function timeOf(v: number | null | undefined): number | null {
  return typeof v === 'number' && v >= 0 ? v : null;
}

/** Row `i` of a batch sent as columns, holding the batch's own copy of every repeated string. */
export function columnRow(profileId: string, c: SentColumns, i: number): ListedJob {
  const { strings, fields, times } = c;
  return {
    profileId,
    service: textAt(strings, fields[4 * i]) ?? '',
    jobId: c.jobIds[i]!,
    status: textAt(strings, fields[4 * i + 1]) ?? 'unknown',
    submittedTime: timeOf(times[2 * i]),
    endTime: timeOf(times[2 * i + 1]),
    username: textAt(strings, fields[4 * i + 2]),
    machinename: textAt(strings, fields[4 * i + 3]),
  };
}

/**
 * Columns as JSON can carry them (`gpjobs ui`'s event stream): `JSON.stringify` writes a typed array as
 * an object keyed by index, so `fields` and `times` go as arrays, which `fromColumns` reads alike.
 */
export function jsonColumns(c: SentColumns): SentColumns {
  return { ...c, fields: Array.from(c.fields), times: Array.from(c.times) };
}

/** The jobs of a batch sent as columns (see `columnRow`). */
export function fromColumns(profileId: string, c: SentColumns): ListedJob[] {
  const jobs = new Array<ListedJob>(c.jobIds.length);
  for (let i = 0; i < c.jobIds.length; i++) jobs[i] = columnRow(profileId, c, i);
  return jobs;
}
