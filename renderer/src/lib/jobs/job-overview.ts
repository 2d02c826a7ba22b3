/**
 * Job counts by status per server and per service, for the overview chart: the pile-up is visible
 * before the table is read. One pass over the jobs; statuses come out in lifecycle order.
 */
import { STATUS_ORDER, type Job } from './job-types';

/** How many jobs have one status. */
export interface StatusSegment {
  status: string;
  count: number;
}

/** Counts of a group of jobs: the total and one segment per status present, in lifecycle order. */
export interface StatusCounts {
  total: number;
  segments: StatusSegment[];
}

/** One service's counts on one server. */
export interface ServiceCounts extends StatusCounts {
  service: string;
}

/** One server's counts, with its services by descending total. */
export interface ServerCounts extends StatusCounts {
  profileId: string;
  services: ServiceCounts[];
}

const STATUS_RANK = new Map<string, number>(STATUS_ORDER.map((s, i) => [s, i]));

function byLifecycle(a: string, b: string): number {
  const ra = STATUS_RANK.get(a) ?? STATUS_ORDER.length;
  const rb = STATUS_RANK.get(b) ?? STATUS_ORDER.length;
  return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
}

function toCounts(byStatus: Map<string, number>): StatusCounts {
  let total = 0;
  const segments: StatusSegment[] = [];
  for (const status of [...byStatus.keys()].sort(byLifecycle)) {
    const count = byStatus.get(status)!;
    total += count;
    segments.push({ status, count });
  }
  return { total, segments };
}

function bump(map: Map<string, number>, status: string): void {
  map.set(status, (map.get(status) ?? 0) + 1);
}

type ServerTally = { byStatus: Map<string, number>; services: Map<string, Map<string, number>> };

/**
 * Counts by server, service and status that grow with the jobs: a streamed listing's batches are added as
 * they arrive, so the overview of a million jobs costs each batch its own size instead of a recount.
 */
export class StatusTally {
  readonly #servers = new Map<string, ServerTally>();

  /** A new tally: these counts plus `jobs` from index `from` on (this one is left as it is). */
  plus(jobs: readonly Job[], from: number): StatusTally {
    const next = new StatusTally();
    const servers = next.#servers;
    for (const [id, s] of this.#servers)
      servers.set(id, {
        byStatus: new Map(s.byStatus),
        services: new Map([...s.services].map(([name, counts]) => [name, new Map(counts)])),
      });
    for (let i = from; i < jobs.length; i++) {
      const job = jobs[i]!;
      let server = servers.get(job.profileId);
      if (!server) servers.set(job.profileId, (server = { byStatus: new Map(), services: new Map() }));
      bump(server.byStatus, job.status);
      let service = server.services.get(job.service);
      if (!service) server.services.set(job.service, (service = new Map()));
      bump(service, job.status);
    }
    return next;
  }

  /**
   * The counts per server and service. Servers in `profileOrder` come first in that order (even with no
   * jobs, so an empty server reads as empty rather than missing), then any other server in first-seen order.
   */
  counts(profileOrder: readonly string[] = []): ServerCounts[] {
    const empty: ServerTally = { byStatus: new Map(), services: new Map() };
    const ids = new Set([...profileOrder, ...this.#servers.keys()]);
    return [...ids].map((profileId) => {
      const s = this.#servers.get(profileId) ?? empty;
      return {
        profileId,
        ...toCounts(s.byStatus),
        services: [...s.services]
          .map(([service, byStatus]) => ({ service, ...toCounts(byStatus) }))
          .sort((a, b) => b.total - a.total || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0)),
      };
    });
  }
}

/** Counts per server and service of `jobs` at once (see StatusTally.counts for the order). */
export function countStatuses(jobs: readonly Job[], profileOrder: readonly string[] = []): ServerCounts[] {
  return new StatusTally().plus(jobs, 0).counts(profileOrder);
}

/** Every status present in the overview, in lifecycle order: the chart's legend. */
export function legendStatuses(servers: readonly ServerCounts[]): string[] {
  return legendTotals(servers).map((t) => t.status);
}

/** Every status present with its count over all servers, in lifecycle order: the legend's numbers. */
export function legendTotals(servers: readonly ServerCounts[]): StatusSegment[] {
  const counts = new Map<string, number>();
  for (const s of servers)
    for (const seg of s.segments) counts.set(seg.status, (counts.get(seg.status) ?? 0) + seg.count);
  return [...counts.keys()].sort(byLifecycle).map((status) => ({ status, count: counts.get(status)! }));
}

/** The largest server total, the 100% width every bar is scaled against (at least 1). */
export function maxTotal(servers: readonly ServerCounts[]): number {
  return servers.reduce((m, s) => Math.max(m, s.total), 1);
}
