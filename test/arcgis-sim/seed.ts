/**
 * Deterministic seeded jobs: every status, several users (some anonymous) and machines, submitted over
 * the last six weeks; active jobs mostly recent, a few stuck for days (what admins complain about).
 */
import type { Rng } from './rng';
import type { JobRec, ServiceState } from './store';

/** Machines of the simulated site. */
export const MACHINES = ['GIS01.EXAMPLE.COM', 'GIS02.EXAMPLE.COM', 'GIS03.EXAMPLE.COM'];

/** Users who submit jobs; null = anonymous. */
export const USERS: (string | null)[] = ['analyst1', 'analyst2', 'jsmith', 'publisher', null];

const STATUS_WEIGHTS: [string, number][] = [
  ['esriJobSucceeded', 55],
  ['esriJobFailed', 12],
  ['esriJobCancelled', 6],
  ['esriJobTimedOut', 3],
  ['esriJobExecuting', 8],
  ['esriJobSubmitted', 5],
  ['esriJobWaiting', 5],
  ['esriJobNew', 3],
  ['esriJobCancelling', 3],
];
const WEIGHT_SUM = STATUS_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
const ACTIVE = new Set([
  'esriJobExecuting',
  'esriJobSubmitted',
  'esriJobWaiting',
  'esriJobNew',
  'esriJobCancelling',
]);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function weightedStatus(rng: Rng): string {
  let roll = rng.next() * WEIGHT_SUM;
  for (const [status, weight] of STATUS_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return status;
  }
  return 'esriJobSucceeded';
}

/** A new job id in the server's style: 'j' + 32 hex digits. */
export function newJobId(rng: Rng): string {
  return `j${rng.hex(32)}`;
}

/**
 * The id of a new job of `svc`: a GP job's 'j' + 32 hex digits; map and image services' Export Tiles jobs
 * end in `_et`, as on ArcGIS Server (Esri, "Map Service job").
 */
export function newServiceJobId(rng: Rng, svc: ServiceState): string {
  return svc.def.type === 'GPServer' ? newJobId(rng) : `${newJobId(rng)}_et`;
}

/**
 * Generates `count` jobs over the given services (earlier services get more), anchored at `now`: GP
 * services' jobs, or the Export Tiles jobs of map and image services.
 */
export function seedJobs(rng: Rng, services: ServiceState[], count: number, now: number): JobRec[] {
  const weights = services.map((_, i) => 1 / (i + 1.5));
  const total = weights.reduce((a, b) => a + b, 0);
  const jobs: JobRec[] = [];
  for (let i = 0; i < count; i++) {
    let roll = rng.next() * total;
    let svc = services[services.length - 1]!;
    for (let k = 0; k < services.length; k++) {
      roll -= weights[k]!;
      if (roll < 0) {
        svc = services[k]!;
        break;
      }
    }
    const status = i < STATUS_WEIGHTS.length ? STATUS_WEIGHTS[i]![0] : weightedStatus(rng);
    const active = ACTIVE.has(status);
    const stuck = active && rng.next() < 0.15;
    const age = active && !stuck ? rng.int(60_000, 2 * DAY) : rng.int(5 * 60_000, 42 * DAY);
    const submittedTime = now - age;
    const duration = Math.min(age - 1000, rng.int(3_000, status === 'esriJobTimedOut' ? 700_000 : 1_800_000));
    jobs.push({
      jobId: newServiceJobId(rng, svc),
      svc,
      task: svc.def.tasks.length > 0 ? rng.pick(svc.def.tasks) : '',
      status,
      submittedTime,
      endTime: active ? null : submittedTime + Math.max(1000, duration),
      username: rng.pick(USERS),
      machinename: rng.pick(MACHINES),
      managed: false,
      removed: false,
    });
  }
  return jobs;
}
