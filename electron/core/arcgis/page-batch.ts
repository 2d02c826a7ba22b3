/**
 * A `jobs/query` page read in one pass from its parsed body into columns (the form the window's stream
 * and the job cache take), with no job object per job: each entry's fields go through normalize.ts's one
 * reader (`entryJobId`, `rawField`) straight into the batch. `readPageBatch` is a pure function of the page
 * and the query (no service state), so it can run wherever the page is parsed; what depends on the
 * listing so far (duplicates, status filter, jobs to complete) is job-query.ts's.
 */
import type { JobColumns } from '../../shared/job-columns';
import { ColumnStrings, NO_VALUE, blankColumns, columnRow, toColumns } from '../../shared/job-columns';
import type { Job } from '../types';
import type { QueryPageList } from './normalize';
import { entryJobId, pageEntry, rawField, writeTimes } from './normalize';

/** One page's (or a listing's) jobs of one service in columns, with their REST urls kept in the core. */
export interface JobBatch extends JobColumns {
  /** Each job's REST url, or null when no job of the batch came with one (usual: listings name none). */
  urls: Array<string | null> | null;
}

/** What the query itself says of its jobs: the server matched each to it. */
export interface PageFill {
  /** The one status the query asked for: a job whose entry left its status out has it. */
  status: string | undefined;
  /** The user and machine the query asked for, likewise. */
  username: string | null;
  machinename: string | null;
}

/** No rows: what `readPageBatch` gives as `filledRows` when no entry took its status from `fill`. */
const NO_ROWS: readonly number[] = Object.freeze([]);

/** The most distinct values of a field a page's reader finds by comparing (see `FieldValues`). */
const COMPARED = 8;

/**
 * The first `COMPARED` distinct values of one field on a page (users, machines) and their indexes in the
 * batch's strings, found again by comparing text. Each value `JSON.parse` gives is a string of its own,
 * so looking it up in `ColumnStrings`' map hashes it first: for a page's few users and machines a few
 * compares cost less than that hash, per job and field. Other values go to the map. Measured only on the
 * simulator's pages (4 users and anonymous, 3 machines); on a page with more than 8 users, each job of a
 * later one pays up to 8 failed compares (same-length names compared by content) before the hash and map.
 */
class FieldValues {
  private readonly values: string[] = [];
  private readonly indexes: number[] = [];

  constructor(
    private readonly strings: ColumnStrings,
    private readonly field: number,
  ) {}

  at(value: string | null): number {
    if (value === null) return NO_VALUE;
    const { values } = this;
    for (let k = 0; k < values.length; k++) if (values[k] === value) return this.indexes[k]!;
    const i = this.strings.at(this.field, value);
    if (values.length < COMPARED) {
      values.push(value);
      this.indexes.push(i);
    }
    return i;
  }
}

/**
 * A page's job list (see `readQueryList`) in columns, entries without a job id left out, how many
 * entries it listed (the page size the walk pages by) and which rows of the batch took their status from
 * `fill`, in order (filter-check.ts reads its probes from them instead of reading the page again).
 * Entries are taken as `pageEntry` gives them and their ids as `entryJobId` finds them (in a keyed list,
 * the key when the value names none).
 */
export function readPageBatch(
  list: QueryPageList['list'],
  service: string,
  fill: PageFill,
): { batch: JobBatch; entries: number; filledRows: readonly number[] } {
  const keys = list.keyed ? Object.keys(list.keyed) : null;
  const entries = keys ? keys.length : list.items!.length;
  const s = new ColumnStrings();
  s.at(0, service);
  const [users, machines] = [new FieldValues(s, 2), new FieldValues(s, 3)];
  const { jobIds, fields, times } = blankColumns(entries);
  let urls: Array<string | null> | null = null;
  let n = 0;
  let listed = 0;
  let filledRows: number[] | null = null;
  for (let e = 0; e < entries; e++) {
    const raw = pageEntry(list, keys, e);
    if (raw === null) continue;
    listed++;
    const jobId = entryJobId(raw, keys ? keys[e] : undefined);
    if (jobId === null) continue;
    const status = rawField.status(raw);
    jobIds[n] = jobId;
    fields[4 * n] = 0;
    const given = status === 'unknown' ? fill.status : undefined;
    if (given) (filledRows ??= []).push(n);
    fields[4 * n + 1] = s.at(1, given || status);
    fields[4 * n + 2] = users.at(rawField.username(raw) ?? fill.username);
    fields[4 * n + 3] = machines.at(rawField.machinename(raw) ?? fill.machinename);
    writeTimes(raw, times, 2 * n, NO_VALUE);
    const url = rawField.url(raw);
    if (url !== null) (urls ??= new Array<string | null>(entries).fill(null))[n] = url;
    n++;
  }
  const batch = { strings: s.strings, jobIds, fields, times, urls };
  const rows = filledRows ?? NO_ROWS;
  return { batch: n === entries ? batch : pickRows(batch, n), entries: listed, filledRows: rows };
}

/** The first `n` rows of `b`, or the rows listed in `rows`, as a batch of their own. */
export function pickRows(b: JobBatch, rows: number | readonly number[]): JobBatch {
  const pick = typeof rows === 'number' ? null : rows;
  const n = pick ? pick.length : (rows as number);
  const { jobIds, fields, times } = blankColumns(n);
  const urls = b.urls ? new Array<string | null>(n) : null;
  for (let k = 0; k < n; k++) {
    const i = pick ? pick[k]! : k;
    jobIds[k] = b.jobIds[i]!;
    for (let f = 0; f < 4; f++) fields[4 * k + f] = b.fields[4 * i + f]!;
    times[2 * k] = b.times[2 * i]!;
    times[2 * k + 1] = b.times[2 * i + 1]!;
    if (urls) urls[k] = b.urls![i]!;
  }
  return { strings: b.strings, jobIds, fields, times, urls };
}

/** Row `i` of a batch as a job object of `profileId`. */
export function batchJob(profileId: string, b: JobBatch, i: number): Job {
  return { ...columnRow(profileId, b, i), url: b.urls?.[i] ?? null };
}

/** A batch's jobs as job objects of `profileId` (the whole-answer callers: the CLI, tests). */
export function batchJobs(profileId: string, b: JobBatch): Job[] {
  const jobs: Job[] = [];
  for (let i = 0; i < b.jobIds.length; i++) jobs.push(batchJob(profileId, b, i));
  return jobs;
}

/** Job objects (of one service) as a batch: jobs completed one by one (job-fill.ts) rejoin the stream. */
export function jobsBatch(jobs: readonly Job[]): JobBatch {
  const urls = jobs.some((j) => j.url !== null) ? jobs.map((j) => j.url) : null;
  return { ...toColumns(jobs), urls };
}
