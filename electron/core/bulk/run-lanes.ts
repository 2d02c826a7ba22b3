/**
 * A run's servers and their lanes: the plan's servers with any per-run concurrency override applied, each
 * server's eligible jobs (those with a connection) in plan order, and one `ServerLane` per server.
 */
import { clampConcurrency } from './plan';
import { ServerLane } from './server-lane';
import type { LaneDeps } from './server-lane';
import type { BulkPlan, JobOperations, ServerPlan, ServerProgress } from './types';

/** What every lane of a run shares (each gets its own server, jobs and job context). */
export type SharedLaneDeps = Omit<LaneDeps, 'server' | 'planJobs' | 'indices' | 'context'> & {
  /** The context the jobs of `server` run with (built once per lane). */
  context: (server: ServerPlan) => LaneDeps['context'];
};

/** The servers of a run and their lanes. */
export class RunLanes {
  /** The plan's servers, in plan order, with the run's concurrency. */
  readonly servers: readonly ServerPlan[];
  private readonly serverIndex: ReadonlyMap<string, number>;
  private readonly lanes: readonly ServerLane[];

  constructor(
    private readonly plan: BulkPlan,
    operations: ReadonlyMap<string, JobOperations>,
    concurrency: Readonly<Record<string, number>> | undefined,
    shared: SharedLaneDeps,
  ) {
    this.servers = plan.servers.map((s) => {
      const wanted = concurrency?.[s.profileId];
      return wanted === undefined ? s : { ...s, concurrency: clampConcurrency(wanted) };
    });
    this.serverIndex = new Map(this.servers.map((s, i) => [s.profileId, i]));
    // Each server's eligible jobs as plan indices, in plan order, grouped in one pass (appended by index,
    // not by `push`: see planBulk's `planned`).
    const laneJobs = this.servers.map((): number[] => []);
    plan.jobs.forEach((job, index) => {
      if (!job.eligible || !operations.has(job.profileId)) return;
      const list = laneJobs[this.serverIndex.get(job.profileId)!]!;
      list[list.length] = index;
    });
    this.lanes = this.servers.map(
      (server, i) =>
        new ServerLane({
          // Field by field, not a spread of `shared`: a literal's shape lives as long as the code (a
          // spread's dies with the run, and the lane's compiled code with it).
          server,
          planJobs: plan.jobs,
          indices: laneJobs[i]!,
          control: shared.control,
          sleep: shared.sleep,
          context: shared.context(server),
          writeAhead: shared.writeAhead,
          breaker: shared.breaker,
          record: shared.record,
          failFast: shared.failFast,
          onStateChange: shared.onStateChange,
        }),
    );
  }

  /** The server job `index` belongs to. */
  serverOf(index: number): ServerPlan {
    return this.servers[this.serverIndex.get(this.plan.jobs[index]!.profileId)!]!;
  }

  /** Counts job `index` as done on its server without running it (skipped, unreachable, not started). */
  countDone(index: number): void {
    this.lanes[this.serverIndex.get(this.plan.jobs[index]!.profileId)!]!.countDone();
  }

  /** Runs every lane at once; resolves when each has emptied its queue. */
  async run(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.run()));
  }

  /** Each server's progress, in plan order. */
  progress(): ServerProgress[] {
    return this.lanes.map((lane, i) => lane.progress(this.servers[i]!.total));
  }
}
