/**
 * Bulk runs against real simulators over HTTPS through the real ArcGIS client: a fleet of simulated
 * servers, their profiles and operations, and checks of reported results against each simulator's state.
 */
import { randomUUID } from 'node:crypto';
import { expect, onTestFinished } from 'vitest';
import type { Simulator, SimOptions } from '../../arcgis-sim';
import { startSimulator } from '../../arcgis-sim';
import { ArcGisClient } from '../../../electron/core/arcgis/client';
import type { NodeFetch } from '../../../electron/core/arcgis/transport';
import { createNodeFetch } from '../../../electron/core/arcgis';
import { jobOperationsFrom } from '../../../electron/core/bulk/client-operations';
import type { BulkRunOptions } from '../../../electron/core/bulk/runner';
import { startBulkRun } from '../../../electron/core/bulk/runner';
import { CHECK_ATTEMPTS } from '../../../electron/core/bulk/job-task';
import type {
  BulkJob,
  BulkProfile,
  BulkRunSummary,
  JobOperations,
  JobResult,
} from '../../../electron/core/bulk/types';
import type { Profile } from '../../../electron/core/types';
import { ok } from '../../../electron/core/types';
import { profileFor } from '../client/helpers';

/** Fast retries and cool-downs for tests (real timers, short waits). */
export const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100 };
export const FAST_BREAKER = { threshold: 5, cooldownMs: 50, maxProbes: 2 };

/**
 * Requests one job can cause at most: two rounds of (4 tries, a check after each of the first 3 tries with
 * an unknown outcome, and a final check; each check up to CHECK_ATTEMPTS), each possibly re-sent once on 498.
 */
export const MAX_REQUESTS_PER_JOB =
  2 * (FAST_RETRY.maxAttempts + FAST_RETRY.maxAttempts * CHECK_ATTEMPTS) * 2;

/** Counts calls made through an operations object, and those started after a moment of interest. */
export class CountingOps implements JobOperations {
  calls = 0;
  inFlight = 0;
  private watchers: Array<{ test: () => boolean; resolve: () => void }> = [];

  constructor(private readonly inner: JobOperations) {}

  deleteJob(service: string, jobId: string, signal: AbortSignal) {
    return this.track(() => this.inner.deleteJob(service, jobId, signal));
  }
  cancelJob(service: string, jobId: string, signal: AbortSignal) {
    return this.track(() => this.inner.cancelJob(service, jobId, signal));
  }
  getJob(service: string, jobId: string, signal: AbortSignal) {
    return this.track(() => this.inner.getJob(service, jobId, signal));
  }

  /** Resolves once `test` holds (checked whenever a call starts or ends). */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ test, resolve }));
  }

  private async track<T>(call: () => Promise<T>): Promise<T> {
    this.calls++;
    this.inFlight++;
    this.changed();
    try {
      return await call();
    } finally {
      this.inFlight--;
      this.changed();
    }
  }

  private changed(): void {
    this.watchers = this.watchers.filter((w) => (w.test() ? (w.resolve(), false) : true));
  }
}

/** One simulated server with its profile, client and operations. */
export interface SimServer {
  sim: Simulator;
  profile: Profile;
  ops: CountingOps;
  /** The real client behind `ops`, for listing. */
  client: ArcGisClient;
}

/** What each server of a fleet is like. */
export interface ServerSpec extends SimOptions {
  concurrency?: number;
  /** Client timeout per request (default 5 s). */
  timeoutMs?: number;
}

/** Several simulators at once, each with a profile and the real client. */
export class SimFleet {
  private readonly fetches: NodeFetch[] = [];
  readonly servers: SimServer[] = [];

  /** Starts one simulator per spec (jobs never finish on their own, so statuses stay put). */
  static async start(specs: ServerSpec[]): Promise<SimFleet> {
    const fleet = new SimFleet();
    const sims = await Promise.all(
      specs.map((spec, i) =>
        startSimulator({ seed: 100 + i, jobDurationMs: Infinity, services: 3, ...spec }),
      ),
    );
    sims.forEach((sim, i) => fleet.add(sim, specs[i]!, i));
    return fleet;
  }

  /** {@link SimFleet.start} for one test: the fleet is closed when the test finishes. */
  static async forTest(specs: ServerSpec[]): Promise<SimFleet> {
    const fleet = await SimFleet.start(specs);
    onTestFinished(() => fleet.close());
    return fleet;
  }

