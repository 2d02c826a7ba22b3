/**
 * Planning a bulk action: pure counting, no requests. The plan says per server, service and status what
 * will be touched, what is skipped and why, and how many running jobs a delete cancels first.
 */
import { ACTIVE_STATUSES, CANCELLABLE_STATUSES } from '../types';
import type { BulkAction } from '../types';
import type { BulkJob, BulkPlan, BulkProfile, PlannedJob, ServerPlan, ServicePlan } from './types';

/** Simultaneous requests per server are kept within what the profile form allows. */
export const MIN_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 64;

/** Options of `planBulk`. */
export interface PlanOptions {
  /** Per-profile concurrency overriding the profile's own. */
  concurrency?: Readonly<Record<string, number>>;
}

/** `esriJobExecuting` → `Executing`, for messages an administrator reads. */
export function statusLabel(status: string): string {
  return status.startsWith('esriJob') ? status.slice('esriJob'.length) : status;
}

/** Clamps a concurrency setting to 1..64 (a non-number becomes the default of 8). */
export function clampConcurrency(value: number): number {
  if (!Number.isFinite(value)) return 8;
  return Math.min(MAX_CONCURRENCY, Math.max(MIN_CONCURRENCY, Math.floor(value)));
}

/** Whether `action` applies to a job with this last known status, and why not when it does not. */
export function eligibility(action: BulkAction, status: string): { eligible: boolean; skipReason?: string } {
  if (action === 'delete') return { eligible: true };
  if (CANCELLABLE_STATUSES.includes(status as never)) return { eligible: true };
  return {
    eligible: false,
    skipReason: `Not cancellable: the job is ${statusLabel(status)}; cancel applies only to Submitted and Executing jobs.`,
  };
}

function jobKey(job: { profileId: string; service: string; jobId: string }): string {
  return `${job.profileId}\u0000${job.service}\u0000${job.jobId}`;
}

function emptyServer(profileId: string, profile: BulkProfile | undefined, concurrency: number): ServerPlan {
  return {
    profileId,
    name: profile?.name ?? `Unknown profile ${profileId}`,
    serverUrl: profile?.serverUrl ?? null,
    production: profile?.production ?? false,
    concurrency,
    services: [],
    total: 0,
    eligible: 0,
    skipped: 0,
    running: 0,
  };
}

function emptyService(service: string): ServicePlan {
  return { service, statuses: [], total: 0, eligible: 0, skipped: 0, running: 0 };
}

/**
 * Plans `action` over `jobs`. Duplicate entries (same profile, service and job id) are dropped and counted;
 * jobs of an unknown profile and, for cancel, jobs not Submitted or Executing are kept as skipped with a reason.
 */
export function planBulk(
  jobs: readonly BulkJob[],
  action: BulkAction,
  profiles: readonly BulkProfile[],
  options: PlanOptions = {},
): BulkPlan {
  const profileById = new Map(profiles.map((p) => [p.id, p]));
  const servers = new Map<string, ServerPlan>();
  const services = new Map<string, ServicePlan>();
  const statusIndex = new Map<string, number>();
  const seen = new Set<string>();
  const planned: PlannedJob[] = [];
  let duplicates = 0;

  for (const job of jobs) {
    const key = jobKey(job);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    const profile = profileById.get(job.profileId);
    const verdict = profile
      ? eligibility(action, job.status)
      : {
          eligible: false,
          skipReason: `No server profile with id "${job.profileId}"; the job was not touched.`,
        };
    const running = action === 'delete' && verdict.eligible && ACTIVE_STATUSES.includes(job.status as never);
    planned.push({ ...job, ...verdict });

    let server = servers.get(job.profileId);
    if (!server) {
      const wanted = options.concurrency?.[job.profileId] ?? profile?.concurrency ?? 8;
      server = emptyServer(job.profileId, profile, clampConcurrency(wanted));
      servers.set(job.profileId, server);
    }
    const serviceKey = `${job.profileId}\u0000${job.service}`;
    let service = services.get(serviceKey);
    if (!service) {
      service = emptyService(job.service);
      services.set(serviceKey, service);
      server.services.push(service);
    }
    const statusKey = `${serviceKey}\u0000${job.status}`;
    let at = statusIndex.get(statusKey);
    if (at === undefined) {
      at = service.statuses.push({ status: job.status, count: 0, eligible: 0 }) - 1;
      statusIndex.set(statusKey, at);
    }
    const statusCount = service.statuses[at]!;
    statusCount.count++;
    for (const bucket of [server, service]) {
      bucket.total++;
      if (verdict.eligible) bucket.eligible++;
      else bucket.skipped++;
      if (running) bucket.running++;
    }
    if (verdict.eligible) statusCount.eligible++;
  }

  const serverList = [...servers.values()];
  return {
    action,
    total: planned.length,
    eligible: serverList.reduce((n, s) => n + s.eligible, 0),
    skipped: serverList.reduce((n, s) => n + s.skipped, 0),
    running: serverList.reduce((n, s) => n + s.running, 0),
    duplicates,
    servers: serverList,
    productionServers: serverList.filter((s) => s.production && s.eligible > 0).map((s) => s.name),
    jobs: planned,
  };
}

/** Above this many jobs a bulk action needs the count typed to confirm, in the app and the CLI alike. */
export const TYPED_CONFIRMATION_THRESHOLD = 100;

/** Whether confirming the plan needs the job count typed (production servers, or many jobs). */
export function needsTypedConfirmation(plan: Pick<BulkPlan, 'eligible' | 'productionServers'>): boolean {
  return plan.productionServers.length > 0 || plan.eligible > TYPED_CONFIRMATION_THRESHOLD;
}
