/**
 * Completes jobs whose `jobs/query` entry left out a field the app needs: the status (filters, table,
 * whether a job can be cancelled) and the submitted time (age filters, sorting). Such jobs are read from
 * `jobs/<id>`, at most `MAX_FILL_LOOKUPS` per service query (through the client's limiter); beyond that,
 * or when the read fails, the field stays unknown and a warning says how many. Nothing is guessed.
 */
import type { Job } from '../types';
import type { AdminCaller } from './caller';
import { getJob } from './jobs';
import type { CallOptions } from './requester';

/** Job reads one service query may add to fill fields its pages left out. */
export const MAX_FILL_LOOKUPS = 1000;

/**
 * Reads the jobs of `service` that lack their status or submitted time from their job resource: the jobs with
 * what could be read filled in (those the server no longer has are left out), and a warning for those
 * left incomplete.
 */
export async function completeJobs(
  c: AdminCaller,
  service: string,
  incomplete: Job[],
  opts: CallOptions,
): Promise<{ jobs: Job[]; warnings: string[] }> {
  if (incomplete.length === 0) return { jobs: incomplete, warnings: [] };
  const looked = incomplete.slice(0, MAX_FILL_LOOKUPS);
  const gone = new Set<string>();
  let failed = 0;
  await Promise.all(
    looked.map(async (job) => {
      const r = await getJob(c, job.service, job.jobId, opts);
      if (!r.ok) {
        if (r.error.kind === 'not-found') gone.add(job.jobId);
        else failed++;
        return;
      }
      if (job.status === 'unknown') job.status = r.value.status;
      job.submittedTime ??= r.value.submittedTime;
      job.endTime ??= r.value.endTime;
      job.username ??= r.value.username;
      job.machinename ??= r.value.machinename;
      job.url ??= r.value.url;
    }),
  );
  const left = incomplete.length - looked.length + failed;
  const warnings =
    left > 0
      ? [
          `${service}: the server listed ${left} jobs without their status or submitted time and ` +
            'they could not all be read one by one; they are shown as unknown and match no status filter.',
        ]
      : [];
  return { jobs: gone.size ? incomplete.filter((j) => !gone.has(j.jobId)) : incomplete, warnings };
}
