/** Deterministic job fixtures for the job-table tests: a seeded generator, no randomness between runs. */
import type { JobResultView } from '../../../../../renderer/src/lib/contract-types';
import type { Job } from '../../../../../renderer/src/lib/jobs/job-types';
import { STATUS_ORDER } from '../../../../../renderer/src/lib/jobs/job-types';
import { seededRandom } from '../../../../fixtures/seeded-random';

/** A job with sensible defaults; override only what a test is about. */
export function job(overrides: Partial<Job> = {}): Job {
  return {
    profileId: 'p1',
    service: 'Tools/Buffer',
    jobId: 'j1',
    status: 'esriJobSucceeded',
    submittedTime: 1_700_000_000_000,
    endTime: 1_700_000_060_000,
    username: 'alice',
    machinename: 'GIS1',
    ...overrides,
  };
}

/** Job `jobId` of server `profileId`, for tests about which jobs a list or map keeps. */
export function jobOf(profileId: string, jobId: string, status = 'esriJobSucceeded'): Job {
  return job({ profileId, jobId, status });
}

/** A bulk result for job `jobId` of server `profileId` (the service of {@link job}). */
export function resultOf(
  profileId: string,
  jobId: string,
  outcome: JobResultView['outcome'],
  message?: string,
): JobResultView {
  return { profileId, service: 'Tools/Buffer', jobId, outcome, ...(message ? { message } : {}) };
}

/** `count` varied jobs across 3 servers, 12 services, 40 users and 8 machines, with some missing fields. */
export function manyJobs(count: number, seed = 1, now = 1_700_000_000_000): Job[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const services = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? `Svc${i}` : `Folder${i % 4}/Svc${i}`));
  const out = new Array<Job>(count);
  for (let i = 0; i < count; i++) {
    const status = pick(STATUS_ORDER);
    const submitted = rand() < 0.02 ? null : now - Math.floor(rand() * 30 * 86_400_000);
    const running = status === 'esriJobExecuting' || status === 'esriJobSubmitted';
    out[i] = {
      profileId: pick(['p1', 'p2', 'p3']),
      service: pick(services),
      jobId: `j${(i * 2654435761) >>> 0}`,
      status,
      submittedTime: submitted,
      endTime: submitted === null || running ? null : submitted + Math.floor(rand() * 3_600_000),
      username: rand() < 0.05 ? null : `user${Math.floor(rand() * 40)}`,
      machinename: rand() < 0.05 ? null : `GIS${Math.floor(rand() * 8)}`,
    };
  }
  return out;
}

/** `jobs` behind a proxy that counts the elements read. */
export function counted(jobs: readonly Job[]): { list: readonly Job[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(jobs as Job[], {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { list, reads: () => reads };
}
