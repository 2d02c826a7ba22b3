/**
 * A batch of listed jobs in columns: the form a streamed listing's `jobs.page` event carries its jobs in.
 * The main process serializes every event it sends to the window (Electron's structured clone; JSON for
 * `gpjobs ui`), and an array of job objects costs a key per field per job there, with the batch's service,
 * statuses and user and machine names copied once per job. In columns each distinct string is sent once
 * per batch and each job is an id, four small indexes and two numbers; the window turns them back into
 * jobs (`fromColumns`), sharing those strings.
 */
import type { ListedJob } from './views';

/** Listed jobs as columns (see the module comment); every column has one entry (or two, four) per job. */
export interface JobColumns {
  /** The batch's distinct services, statuses, user and machine names; `fields` points into it. */
  strings: string[];
  jobIds: string[];
  /** Four per job, indexes into `strings`: service, status, username, machinename; -1 for null. */
  fields: number[];
  /** Two per job: submittedTime and endTime in epoch ms; -1 for null (a listed time is never negative). */
  times: number[];
}

const NULL = -1;

/** Jobs as columns (their `profileId` is the event's, and is not repeated per job). */
export function toColumns(jobs: ReadonlyArray<Omit<ListedJob, 'profileId'>>): JobColumns {
  const strings: string[] = [];
  const index = new Map<string, number>();
  // The last string of each field and its index: a batch's jobs mostly repeat their neighbour's.
  const last: Array<string | null> = [null, null, null, null];
  const lastAt = [NULL, NULL, NULL, NULL];
  const at = (field: number, value: string | null): number => {
    if (value === null) return NULL;
    if (value === last[field]) return lastAt[field]!;
    let i = index.get(value);
    if (i === undefined) {
      i = strings.push(value) - 1;
      index.set(value, i);
    }
    last[field] = value;
    lastAt[field] = i;
    return i;
  };
  // Filled by push, never `new Array(n)`: an array created with holes stays "holey" once filled, and the
  // structured clone writes a holey array element by element with its index (about four times the CPU
  // and a third more bytes than a packed one, measured on a 1,000-job batch).
  const jobIds: string[] = [];
  const fields: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    jobIds.push(job.jobId);
    fields.push(at(0, job.service), at(1, job.status), at(2, job.username), at(3, job.machinename));
    times.push(job.submittedTime ?? NULL, job.endTime ?? NULL);
  }
  return { strings, jobIds, fields, times };
}

/** The jobs of a batch sent as columns, each holding the batch's own copy of every repeated string. */
export function fromColumns(profileId: string, c: JobColumns): ListedJob[] {
  const { strings, jobIds, fields, times } = c;
  const text = (i: number | undefined): string | null =>
    i === undefined || i === NULL ? null : (strings[i] ?? null);
  const time = (v: number | null | undefined): number | null => (typeof v === 'number' && v >= 0 ? v : null);
  const jobs = new Array<ListedJob>(jobIds.length);
  for (let i = 0; i < jobIds.length; i++) {
    jobs[i] = {
      profileId,
      service: text(fields[4 * i]) ?? '',
      jobId: jobIds[i]!,
      status: text(fields[4 * i + 1]) ?? 'unknown',
      submittedTime: time(times[2 * i]),
      endTime: time(times[2 * i + 1]),
      username: text(fields[4 * i + 2]),
      machinename: text(fields[4 * i + 3]),
    };
  }
  return jobs;
}
