/**
 * Plans awaiting confirmation, held under an id so the run that follows is exactly the plan the user saw:
 * the app and the CLI plan once, show that plan, and start it by id. A held plan is given out once; it
 * expires after a while, and it is refused as stale when what it was made from has changed: one of its
 * jobs was listed again with another status or is no longer listed, or one of its servers was removed or
 * now points elsewhere (another URL, or production switched). The user then plans again and sees why.
 */
import crypto from 'node:crypto';
import type { AppError, Result } from '../types';
import { err, ok } from '../types';
import type { BulkJob, BulkPlan, BulkProfile, PlannedJob } from './types';

/** A plan held for confirmation. */
export interface HeldPlan {
  planId: string;
  plan: BulkPlan;
}

/** What the registry compares a held plan against: the jobs and profiles as they are now. */
export interface PlanSources {
  /** The job as its server last listed it, or undefined when it is not (or no longer) listed. */
  find(job: Pick<BulkJob, 'profileId' | 'service' | 'jobId'>): Pick<BulkJob, 'status'> | undefined;
  profiles: readonly BulkProfile[];
  /**
   * A token of a server's listing that changes whenever `find` could answer differently for that server;
   * when given, a server whose token is the same at the start as when planned has its jobs' re-check
   * skipped (looking up 100,000 jobs again costs about as much as planning them).
   */
  generation?(profileId: string): unknown;
}

/** Options of the registry (the defaults suit the app; tests shorten them). */
export interface PlanRegistryOptions {
  /** How long a plan may wait for confirmation. */
  ttlMs?: number;
  /** How many plans are held at once; the oldest goes first (a 100,000-job plan is large). */
  capacity?: number;
  now?: () => number;
}

/** A plan waits at most this long for its confirmation. */
export const PLAN_TTL_MS = 30 * 60_000;
const CAPACITY = 8;

interface Entry {
  plan: BulkPlan;
  heldAt: number;
  /** Whether each planned job (same order as plan.jobs) was in its server's listing when planned. */
  listed: readonly boolean[];
  /** Each server's profile as planned: `serverUrl|production`, or null for an unknown profile. */
  servers: Map<string, string | null>;
  /** Each server's listing token when planned (see `PlanSources.generation`), when the sources have them. */
  generations: Map<string, unknown> | null;
}

/** See the module comment. */
export class PlanRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(options: PlanRegistryOptions = {}) {
    this.ttlMs = options.ttlMs ?? PLAN_TTL_MS;
    this.capacity = options.capacity ?? CAPACITY;
    this.now = options.now ?? Date.now;
  }

  /**
   * Holds `plan`, made from `sources` as they are now, and returns its id. `listed`, when the planner
   * already looked every job up, says which were listed (same order as plan.jobs), saving a second look.
   */
  hold(plan: BulkPlan, sources: PlanSources, listed?: readonly boolean[]): HeldPlan {
    this.expire();
    while (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    const profiles = profileMarks(sources.profiles);
    const servers = new Map(plan.servers.map((s) => [s.profileId, profiles.get(s.profileId) ?? null]));
    if (listed?.length !== plan.jobs.length) listed = plan.jobs.map((job) => sources.find(job) !== undefined);
    const planId = crypto.randomUUID();
    const generations = sources.generation
      ? new Map(plan.servers.map((s) => [s.profileId, sources.generation!(s.profileId)]))
      : null;
    this.entries.set(planId, { plan, heldAt: this.now(), listed, servers, generations });
    return { planId, plan };
  }

  /**
   * Gives out the held plan `planId` once, if it still holds against `sources`; otherwise says why it
   * cannot run (unknown, already started, expired, or stale) and forgets it.
   */
  take(planId: string, sources: PlanSources): Result<BulkPlan> {
    this.expire();
    const entry = this.entries.get(planId);
    this.entries.delete(planId);
    if (!entry) return err(planError('This plan was already started, discarded or has expired'));
    const stale = staleness(entry, sources);
    return stale ? err(planError(stale)) : ok(entry.plan);
  }

  /** Forgets a plan the user did not confirm; false when it was not held. */
  discard(planId: string): boolean {
    return this.entries.delete(planId);
  }

  private expire(): void {
    const oldest = this.now() - this.ttlMs;
    for (const [id, entry] of this.entries) if (entry.heldAt < oldest) this.entries.delete(id);
  }
}

function planError(why: string): AppError {
  return {
    kind: 'invalid-input',
    message: `${why}. Nothing was changed; the action has to be planned again.`,
  };
}

function profileMarks(profiles: readonly BulkProfile[]): Map<string, string> {
  return new Map(profiles.map((p) => [p.id, `${p.serverUrl ?? ''}|${p.production}`]));
}

/** Why a held plan no longer describes what a run would do, or null when it still does. */
function staleness(entry: Entry, sources: PlanSources): string | null {
  const profiles = profileMarks(sources.profiles);
  for (const server of entry.plan.servers) {
    const was = entry.servers.get(server.profileId) ?? null;
    if (was !== null && profiles.get(server.profileId) !== was)
      return `The server ${server.name} was removed or edited after this plan was made`;
  }
  // Servers listed again (or forgotten) since the plan was made: only their jobs can have changed.
  const { generations } = entry;
  const relisted = new Set(
    entry.plan.servers
      .map((s) => s.profileId)
      .filter((id) => !generations || !sources.generation || sources.generation(id) !== generations.get(id)),
  );
  if (relisted.size === 0) return null;
  let changed = 0;
  let example: PlannedJob | undefined;
  entry.plan.jobs.forEach((job, i) => {
    if (!relisted.has(job.profileId)) return;
    const now = sources.find(job);
    if (now ? now.status !== job.status : entry.listed[i]) {
      changed++;
      example ??= job;
    }
  });
  if (!example) return null;
  const server =
    entry.plan.servers.find((s) => s.profileId === example!.profileId)?.name ?? example.profileId;
  const others = changed > 1 ? ` and ${changed - 1} other job${changed > 2 ? 's' : ''}` : '';
  return `Job ${example.jobId} on ${server}${others} changed on the server after this plan was made (the jobs were listed again)`;
}
