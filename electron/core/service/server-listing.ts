/**
 * One server's job listing for JobAdminService.listJobs: every service that keeps jobs, read page by page,
 * each page written to the job cache as it arrives and then streamed on to the caller or gathered into the
 * result. Split from job-admin-service.ts, which wires the stores together and tracks connection state.
 */
import type { ArcGisClient, JobBatch, JobList } from '../arcgis';
import { batchJobs } from '../arcgis';
import type { GpService, Job, JobQuery, Result } from '../types';
import { keepsJobs, ok } from '../types';
import type { JobCache } from './job-cache';
import { listDiscovered } from './overlapped-listing';

/** A job list of one server, with how many services were read (`JobList.services`). */
export interface ServerJobs extends JobList {
  profileId: string;
}

/** Options of `listJobs`. */
export interface ListJobsOptions {
  /** Only the services this accepts are queried, among those that keep jobs (default: all of them). */
  services?: (service: GpService) => boolean;
  /**
   * Receives each page's jobs as soon as it is read and normalised (in arrival order, each job once); the
   * result's `jobs` is then empty, so a caller that streams them on (the app, to its window) never holds a
   * whole server's jobs as objects.
   */
  onJobs?: (jobs: Job[]) => void;
  /**
   * As `onJobs`, with each page's jobs in columns as they were read (no job object per job): the window's
   * stream. When given, `onJobs` is not called.
   */
  onBatch?: (batch: JobBatch) => void;
  /**
   * false: the listing is not written to the job cache, and the server's last listing stays as it was.
   * For a caller that only shows the jobs (the CLI's `jobs list`), so a huge server's listing is not held
   * again in the cache, which bulk plans read and nothing else (default: true).
   */
  cache?: boolean;
  /**
   * Told as each page of jobs is read, before it goes on: the server answered, so a retry after it is of
   * one page (the service tells its connection state, see ConnectionTracker.listed).
   */
  onPage?: () => void;
}

/** Every job of every service of `client`'s server that keeps jobs (see `keepsJobs`) matching `query`. */
export async function listServerJobs(
  client: ArcGisClient,
  cache: JobCache,
  profileId: string,
  query: JobQuery,
  options: ListJobsOptions,
): Promise<Result<ServerJobs>> {
  const wanted = options.services ?? (() => true);
  const cached = options.cache === false ? null : cache.begin(profileId, isCompleteListing(query, options));
  // Each page goes to the cache (unless `cache` is false) as it arrives, then on to the caller's stream
  // or into its service's part of the result (kept in service order, as the client's own result is).
  const { onJobs: stream, onBatch } = options;
  const parts = new Map<string, JobBatch[]>();
  const onJobs = (service: string, batch: JobBatch): void => {
    options.onPage?.();
    cached?.add(batch);
    if (onBatch) onBatch(batch);
    else if (stream) stream(batchJobs(profileId, batch));
    else if (parts.has(service)) parts.get(service)!.push(batch);
    else parts.set(service, [batch]);
  };
  const done = await listDiscovered(client, query, (s) => keepsJobs(s) && wanted(s), onJobs);
  if (!done.ok) return done;
  const listed = done.value.listed;
  cached?.commit();
  // As in the client's result, a service that failed part way adds none of its jobs to `jobs`.
  for (const f of listed.failures) parts.delete(f.service);
  const jobs = listed.jobs;
  // A loop, not push(...page) over a flat(): a server may hold a million jobs.
  for (const id of done.value.ids)
    for (const batch of parts.get(id) ?? []) for (const j of batchJobs(profileId, batch)) jobs.push(j);
  return ok({ profileId, ...listed, jobs });
}

/** Whether a listing covers every job of its server: every service, and no filter in `query`. */
function isCompleteListing(query: JobQuery, options: ListJobsOptions): boolean {
  const filtered = Object.values(query).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  return options.services === undefined && !filtered;
}
