/**
 * The cost of `CompactJobs.find` as a bulk plan pays it: a 100,000-job listing of 33-character ASCII ids
 * over three services, every job looked up once and the found jobs held (a plan keeps them to its run's
 * end). Each round prints CPU per lookup (`process.cpuUsage`, so the collector's threads count) and the
 * bytes per lookup that went into the old generation (promoted, or allocated there at once). Compare two
 * trees by running it in each, alternately (README, "The engine's own cost").
 *
 *   npx tsx test/bench/find-cost.ts [--jobs 100000] [--rounds 8]
 */
import os from 'node:os';
import v8 from 'node:v8';
import { CompactJobsBuilder } from '../../electron/core/service/compact-jobs-builder';
import { toColumns } from '../../electron/shared/job-columns';
import { numberArg } from './script-args';

const jobs = numberArg('jobs', 100_000);
const rounds = numberArg('rounds', 8);
const BATCH = 1000;
const service = (i: number): string => `Tools/S${i % 3}`;

/** Bytes in use in the old generation's spaces. */
function oldGeneration(): number {
  return v8
    .getHeapSpaceStatistics()
    .filter((s) => !s.space_name.startsWith('new_'))
    .reduce((sum, s) => sum + s.space_used_size, 0);
}

const ids = Array.from(
  { length: jobs },
  (_, i) =>
    `j${(Math.imul(i, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0')}${i.toString(16).padStart(24, '0')}`,
);
const builder = new CompactJobsBuilder('p1');
for (let from = 0; from < jobs; from += BATCH)
  builder.add(
    toColumns(
      ids.slice(from, from + BATCH).map((jobId, k) => ({
        service: service(from + k),
        jobId,
        status: 'esriJobSucceeded',
        submittedTime: 1_700_000_000_000 + from + k,
        endTime: null,
        username: 'admin',
        machinename: 'GIS01',
      })),
    ),
  );
const listing = builder.build();
const refs = ids.map((jobId, i) => ({ service: service(i), jobId })).reverse();
const figures: string[] = [];
for (let r = 0; r < rounds; r++) {
  const held: Array<ReturnType<typeof listing.find>> = new Array(jobs);
  const old0 = oldGeneration();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < jobs; i++) held[i] = listing.find(refs[i]!.service, refs[i]!.jobId);
  const cpu = process.cpuUsage(cpu0);
  const old = oldGeneration() - old0;
  // The job asked for, not just any job: a wrong row would cost nothing to copy and look cheaper.
  const wrong = refs.findIndex((ref, i) => held[i]?.jobId !== ref.jobId || held[i]?.service !== ref.service);
  if (wrong >= 0) throw new Error(`find gave ${held[wrong]?.jobId ?? 'no job'} for ${refs[wrong]!.jobId}`);
  figures.push(`${(((cpu.user + cpu.system) * 1000) / jobs).toFixed(0)} ns ${(old / jobs).toFixed(0)} B`);
}
process.stdout.write(
  `find per lookup (CPU, old generation): ${figures.join(', ')}; load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
