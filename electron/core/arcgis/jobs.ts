/**
 * One-job operations: the admin job record, the REST job page with messages, cancel, delete, and a
 * service's job statistics (see ./README.md). Server error codes are kept, so the bulk engine can
 * tell "unable to delete" (code 400) from transient failures.
 */
import type { Job, Result } from '../types';
import { err, ok } from '../types';
import type { AdminCaller } from './caller';
import { isTokenRejection } from './errors';
import type { JobDetail, JobStatistics } from './job-detail';
import { normalizeJobDetail, normalizeStatistics } from './job-detail';
import type { Json } from './normalize';
import { normalizeJob } from './normalize';
import type { ServiceRef } from './paths';
import {
  adminJobsRoot,
  adminJobsUrl,
  invalidJobId,
  isValidJobId,
  jobUrlIn,
  parseServiceId,
  restJobUrl,
  restServiceJobUrl,
  restServiceUrl,
  serviceId,
  taskFromJobUrl,
  validateTaskName,
} from './paths';
import type { CallOptions } from './requester';

/**
 * Why messages are unavailable when the REST job page refuses the token: on a federated site the secured
 * services accept only portal tokens, not the site's own (Esri: "Accessing the ArcGIS Server Administrator
 * Directory on a federated server"). The admin job record (status, times) is still shown.
 */
export const REST_TOKEN_REFUSED =
  "Job messages are unavailable: the site's REST endpoints refused this profile's token. On a federated " +
  'site they accept only portal tokens: sign in through the portal (authentication "portal") to see ' +
  'messages. Status and times come from the admin API.';

/** How many tasks of a service are tried when a job's URL does not name its task. */
const MAX_TASKS_TRIED = 20;

/** A service as one job's URLs need it: parsed, and the root of its jobs' admin URLs. */
interface ServiceTarget {
  ref: ServiceRef;
  /** `<admin>/admin/services/[<folder>/]<name>.<type>/jobs/` */
  jobsRoot: string;
}

/** `target`'s memo: per admin root, per service id. A site has hundreds of services at most. */
const targets = new Map<string, Map<string, Result<ServiceTarget>>>();
const MAX_TARGETS = 4096;

/**
 * The service of a job operation on `adminRoot`, once `jobId` is checked: parsed and its URL root built
 * once per service (a bulk run asks for the same few services thousands of times), the same result
 * object every time.
 */
function target(adminRoot: string, service: string, jobId: string): Result<ServiceTarget> {
  let known = targets.get(adminRoot);
  if (!known) targets.set(adminRoot, (known = new Map()));
  let t = known.get(service);
  if (!t) {
    const ref = parseServiceId(service);
    t = ref.ok ? ok({ ref: ref.value, jobsRoot: adminJobsRoot(adminRoot, ref.value) }) : ref;
    if (known.size >= MAX_TARGETS) known.clear();
    known.set(service, t);
  }
  if (!t.ok) return t;
  return isValidJobId(jobId) ? t : invalidJobId(jobId);
}

/** The admin record of one job; `not-found` when the server no longer has it. */
export async function getJob(
  c: AdminCaller,
  service: string,
  jobId: string,
  opts: CallOptions = {},
): Promise<Result<Job>> {
  const t = target(c.roots.admin, service, jobId);
  if (!t.ok) return t;
  const r = await c.call(jobUrlIn(t.value.jobsRoot, jobId), {}, 'admin', opts);
  if (!r.ok) {
    if (r.error.kind !== 'not-found') return r;
    return err({
      ...r.error,
      message: `Job ${jobId} was not found on ${service}: deleted, or removed by the jobs directory clean-up.`,
    });
  }
  const job = normalizeJob({ jobId, ...r.value }, c.profileId, serviceId(t.value.ref));
  return job
    ? ok(job)
    : err({ kind: 'not-arcgis', message: `The server's answer for job ${jobId} is not a job.` });
}

/** A mutation's success: one shared object (a bulk run confirms thousands). */
const CONFIRMED: Result<void> = Object.freeze(ok(undefined));
/** The form of a mutation: nothing beyond the token and `f=json`. */
const NO_PARAMS = Object.freeze({});

/**
 * Sends `op` on a job once (a mutation is never retried blindly: its outcome must be checked first).
 * Not an async function: a `then` on the call costs less per job of a bulk run than a suspended frame.
 */
