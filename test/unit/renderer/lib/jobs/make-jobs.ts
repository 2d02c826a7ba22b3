/** Deterministic job fixtures for the job-table tests: a seeded generator, no randomness between runs. */
import type { Job } from '../../../../../renderer/src/lib/jobs/job-types';
import { STATUS_ORDER } from '../../../../../renderer/src/lib/jobs/job-types';

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

/** A small fast PRNG (mulberry32) so generated tables are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` varied jobs across 3 servers, 12 services, 40 users and 8 machines, with some missing fields. */
export function manyJobs(count: number, seed = 1, now = 1_700_000_000_000): Job[] {
  const rand = prng(seed);
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
