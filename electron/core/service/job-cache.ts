/**
 * The jobs each server last listed, shared by listing (which fills it) and bulk planning (which reads
 * it), so a plan trusts the status the server reported over the caller's idea of a job.
 */
import type { BulkJob } from '../bulk';
import type { Job, JobRef } from '../types';
import { jobWithoutUrl } from '../types';

type Ref = Pick<JobRef, 'profileId' | 'service' | 'jobId'>;

const keyOf = (j: Ref): string => `${j.service}\u0000${j.jobId}`;

/** See the module comment. */
export class JobCache {
  private readonly servers = new Map<string, Map<string, Job>>();

  /** Replaces a server's listing with `jobs`. */
  remember(profileId: string, jobs: readonly Job[]): void {
    this.servers.set(profileId, new Map(jobs.map((j) => [keyOf(j), j])));
  }

  /** The job as its server last listed it (without its REST url), or undefined when not listed. */
  find(ref: Ref): BulkJob | undefined {
    const job = this.servers.get(ref.profileId)?.get(keyOf(ref));
    return job ? jobWithoutUrl(job) : undefined;
  }

  /** Forgets a server's listing (its profile was removed). */
  forget(profileId: string): void {
    this.servers.delete(profileId);
  }
}