function mutate(
  c: AdminCaller,
  service: string,
  jobId: string,
  op: 'cancel' | 'delete',
  opts: CallOptions,
): Promise<Result<void>> {
  const t = target(c.roots.admin, service, jobId);
  if (!t.ok) return Promise.resolve(t);
  const url = jobUrlIn(t.value.jobsRoot, jobId, op);
  return c
    .call(url, NO_PARAMS, 'admin', { signal: opts.signal, once: true })
    .then((r) => confirmed(r, op, jobId));
}

/** Only an explicit success is one: any other answer leaves the outcome unknown (checked by the caller). */
function confirmed(r: Result<Json>, op: 'cancel' | 'delete', jobId: string): Result<void> {
  if (!r.ok) return r;
  const status = r.value.status;
  if (status === 'success') return CONFIRMED;
  const said = status === undefined ? 'no status' : `status "${String(status)}"`;
  return err({
    kind: 'server',
    message: `The server did not confirm the ${op} of job ${jobId} (its answer had ${said}).`,
  });
}

/** Cancels a submitted or executing job; the record is kept (admin `cancel`). */
export function cancelJob(
  c: AdminCaller,
  service: string,
  jobId: string,
  opts: CallOptions = {},
): Promise<Result<void>> {
  return mutate(c, service, jobId, 'cancel', opts);
}

/** Deletes a job of any status, cancelling it first if it runs (admin `delete`). */
export function deleteJob(
  c: AdminCaller,
  service: string,
  jobId: string,
  opts: CallOptions = {},
): Promise<Result<void>> {
  return mutate(c, service, jobId, 'delete', opts);
}

/** The job counts of a service (`jobs/statistics`). */
export async function jobStatistics(
  c: AdminCaller,
  service: string,
  opts: CallOptions = {},
): Promise<Result<JobStatistics>> {
  const ref = parseServiceId(service);
  if (!ref.ok) return ref;
  const r = await c.call(adminJobsUrl(c.roots.admin, ref.value, 'statistics'), {}, 'admin', opts);
  return r.ok ? ok(normalizeStatistics(r.value)) : r;
}

/** Task names of a service from its REST description (`tasks`). */
async function serviceTasks(c: AdminCaller, ref: ServiceRef, opts: CallOptions): Promise<Result<string[]>> {
  const r = await c.call(restServiceUrl(c.roots.server, ref), {}, 'rest', opts);
  if (!r.ok) return r;
  const tasks = Array.isArray(r.value.tasks) ? r.value.tasks : [];
  return ok(
    tasks
      .filter((t): t is string => typeof t === 'string' && validateTaskName(t).ok)
      .slice(0, MAX_TASKS_TRIED),
  );
}

/**
 * The REST job page (status, messages, progress, results, inputs). A GP job's page needs the task name:
 * taken from the job's `url` when it names one, else each task of the service is tried. A map or image
 * service's job page has no task (`…/MapServer/jobs/<id>`).
 */
export async function getJobDetail(
  c: AdminCaller,
  job: Pick<Job, 'service' | 'jobId' | 'url'>,
  opts: CallOptions = {},
): Promise<Result<JobDetail>> {
  const { jobId } = job;
  const t = target(c.roots.admin, job.service, jobId);
  if (!t.ok) return t;
  const { ref } = t.value;
  if (ref.type !== 'GPServer') {
    const pageUrl = restServiceJobUrl(c.roots.server, ref, jobId);
    const r = await c.call(pageUrl, { returnMessages: 'true' }, 'rest', opts);
    if (r.ok) return ok({ ...normalizeJobDetail(r.value, jobId), pageUrl });
    return isTokenRejection(r.error) ? err({ ...r.error, message: REST_TOKEN_REFUSED }) : r;
  }
  const named = taskFromJobUrl(job.url);
  let tasks: string[];
  if (named) tasks = [named];
  else {
    const listed = await serviceTasks(c, ref, opts);
    if (!listed.ok) {
      return isTokenRejection(listed.error) ? err({ ...listed.error, message: REST_TOKEN_REFUSED }) : listed;
    }
    tasks = listed.value;
  }
  let last: Result<JobDetail> = err({
    kind: 'not-found',
    message: `No task of ${job.service} knows job ${jobId}.`,
  });
  for (const task of tasks) {
    const pageUrl = restJobUrl(c.roots.server, ref, task, jobId);
    const r = await c.call(pageUrl, { returnMessages: 'true' }, 'rest', opts);
    if (r.ok) return ok({ ...normalizeJobDetail(r.value, jobId), pageUrl });
    last = r;
    if (isTokenRejection(r.error)) return err({ ...r.error, message: REST_TOKEN_REFUSED });
    if (r.error.kind !== 'not-found' && r.error.code !== 400) return r;
  }
  return last;
}
