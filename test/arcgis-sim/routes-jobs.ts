/**
 * The admin GP jobs API of one service: jobs, query (startTime required, 1-based start, nextStart -1 at
 * the end, jobs laid out per the site's query shape), statistics, purgeQueue, one job, cancel and delete.
 * Mutations must be POSTs.
 */
import type { SimContext } from './context';
import type { Incoming, Reply } from './reply';
import { adminError, answer, success } from './reply';
import type { JobFilter, JobRec, ServiceState } from './store';
import { QUERY_STATUSES } from './store';
import { pageJobs } from './query-shapes';

/** `jobs/query` default page size when `number` is absent (undocumented on real servers; kept small). */
export const DEFAULT_PAGE_SIZE = 10;

/**
 * The REST job page URL of a job (what the admin job JSON's `url` holds): a GP job's names its task, a map
 * or image service's Export Tiles job has none (`…/MapServer/jobs/<id>`).
 */
export function jobUrl(ctx: SimContext, job: JobRec): string {
  const { folder, name, type } = job.svc.def;
  const path = [folder, name].filter(Boolean).map(encodeURIComponent).join('/');
  const task = type === 'GPServer' ? `/${encodeURIComponent(job.task)}` : '';
  return `${ctx.siteUrl}/rest/services/${path}/${type}${task}/jobs/${encodeURIComponent(job.jobId)}`;
}

/** A job as the admin API shows it. */
export function adminJobJson(ctx: SimContext, job: JobRec): Record<string, unknown> {
  return {
    jobId: job.jobId,
    submittedTime: job.submittedTime,
    endTime: job.endTime,
    status: job.status,
    username: job.username,
    machinename: job.machinename,
    url: jobUrl(ctx, job),
  };
}

function mustPost(req: Incoming, op: string): Reply | null {
  if (req.method === 'POST') return null;
  return adminError(req, 405, [`The '${op}' operation must be invoked with POST.`]);
}

/** Routes `<svc>/jobs/...`; `rest` are the segments after `jobs`. */
export function routeJobs(req: Incoming, ctx: SimContext, svc: ServiceState, rest: string[]): Reply {
  const [first, op] = [rest[0], rest[1]];
  const more = rest.slice(2);
  if (first === undefined || first === '') return answer(req, { resources: ['statistics'] }, 'Jobs');
  if (first === 'query' && op === undefined) return query(req, ctx, svc);
  if (first === 'statistics' && op === undefined)
    return answer(req, ctx.store.statistics(svc), 'Job Statistics');
  if (first === 'purgeQueue' && op === undefined) {
    const notPost = mustPost(req, 'purgeQueue');
    if (notPost) return notPost;
    ctx.lifecycle.purgeQueue(svc);
    return success(req);
  }
  if (more.length > 0)
    return adminError(req, 404, [`Could not find resource or operation '${rest.join('/')}' on the system.`]);
  const job = svc.jobs.get(first);
  if (op === undefined) {
    if (!job) return adminError(req, 404, [`Job with id '${first}' does not exist.`]);
    return answer(req, adminJobJson(ctx, job), `Job ${first}`);
  }
  if (op === 'cancel') {
    const notPost = mustPost(req, 'cancel');
    if (notPost) return notPost;
    if (!job || !ctx.lifecycle.adminCancel(job))
      return adminError(req, 500, [`Unable to cancel job :[${first}]`]);
    return success(req);
  }
  if (op === 'delete') {
    const notPost = mustPost(req, 'delete');
    if (notPost) return notPost;
    if (!job) return adminError(req, 400, [`Unable to delete job :[${first}]`]);
    ctx.lifecycle.delete(job);
    return success(req);
  }
  return adminError(req, 404, [`Could not find resource or operation '${op}' on the system.`]);
}

function intParam(value: string | undefined): number | null | 'invalid' {
  if (value === undefined || value === '') return null;
  if (!/^-?\d+$/.test(value.trim())) return 'invalid';
  return Number(value);
}

function query(req: Incoming, ctx: SimContext, svc: ServiceState): Reply {
  const p = req.params;
  const startTime = intParam(p.startTime);
  if (startTime === null) return adminError(req, 400, ["'startTime' must be specified."]);
  const endTime = intParam(p.endTime);
  const number = intParam(p.number);
  const start = intParam(p.start);
  for (const [name, value] of [
    ['startTime', startTime],
    ['endTime', endTime],
    ['number', number],
    ['start', start],
  ] as const) {
    if (
      value === 'invalid' ||
      (typeof value === 'number' && value < (name === 'start' || name === 'number' ? 1 : 0))
    ) {
      return adminError(req, 400, [`Invalid value for parameter '${name}': ${p[name]}`]);
    }
  }
  // Only the site's own spelling filters; the other is ignored like any unknown parameter ('none': both).
  const statusParam = ctx.statusFilterParam;
  const jobStatus = (statusParam !== 'none' && p[statusParam]) || undefined;
  if (jobStatus !== undefined && !QUERY_STATUSES.has(jobStatus)) {
    return adminError(req, 400, [`Invalid value for parameter '${statusParam}': ${jobStatus}`]);
  }
  const filter: JobFilter = {
    startTime: startTime as number,
    endTime: endTime as number | null,
    ...(jobStatus ? { status: jobStatus } : {}),
    ...(p.userName ? { userName: p.userName } : {}),
    ...(p.machineName ? { machineName: p.machineName } : {}),
  };
  const matches = ctx.store.matches(svc, filter);
  const num = Math.min((number as number | null) ?? DEFAULT_PAGE_SIZE, ctx.maxPageSize);
  const first = (start as number | null) ?? 1;
  const page = matches.slice(first - 1, first - 1 + num);
  const next = first + page.length;
  const echo: Record<string, unknown> = { startTime };
  if (endTime !== null) echo.endTime = endTime;
  if (jobStatus) echo[statusParam] = jobStatus;
  if (p.userName) echo.userName = p.userName;
  if (p.machineName) echo.machineName = p.machineName;
  if (number !== null) echo.number = number;
  if (start !== null) echo.start = start;
  return answer(
    req,
    {
      total: ctx.claimedTotal ?? matches.length,
      num,
      start: first,
      nextStart: page.length > 0 && next <= matches.length ? next : -1,
      query: echo,
      ...pageJobs(ctx.queryShape, page, (job) => adminJobJson(ctx, job)),
    },
    'Jobs Query',
  );
}