  private add(sim: Simulator, spec: ServerSpec, i: number): void {
    const profile = profileFor(sim, {
      id: `p${i}-${randomUUID().slice(0, 8)}`,
      name: `Sim ${String.fromCharCode(65 + i)}`,
      concurrency: spec.concurrency ?? 4,
    });
    const fetchFn = createNodeFetch(profile);
    this.fetches.push(fetchFn);
    const client = new ArcGisClient(profile, {
      fetch: fetchFn,
      getPassword: async () => ok(sim.password),
      timeoutMs: spec.timeoutMs ?? 5_000,
    });
    this.servers.push({ sim, profile, client, ops: new CountingOps(jobOperationsFrom(client)) });
  }

  server(i: number): SimServer {
    return this.servers[i]!;
  }

  profiles(): BulkProfile[] {
    return this.servers.map((s) => s.profile);
  }

  operations(): Map<string, JobOperations> {
    return new Map(this.servers.map((s) => [s.profile.id, s.ops]));
  }

  /** Every job of every simulator, as the job list would show them. */
  jobs(): BulkJob[] {
    return this.servers.flatMap(({ sim, profile }) =>
      sim.jobs().map((j) => ({
        profileId: profile.id,
        service: j.service,
        jobId: j.jobId,
        status: j.status,
        submittedTime: j.submittedTime,
        endTime: j.endTime,
        username: j.username,
        machinename: j.machinename,
      })),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.fetches.splice(0).map((f) => f.close()));
    await Promise.all(this.servers.map((s) => s.sim.close()));
  }
}

/** A bulk delete of `jobs` on the fleet with fast retries and cool-downs (options may override). */
export function deleteOnFleet(
  fleet: SimFleet,
  jobs: BulkJob[],
  extra: Partial<BulkRunOptions> = {},
): Promise<BulkRunSummary> {
  return startBulkRun({
    jobs,
    action: 'delete',
    profiles: fleet.profiles(),
    operations: fleet.operations(),
    retry: FAST_RETRY,
    breaker: FAST_BREAKER,
    ...extra,
  }).done;
}

/** The results of one server. */
export function resultsOf(results: JobResult[], server: SimServer): JobResult[] {
  return results.filter((r) => r.profileId === server.profile.id);
}

/** Whether a failed result says the server may have acted (an abort or unanswerable request in flight). */
export function isAmbiguous(r: JobResult): boolean {
  return r.outcome === 'failed' && (r.kind === 'aborted' || /may (still )?have/.test(r.message ?? ''));
}

/**
 * Checks reported results against the simulators, job by job: exactly one result per planned job; deleted
 * and already-gone jobs are gone; failed and skipped jobs are still there (except failures that say the
 * server may have acted, which may be either).
 */
export function expectTruth(results: JobResult[], planned: BulkJob[], fleet: SimFleet): void {
  const seen = new Set<string>();
  for (const r of results) {
    const key = `${r.profileId}/${r.service}/${r.jobId}`;
    expect(seen.has(key), `two results for ${key}`).toBe(false);
    seen.add(key);
  }
  expect(seen.size).toBe(planned.length);
  for (const job of planned) expect(seen.has(`${job.profileId}/${job.service}/${job.jobId}`)).toBe(true);
  const byProfile = new Map(fleet.servers.map((s) => [s.profile.id, s.sim]));
  for (const r of results) {
    const exists = byProfile.get(r.profileId)!.getJob(r.service, r.jobId) !== undefined;
    const where = `${r.jobId}: ${r.outcome} ${r.message ?? ''}`;
    if (r.outcome === 'deleted' || r.outcome === 'already-gone') expect(exists, where).toBe(false);
    else if (!isAmbiguous(r)) expect(exists, where).toBe(true);
  }
}

const JOB_PATH = /\/jobs\/([^/?]+)(?:\/(?:delete|cancel))?(?:\?|$)/;

/** The most requests the simulator received for any one job. */
export function maxRequestsForOneJob(sim: Simulator): number {
  const counts = new Map<string, number>();
  for (const r of sim.requests) {
    const id = JOB_PATH.exec(r.url)?.[1];
    if (id && id !== 'query' && id !== 'statistics') counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}

/** Counts results per outcome. */
export function tally(results: JobResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[r.outcome] = (out[r.outcome] ?? 0) + 1;
  return out;
}
