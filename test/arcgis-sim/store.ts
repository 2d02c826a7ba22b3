/**
 * The jobs of every service, indexed per service so that `jobs/query` on a 100,000-job site stays fast:
 * a map by id, an array sorted by submittedTime (binary-searched by time range), per-status counts,
 * the set of active jobs, and a memo of the last query's matches (valid until the service changes).
 */
import type { ServiceDef } from './catalog';
import type { SimJob } from './types';

/** Statuses a job leaves only by deletion. */
export const TERMINAL_STATUSES = new Set([
  'esriJobSucceeded',
  'esriJobFailed',
  'esriJobTimedOut',
  'esriJobCancelled',
  'esriJobDeleted',
]);

/**
 * The statuses `jobs/query` documents for `jobStatus`; any other value (TimedOut, Deleting, Deleted) is
 * refused with code 400, so a client that sends one is caught.
 */
export const QUERY_STATUSES = new Set([
  'esriJobNew',
  'esriJobSubmitted',
  'esriJobWaiting',
  'esriJobExecuting',
  'esriJobCancelling',
  'esriJobCancelled',
  'esriJobSucceeded',
  'esriJobFailed',
]);

/** A job as stored: a SimJob's own fields, its service's state instead of its id, and no messages. */
export interface JobRec extends Omit<SimJob, 'service' | 'messages'> {
  svc: ServiceState;
  /** Submitted through submitJob: it occupies a worker and moves on its own. */
  managed: boolean;
  removed: boolean;
}

/** A service and its job indexes. */
export interface ServiceState {
  def: ServiceDef;
  jobs: Map<string, JobRec>;
  sorted: JobRec[];
  dead: number;
  version: number;
  counts: Map<string, number>;
  active: Set<JobRec>;
  /** Managed jobs executing or cancelling, i.e. holding a worker. */
  running: number;
  /** Managed jobs waiting for a worker, oldest first. */
  queue: JobRec[];
  memo: { key: string; version: number; matches: JobRec[] } | null;
}

/** Server-side filters of jobs/query. `endTime` null means "now". */
export interface JobFilter {
  startTime: number;
  endTime: number | null;
  status?: string;
  userName?: string;
  machineName?: string;
}

type Listener = (job: JobRec, previous: string | null) => void;

