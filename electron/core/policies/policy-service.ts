/**
 * Clean-up policies as the app and `gpjobs` use them: the stored policies, a preview (a fresh listing of
 * the policy's servers, its plan by server, service and status, and whether it is over the policy's cap),
 * and a run of exactly the previewed jobs, which is an ordinary bulk run tagged with the policy's name in
 * the audit log (so history, export and retry treat it like any other run).
 */
import { randomUUID } from 'node:crypto';
import type { JobsDirectory } from '../arcgis';
import type { AuditRunInfo } from '../audit/audit-reader';
import type { BulkPlan, BulkProgressEvent, BulkRun } from '../bulk';
import { managedSettingsPath } from '../service/audit-service';
import type { JobAdminService } from '../service/job-admin-service';
import type { AppError, JobRef, ProfileEntry, Result } from '../types';
import { err, ok } from '../types';
import { compilePolicy } from './compile';
import type { ServerRetention } from './retention';
import type { RetentionPlan, RetentionWish } from './retention-change';
import type { RetentionFrom } from '../../shared/views';
import {
  changedSincePreview,
  planRetentionChange,
  recordRetentionChange,
  retentionChangesForbidden,
} from './retention-change';
import { retentionLine } from './retention';
import type { PolicyEntry } from './schema';
import { PolicyStore, managedPoliciesPath } from './store';

/** What a policy would touch now, and what could not be looked at. */
export interface PolicyPreview {
  /** Pass to `start` to run exactly these jobs. */
  id: string;
  policy: PolicyEntry;
  /** When the listing was made (epoch ms). */
  at: number;
  /** Servers covered and listed. */
  servers: string[];
  /** Servers left out because they are production servers and the policy does not include them. */
  skippedProduction: string[];
  /** Servers or services that could not be listed (their jobs are not in the plan). */
  problems: Array<{ server: string; service?: string; error: AppError }>;
  /** Services listed only in part. */
  warnings: string[];
  plan: BulkPlan;
  /** Why the plan must not run: more jobs than the policy's cap. Null when it may. */
  overCap: string | null;
}

/** Options of `PolicyService`. */
export interface PolicyServiceOptions {
  configDir: string;
  /** The managed profiles file (IT's policies live next to it), or null. */
  managedProfilesPath: string | null;
  now?: () => number;
}

const KEPT_PREVIEWS = 20;

/** See the module comment. */
export class PolicyService {
  readonly store: PolicyStore;
  private readonly previews = new Map<string, { preview: PolicyPreview; planId: string }>();
  private readonly now: () => number;
  private readonly configDir: string;
  /** IT's managed settings file (next to the managed profiles file), or null. */
  private readonly managedSettings: string | null;

  constructor(
    private readonly jobs: JobAdminService,
    options: PolicyServiceOptions,
  ) {
    this.store = new PolicyStore(options.configDir, managedPoliciesPath(options.managedProfilesPath));
    this.now = options.now ?? Date.now;
    this.configDir = options.configDir;
    this.managedSettings = managedSettingsPath(options.managedProfilesPath);
  }

  /** The servers policy `name` covers now (to prepare their passwords before a preview). */
  async coveredProfiles(name: string): Promise<Result<ProfileEntry[]>> {
    const found = await this.store.get(name);
    if (!found.ok) return found;
    const listed = await this.jobs.profiles.list();
    if (!listed.ok) return listed;
    const compiled = compilePolicy(found.value, listed.value, this.now());
    return compiled.ok ? ok(compiled.value.profiles) : compiled;
  }

  /**
   * Lists the policy's servers now and plans its action over the matching jobs. Servers in `unusable`
   * (no password for this run, say) are not listed; they are reported with their reason.
   */
  async preview(
    name: string,
    unusable: ReadonlyMap<string, AppError> = new Map(),
  ): Promise<Result<PolicyPreview>> {
    const found = await this.store.get(name);
    if (!found.ok) return found;
    const policy = found.value;
    const listed = await this.jobs.profiles.list();
    if (!listed.ok) return listed;
    const at = this.now();
    const compiled = compilePolicy(policy, listed.value, at);
    if (!compiled.ok) return compiled;
    const c = compiled.value;
    const results = await Promise.all(
      c.profiles.map(async (p) => {
        const missing = unusable.get(p.id);
        if (missing) return { p, r: err<never>(missing) };
        const r = await this.jobs.listJobs(p.id, c.query, { services: c.lists });
        return { p, r };
      }),
    );
    const refs: JobRef[] = [];
    const problems: PolicyPreview['problems'] = [];
    const warnings: string[] = [];
    for (const { p, r } of results) {
      if (!r.ok) {
        problems.push({ server: p.name, error: r.error });
        continue;
      }
      for (const job of r.value.jobs) {
        if (c.matches(job))
          refs.push({ profileId: job.profileId, service: job.service, jobId: job.jobId, status: job.status });
      }
      for (const f of r.value.failures) problems.push({ server: p.name, service: f.service, error: f.error });
      for (const w of r.value.warnings) warnings.push(`${p.name}, ${w.service}: ${w.message}`);
    }
    // Held by the bulk service: start runs exactly this plan, or refuses it once it went stale.
    const planned = await this.jobs.bulk.prepare(policy.action, refs);
    if (!planned.ok) return planned;
    const { plan, planId } = planned.value;
    const overCap =
      plan.eligible > policy.maxJobs
        ? `Policy "${policy.name}" would ${policy.action} ${plan.eligible} jobs, more than its cap of ` +
          `${policy.maxJobs}: refused, nothing was sent. Check its filters, or raise its maximum (maxJobs).`
        : null;
    const preview: PolicyPreview = {
      id: randomUUID(),
      policy,
      at,
      servers: c.profiles.map((p) => p.name),
      skippedProduction: c.skippedProduction,
      problems,
      warnings,
      plan,
      overCap,
    };
    this.previews.set(preview.id, { preview, planId });
    for (const [key, old] of this.previews) {
      if (this.previews.size <= KEPT_PREVIEWS) break;
      this.previews.delete(key);
      this.jobs.bulk.discard(old.planId);
    }
    return ok(preview);
  }

