/**
 * A listing of several services as one answer (`ArcGisClient.listJobs`, `summarize`): each service's
 * result in service order, a service that failed listed with its reason instead of failing the whole
 * list, and a map or image service without a jobs resource skipped quietly and remembered.
 */
import type { AppError, Job, Result } from '../types';
import { err, ok } from '../types';
import { serviceTypeOf } from '../service-types';
import type { QueryOptions, ServiceJobs } from './job-query';
import type { JobBatch } from './page-batch';
import type { ServiceMemo } from './service-memo';
import { jobsResourceMissing } from './service-memo';

/** Options of `listJobs`. */
export interface ListOptions extends QueryOptions {
  /**
   * Receives each page's jobs in columns as it is read, in arrival order, each job once (they are then
   * left out of the result). A service that fails after some pages keeps those handed on and is listed in
   * `failures`.
   */
  onJobs?: (service: string, batch: JobBatch) => void;
}

/**
 * Jobs of several services; services that failed are listed instead of failing the whole list, and
 * services listed only in part (capped, or changed while read) say so in `warnings`.
 */
export interface JobList {
  jobs: Job[];
  /** How many services were listed (a map or image service found to have no jobs resource is not). */
  services: number;
  failures: Array<{ service: string; error: AppError }>;
  warnings: Array<{ service: string; message: string }>;
}

/**
 * The results of services `ids` (one each, in order) as one list: an error only when every service
 * failed. A map or image service found without a jobs resource is marked in `memo`, not asked again.
 */
export function summarizeLists(
  ids: readonly string[],
  results: readonly Result<ServiceJobs>[],
  memo: ServiceMemo,
): Result<JobList> {
  const list: JobList = { jobs: [], services: ids.length, failures: [], warnings: [] };
  results.forEach((r, i) => {
    const service = ids[i]!;
    if (!r.ok && jobsResourceMissing(serviceTypeOf(service), r.error)) {
      // A map or image service without a jobs resource: skipped quietly, and not asked again.
      memo.markWithoutJobs(service);
      list.services--;
      return;
    }
    if (!r.ok) return list.failures.push({ service, error: r.error });
    // In service order; a loop, not push(...jobs): a service may hold 500,000 jobs, past the argument limit.
    for (const job of r.value.jobs) list.jobs.push(job);
    for (const message of r.value.warnings) list.warnings.push({ service, message });
  });
  if (list.failures.length > 0 && list.failures.length === ids.length) return err(list.failures[0]!.error);
  return ok(list);
}
