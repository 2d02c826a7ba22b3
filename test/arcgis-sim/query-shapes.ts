/**
 * The layouts a `jobs/query` page can take, one per switch value. `keyed` is the default because it is
 * what ArcGIS Server answers: Esri's Python client (`arcgis/gis/server/admin/_services.py`, `JobManager`)
 * builds one job per key of `res["results"]`. The others are what the documentation and other clients
 * allow, so a client must read them all (see ./README.md, "Answer shapes").
 */
import type { JobRec } from './store';

/** How `jobs/query` lays out its jobs. */
export type QueryShape = 'keyed' | 'keyed-partial' | 'keyed-empty' | 'jobs-array' | 'results-array';

/** Every shape, in the order tests walk them. */
export const QUERY_SHAPES: readonly QueryShape[] = [
  'keyed',
  'keyed-partial',
  'keyed-empty',
  'jobs-array',
  'results-array',
];

/** Whether a value names a shape. */
export function isQueryShape(v: unknown): v is QueryShape {
  return typeof v === 'string' && (QUERY_SHAPES as readonly string[]).includes(v);
}

/** The keyed value of a job: no id (the key is the id), `machineName` spelled in camel case. */
function keyedValue(job: JobRec): Record<string, unknown> {
  return {
    submittedTime: job.submittedTime,
    endTime: job.endTime,
    status: job.status,
    username: job.username,
    machineName: job.machinename,
  };
}

/**
 * Values holding only some fields, alternating: even jobs repeat the id as `jobID` with `jobStatus` and
 * the submitted time; odd jobs carry only `machinename` and `endTime` (no status, no submitted time).
 */
function partialValue(job: JobRec, i: number): Record<string, unknown> {
  return i % 2 === 0
    ? { jobID: job.jobId, jobStatus: job.status, submittedTime: job.submittedTime }
    : { machinename: job.machinename, endTime: job.endTime };
}

/** The page's job list under the key the shape uses. */
export function pageJobs(
  shape: QueryShape,
  page: readonly JobRec[],
  full: (job: JobRec) => Record<string, unknown>,
): Record<string, unknown> {
  if (shape === 'jobs-array') return { jobs: page.map(full) };
  if (shape === 'results-array') {
    return {
      results: page.map((job) => {
        const { jobId, status, machinename, ...rest } = full(job);
        return { jobID: jobId, jobStatus: status, machinename, ...rest };
      }),
    };
  }
  const results: Record<string, unknown> = {};
  page.forEach((job, i) => {
    results[job.jobId] =
      shape === 'keyed' ? keyedValue(job) : shape === 'keyed-partial' ? partialValue(job, i) : {};
  });
  return { results };
}
