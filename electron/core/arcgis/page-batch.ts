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
import { entryJobId, normalizeStatus, pageEntry, rawField, writeTimes } from './normalize';

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

/** The most distinct users and machines a page's reader finds by comparing (see `FieldValues`). */
const COMPARED = 8;

/** The most distinct status spellings a page's reader finds by comparing: every status, two spellings. */
const COMPARED_STATUSES = 24;

/** What `FieldValues` keeps for a status that reads as none (left out, empty, `unknown`). */
const NO_STATUS = -2;

/**
 * The first few distinct values of one field on a page (users, machines, status spellings) and the index
 * each gave in the batch's strings (`read`: the value's string added there), found again by comparing
 * text. Each value `JSON.parse` gives is a string of its own, so looking it up in a map hashes it first:
 * for a page's few users, machines and statuses a few compares cost less than that hash, per job and
 * field. Other values go to `read` each time. Measured only on the simulator's pages (4 users and
 * anonymous, 3 machines, 9 statuses); on a page with more distinct values than are kept, each job of a
 * later one pays that many failed compares (same-length values compared by content) before `read`.
 */
class FieldValues {
  private readonly values: string[] = [];
  private readonly indexes: number[] = [];

  constructor(
    private readonly read: (value: string) => number,
    private readonly max: number,
  ) {}

  at(value: string | null): number {
    if (value === null) return NO_VALUE;
    const { values } = this;
    for (let k = 0; k < values.length; k++) if (values[k] === value) return this.indexes[k]!;
    const i = this.read(value);
    if (values.length < this.max) {
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
  const users = new FieldValues((v) => s.at(2, v), COMPARED);
  const machines = new FieldValues((v) => s.at(3, v), COMPARED);
  // A status spelling gives its status's index (normalizeStatus once per spelling and page), or NO_STATUS.
  const statuses = new FieldValues((v) => {
    const status = normalizeStatus(v);
    return status === 'unknown' ? NO_STATUS : s.at(1, status);
  }, COMPARED_STATUSES);
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
    const spelling = rawField.spelling(raw);
    let status = typeof spelling === 'string' ? statuses.at(spelling) : NO_STATUS;
    if (status === NO_STATUS) {
      const given = fill.status;
      if (given) (filledRows ??= []).push(n);
      status = s.at(1, given || 'unknown');
    }
    jobIds[n] = jobId;
    fields[4 * n] = 0;
    fields[4 * n + 1] = status;
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