  /** Runs exactly the jobs of preview `id` (refused over the cap); the run is tagged with the policy's name. */
  async start(
    id: string,
    options: { onProgress?: (event: BulkProgressEvent) => void } = {},
  ): Promise<Result<BulkRun>> {
    const held = this.previews.get(id);
    if (!held)
      return err({ kind: 'not-found', message: 'That preview is no longer held: preview the policy again.' });
    const { preview, planId } = held;
    if (preview.overCap) return err({ kind: 'invalid-input', message: preview.overCap });
    this.previews.delete(id);
    return this.jobs.bulk.start(planId, {
      policy: preview.policy.name,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }

  /** How long the server keeps finished jobs (its jobs directory's clean-up), in a sentence. */
  async retention(profileId: string): Promise<Result<ServerRetention>> {
    const client = await this.jobs.client(profileId);
    if (!client.ok) return client;
    const dir = await client.value.jobsDirectory();
    return dir.ok ? ok(retentionLine(dir.value)) : dir;
  }

  /**
   * Why IT forbids changing how long servers keep jobs (the managed settings), or null when allowed. Reads
   * only that local file, so a caller checks it before any keychain read or password prompt.
   */
  retentionChangesForbidden(): Promise<AppError | null> {
    return retentionChangesForbidden(this.managedSettings);
  }

  /**
   * Plans a change of how long server `profileId` keeps finished jobs: refused when IT forbids it (before
   * any request), otherwise what the server reports now and what it will be (see retention-change.ts).
   * The edit is built from the jobs directory read here (`wish` may keep its age), so one read serves both.
   * With `previewed` (what a preview showed), a server whose directory changed since is refused
   * (see changedSincePreview): every apply that follows a preview goes through here.
   */
  async planRetention(
    profileId: string,
    wish: RetentionWish,
    previewed?: RetentionFrom,
  ): Promise<Result<RetentionPlan>> {
    const forbidden = await this.retentionChangesForbidden();
    if (forbidden) return err(forbidden);
    const profile = await this.jobs.profile(profileId);
    if (!profile.ok) return profile;
    const client = await this.jobs.client(profileId);
    if (!client.ok) return client;
    const dir = await client.value.jobsDirectory();
    if (!dir.ok) return dir;
    const plan = planRetentionChange(profile.value, dir.value, wish);
    const stale = previewed ? changedSincePreview(plan, previewed) : null;
    return stale ? err(stale) : ok(plan);
  }

  /** Applies a planned retention change and records it; returns the record file. */
  async applyRetention(plan: RetentionPlan): Promise<Result<string>> {
    const forbidden = await this.retentionChangesForbidden();
    if (forbidden) return err(forbidden);
    const client = await this.jobs.client(plan.profile.id);
    if (!client.ok) return client;
    const edited = await client.value.editJobsDirectory(plan.directory, plan.change);
    const recorded = await recordRetentionChange(this.configDir, plan, edited, this.now());
    if (!edited.ok) return edited;
    return recorded;
  }

  /** Asks server `profileId` to remove its expired jobs now (the jobs directory's `clean`). */
  async sweepNow(profileId: string): Promise<Result<JobsDirectory>> {
    const client = await this.jobs.client(profileId);
    if (!client.ok) return client;
    const dir = await client.value.jobsDirectory();
    if (!dir.ok) return dir;
    const cleaned = await client.value.cleanJobsDirectory(dir.value.name);
    return cleaned.ok ? ok(dir.value) : cleaned;
  }

  /** The latest run of each policy in the audit log, by policy name (lower-cased). */
  async lastRuns(): Promise<Map<string, AuditRunInfo>> {
    const runs = await this.jobs.bulk.listRuns();
    const last = new Map<string, AuditRunInfo>();
    for (const run of runs) {
      const key = run.policy?.toLowerCase();
      if (key !== undefined && !last.has(key)) last.set(key, run);
    }
    return last;
  }
}
