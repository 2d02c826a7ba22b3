/**
 * Planning a bulk action: pure counting, no requests. The plan says per server, service and status what
 * will be touched, what is skipped and why, and how many running jobs a delete cancels first.
 */
import { statusLabel } from '../job-words';
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

/** A status's display name (`esriJobTimedOut` → `Timed out`), from the core's one job vocabulary. */
export { statusLabel };

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
  const state: PlanState = {
    action,
    concurrency: options.concurrency,
    profileById: new Map(profiles.map((p) => [p.id, p])),
    // Nested maps keyed by the jobs' own strings (no composite keys to build and hash per job: plans of
    // 100,000 jobs are made while the user waits).
    servers: new Map(),
    planned: [],
    duplicates: 0,
    // The verdict depends on the status alone (or on the profile being unknown): one object per status,
    // shared by its jobs, rather than one per job.
    verdicts: new Map(),
  };
  // One call per job rather than the loop's body inline: a function called once per run gets its loop
  // compiled on stack (OSR), and that code was thrown away at the summary below and compiled again for
  // every run; a small function called per job stays compiled from run to run.
  for (const job of jobs) planJob(state, job);
  return summary(state);
}

/** The plan of the jobs `state` has taken in: totals over its servers, their plans and its jobs. */
function summary({ action, servers, planned, duplicates }: PlanState): BulkPlan {
  const serverList = [...servers.values()].map((t) => t.plan);
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

interface PlanState {
  action: BulkAction;
  concurrency: PlanOptions['concurrency'];
  profileById: Map<string, BulkProfile>;
  servers: Map<string, ServerTally>;
  planned: PlannedJob[];
  duplicates: number;
  verdicts: Map<string, Verdict>;
}

/** Adds one job to the plan being built: its server's and service's tallies, its verdict, its entry. */
function planJob(state: PlanState, job: BulkJob): void {
  const { action } = state;
  let tally = state.servers.get(job.profileId);
  const profile = state.profileById.get(job.profileId);
  if (!tally) {
    const wanted = state.concurrency?.[job.profileId] ?? profile?.concurrency ?? 8;
    tally = { plan: emptyServer(job.profileId, profile, clampConcurrency(wanted)), services: new Map() };
    state.servers.set(job.profileId, tally);
  }
  let service = tally.services.get(job.service);
  if (!service) {
    service = { plan: emptyService(job.service), statuses: new Map(), jobIds: new Set() };
    tally.services.set(job.service, service);
    const { services } = tally.plan;
    services[services.length] = service.plan; // Not `push`: see `planned` below.
  }
  // One lookup, not `has` then `add`: a duplicate leaves the set's size as it was.
  const { jobIds } = service;
  const seen = jobIds.size;
  if (jobIds.add(job.jobId).size === seen) {
    state.duplicates++;
    return;
  }
  let verdict = profile ? state.verdicts.get(job.status) : tally.unknown;
  if (!verdict) {
    verdict = profile
      ? eligibility(action, job.status)
      : {
          eligible: false,
          skipReason: `No server profile with id "${job.profileId}"; the job was not touched.`,
        };
    if (profile) state.verdicts.set(job.status, verdict);
    else tally.unknown = verdict;
  }
  const running = action === 'delete' && verdict.eligible && ACTIVE_STATUSES.includes(job.status as never);
  // Appended by index, not by `push`, here and in the other per-run lists of the engine: each run's lists
  // start empty, an empty array holds small integers only, and compiled code that had seen `push` on such
  // an array deoptimised ("not a Smi") at the first object pushed into a later run's; an indexed store
  // learns the array's change of kind instead.
  const { planned } = state;
  planned[planned.length] = plannedJob(job, verdict);

  let statusCount = service.statuses.get(job.status);
  if (!statusCount) {
    statusCount = { status: job.status, count: 0, eligible: 0 };
    service.statuses.set(job.status, statusCount);
    const { statuses } = service.plan;
    statuses[statuses.length] = statusCount;
  }
  statusCount.count++;
  if (verdict.eligible) statusCount.eligible++;
  count(tally.plan, verdict.eligible, running);
  count(service.plan, verdict.eligible, running);
}

type Verdict = ReturnType<typeof eligibility>;

interface ServerTally {
  plan: ServerPlan;
  services: Map<string, ServiceTally>;
  /** The verdict of this server's jobs when its profile is unknown. */
  unknown?: Verdict;
}

/**
 * A job of the plan: the fields a plan keeps (not whatever else the caller's object carries) and its
 * verdict. Every field is set by the one literal, those the job lacks as undefined (JSON and the readers
 * leave them out): a shape made by adding fields one by one dies with the run's plan, and the compiled
 * planner (and everything that read plan jobs) was thrown away with it and compiled again for each run.
 */
function plannedJob(job: BulkJob, verdict: Verdict): PlannedJob {
  return {
    profileId: job.profileId,
    service: job.service,
    jobId: job.jobId,
    status: job.status,
    eligible: verdict.eligible,
    skipReason: verdict.skipReason,
    submittedTime: job.submittedTime,
    endTime: job.endTime,
    username: job.username,
    machinename: job.machinename,
  };
}

interface ServiceTally {
  plan: ServicePlan;
  statuses: Map<string, ServicePlan['statuses'][number]>;
  /** Job ids seen for this service, to drop duplicates. */
  jobIds: Set<string>;
}

function count(bucket: ServerPlan | ServicePlan, eligible: boolean, running: boolean): void {
  bucket.total++;
  if (eligible) bucket.eligible++;
  else bucket.skipped++;
  if (running) bucket.running++;
}

/** Above this many jobs a bulk action needs the count typed to confirm, in the app and the CLI alike. */
export const TYPED_CONFIRMATION_THRESHOLD = 100;

/** Whether confirming the plan needs the job count typed (production servers, or many jobs). */
export function needsTypedConfirmation(plan: Pick<BulkPlan, 'eligible' | 'productionServers'>): boolean {
  return plan.productionServers.length > 0 || plan.eligible > TYPED_CONFIRMATION_THRESHOLD;
}