function lowerBound(list: JobRec[], time: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.submittedTime < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Lookup key of a service from its admin path parts. */
export function serviceKey(folder: string, name: string, type: string): string {
  return `${folder}/${name}.${type}`.toLowerCase();
}

/** All jobs of the site, with indexes per service. */
export class JobStore {
  readonly services: ServiceState[];
  private readonly byKey = new Map<string, ServiceState>();
  private readonly listeners = new Set<Listener>();

  constructor(
    defs: ServiceDef[],
    private readonly clock: () => number,
  ) {
    this.services = defs.map((def) => ({
      def,
      jobs: new Map(),
      sorted: [],
      dead: 0,
      version: 0,
      counts: new Map(),
      active: new Set(),
      running: 0,
      queue: [],
      memo: null,
    }));
    for (const s of this.services) this.byKey.set(serviceKey(s.def.folder, s.def.name, s.def.type), s);
  }

  /** A service by folder, name and type (case-insensitive, like the server's URLs). */
  find(folder: string, name: string, type: string): ServiceState | undefined {
    return this.byKey.get(serviceKey(folder, name, type));
  }

  /** A service by id: 'Folder/Name' is a GP service; 'Folder/Name.MapServer' (any type suffix) another. */
  byId(id: string): ServiceState | undefined {
    const typed = /^(.*)\.([A-Za-z]+Server)$/.exec(id);
    const clean = typed ? typed[1]! : id;
    const slash = clean.lastIndexOf('/');
    return this.find(
      slash < 0 ? '' : clean.slice(0, slash),
      clean.slice(slash + 1),
      typed?.[2] ?? 'GPServer',
    );
  }

  /** Subscribes to status changes (additions report previous = null). */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds jobs in bulk without notifying (seeding); sorts each touched service once. */
  seed(jobs: JobRec[]): void {
    for (const job of jobs) this.index(job);
    for (const s of this.services) s.sorted.sort((a, b) => a.submittedTime - b.submittedTime);
  }

  /** Adds one job and notifies. */
  add(job: JobRec): void {
    const list = job.svc.sorted;
    const last = list[list.length - 1];
    this.index(job);
    if (last && last.submittedTime > job.submittedTime) {
      list.pop();
      let at = lowerBound(list, job.submittedTime);
      while (at < list.length && list[at]!.submittedTime === job.submittedTime) at++;
      list.splice(at, 0, job);
    }
    this.emit(job, null);
  }

  private index(job: JobRec): void {
    const s = job.svc;
    s.jobs.set(job.jobId, job);
    s.sorted.push(job);
    this.count(s, job.status, 1);
    if (!TERMINAL_STATUSES.has(job.status)) s.active.add(job);
    s.version++;
  }

  private count(s: ServiceState, status: string, delta: number): void {
    s.counts.set(status, (s.counts.get(status) ?? 0) + delta);
  }

  /** Moves a job to a status; terminal statuses get an endTime. */
  setStatus(job: JobRec, status: string): void {
    const previous = job.status;
    if (previous === status) return;
    const s = job.svc;
    this.count(s, previous, -1);
    this.count(s, status, 1);
    job.status = status;
    if (TERMINAL_STATUSES.has(status)) {
      job.endTime = this.clock();
      s.active.delete(job);
    } else {
      job.endTime = null;
      s.active.add(job);
    }
    s.version++;
    this.emit(job, previous);
  }

  /** Removes a job from every index ("disappears everywhere"). */
  remove(job: JobRec): void {
    const s = job.svc;
    if (job.removed) return;
    job.removed = true;
    s.jobs.delete(job.jobId);
    s.active.delete(job);
    this.count(s, job.status, -1);
    s.dead++;
    s.version++;
    if (s.dead > 1024 && s.dead * 2 > s.sorted.length) {
      s.sorted = s.sorted.filter((j) => !j.removed);
      s.dead = 0;
    }
    const previous = job.status;
    job.status = 'esriJobDeleted';
    this.emit(job, previous);
  }

  /** Jobs matching the filter, ascending by submittedTime (memoised per service version). */
  matches(s: ServiceState, filter: JobFilter): JobRec[] {
    const key = JSON.stringify(filter);
    if (s.memo && s.memo.key === key && s.memo.version === s.version) return s.memo.matches;
    const end = filter.endTime ?? this.clock();
    const out: JobRec[] = [];
    const machine = filter.machineName?.toLowerCase();
    for (let i = lowerBound(s.sorted, filter.startTime); i < s.sorted.length; i++) {
      const job = s.sorted[i]!;
      if (job.submittedTime > end) break;
      if (job.removed) continue;
      if (filter.status !== undefined && job.status !== filter.status) continue;
      if (filter.userName !== undefined && job.username !== filter.userName) continue;
      if (machine !== undefined && job.machinename.toLowerCase() !== machine) continue;
      out.push(job);
    }
    s.memo = { key, version: s.version, matches: out };
    return out;
  }

  /** Counts of one service's current jobs. */
  statistics(s: ServiceState): { total: number; cancelled: number; failed: number; succeeded: number } {
    const n = (status: string): number => s.counts.get(status) ?? 0;
    return {
      total: s.jobs.size,
      cancelled: n('esriJobCancelled'),
      failed: n('esriJobFailed'),
      succeeded: n('esriJobSucceeded'),
    };
  }

  /** Every current job, service by service, oldest first. */
  all(): JobRec[] {
    return this.services.flatMap((s) => s.sorted.filter((j) => !j.removed));
  }

  private emit(job: JobRec, previous: string | null): void {
    for (const listener of this.listeners) listener(job, previous);
  }
}
