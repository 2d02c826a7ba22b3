/**
 * The job cache against a plain model (arrays of jobs per server) under random interleavings of complete
 * and filtered listings, up to three of a server under way at once, abandoned ones (a failed listing
 * never commits) and `forget` (a listing begun before it commits nothing). Sizes mostly stay near the
 * last listing's, so listings are written into spare columns, and sometimes jump (columns grown or copied
 * out); ids are ASCII of several lengths, 'é', '🚀' (repeated across listings on purpose) and empty.
 * After every step, every job each server lists is found as the model has it, jobs listed before and no
 * longer are not, and `listed` and `size` agree. 12 seeds of 120 steps, 25-36: what CI affords (about 5 s
 * at load 13 on a 2-core machine; seeds 1-60 took 40 s at load 17 and found nothing). Of seeds 1-60 in
 * blocks of twelve, the first that fails when a complete listing does not take the spare it writes into
 * (so two at once share it), when the replaced listing's columns are not the ones kept as the spare, and
 * when a forgotten server's listing commits. JOB_CACHE_SEEDS and JOB_CACHE_SEED_FROM run others.
 */
import { describe, expect, it } from 'vitest';
import { JobCache, type ListingWriter } from '../../../../electron/core/service/job-cache';
import { toColumns } from '../../../../electron/shared/job-columns';

type J = {
  service: string;
  jobId: string;
  status: string;
  submittedTime: number | null;
  endTime: number | null;
  username: string | null;
  machinename: string | null;
};
type Open = { w: ListingWriter; p: string; complete: boolean; jobs: J[]; target: number; forgotten: boolean };

const SEEDS = Number(process.env.JOB_CACHE_SEEDS ?? 12);
const STEPS = 120;
const PROFILES = ['p1', 'p2'];
const SERVICES = ['A', 'B.MapServer', 'Tools/Buffer'];

/** xorshift32, so each seed replays the same steps. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

const key = (j: { service: string; jobId: string }) => `${j.service}\n${j.jobId}`;
/** Every field of a found job, in one order (and what a job not found is). */
const full = (j: (Partial<J> & { profileId: string }) | undefined) =>
  j
    ? JSON.stringify([
        j.profileId,
        j.service,
        j.jobId,
        j.status,
        j.submittedTime,
        j.endTime,
        j.username,
        j.machinename,
      ]) + `|${Object.keys(j).length}`
    : 'not found';

/** The cache's merge of laid-over listings (MAX_LAID_OVER): past five parts, each job once, its last copy. */
function merged(parts: J[][]): J[][] {
  if (parts.length <= 5) return parts;
  const rest = parts.slice(1).flat();
  const last = new Map<string, number>();
  rest.forEach((j, i) => last.set(key(j), i));
  return [parts[0]!, rest.filter((j, i) => last.get(key(j)) === i)];
}

function runSeed(seed: number): number {
  const r = rng(seed * 7919);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const cache = new JobCache();
  const model = new Map<string, J[][]>();
  const ever: J[] = [];
  const usual = new Map(PROFILES.map((p) => [p, 200 + Math.floor(r() * 1500)]));
  let open: Open[] = [];
  let batches = 0;
  let finds = 0;
  const makeId = (b: number, i: number) => {
    const k = r();
    if (k < 0.6) return `j${b.toString(16)}x${i.toString(16).padStart(32, '0')}`;
    if (k < 0.8) return `${'q'.repeat(1 + ((b + i) % 7))}${i}`;
    if (k < 0.9) return `é${b}-${i}ü`;
    if (k < 0.97) return `🚀${i % 50}`;
    return '';
  };
  const batchOf = (n: number): J[] => {
    batches++;
    const out: J[] = [];
    for (let i = 0; i < n; i++)
      out.push({
        service: pick(SERVICES),
        jobId: r() < 0.05 && out.length ? out[Math.floor(r() * out.length)]!.jobId : makeId(batches, i),
        status: `s${batches}`,
        submittedTime: r() < 0.1 ? null : batches * 100000 + i,
        endTime: r() < 0.5 ? null : batches,
        username: r() < 0.3 ? null : `u${batches % 4}`,
        machinename: r() < 0.3 ? null : `m${batches}`,
      });
    return out;
  };
  const check = () => {
    for (const p of PROFILES) {
      const flat = (model.get(p) ?? []).flat();
      const line = (j: Pick<J, 'service' | 'jobId'> & Partial<J>) =>
        `${key(j)}|${j.status}|${j.submittedTime}`;
      expect(cache.listed(p, 0, 1e9).map(line).join('\n')).toBe(flat.map(line).join('\n'));
      const lastOf = new Map(flat.map((j) => [key(j), j]));
      // One line per job, compared as one text per server (an expect per job cost most of the test's time).
      const wanted = [...lastOf.values()];
      const found = wanted.map((j) => cache.find({ profileId: p, service: j.service, jobId: j.jobId }));
      expect(found.map(full).join('\n')).toBe(wanted.map((j) => full({ profileId: p, ...j })).join('\n'));
      finds += wanted.length;
      const gone = Array.from({ length: ever.length ? 50 : 0 }, () => pick(ever)).filter(
        (e) => !lastOf.has(key(e)),
      );
      expect(
        gone.filter((e) => cache.find({ profileId: p, service: e.service, jobId: e.jobId })).map(key),
      ).toEqual([]);
    }
    expect(cache.size).toBe([...model.values()].reduce((n, parts) => n + parts.flat().length, 0));
  };
  for (let step = 0; step < STEPS; step++) {
    const k = r();
    if (open.length === 0 || (k < 0.3 && (open.length < 2 || r() < 0.3))) {
      const p = pick(PROFILES);
      const complete = r() < (seed % 2 ? 0.95 : 0.75);
      const n = usual.get(p)!;
      const near = Math.round(n * (0.98 + 0.04 * r()));
      const target = complete ? (r() < 0.85 ? near : Math.floor(r() * 3 * n)) : Math.floor(r() * 40);
      open.push({ w: cache.begin(p, complete), p, complete, jobs: [], target, forgotten: false });
    } else if (k < 0.6) {
      const o = pick(open);
      const jobs = batchOf(Math.min(Math.max(0, o.target - o.jobs.length), 1 + Math.floor(r() * 700)));
      o.w.add(toColumns(jobs));
      o.jobs.push(...jobs);
      ever.push(...jobs);
    } else if (k < 0.85) {
      const o = pick(open);
      if (o.jobs.length < o.target && r() < 0.8) continue;
      open = open.filter((x) => x !== o);
      const before = cache.generation(o.p);
      o.w.commit();
      if (o.forgotten) {
        expect(cache.generation(o.p)).toBe(before);
      } else {
        expect(cache.generation(o.p)).not.toBe(before);
        const mine = o.jobs.length ? [o.jobs] : [];
        model.set(o.p, o.complete ? mine : merged([...(model.get(o.p) ?? []), ...mine]));
        if (o.complete && o.jobs.length) usual.set(o.p, o.jobs.length);
      }
    } else if (k < 0.93) {
      open = open.filter((x) => x !== pick(open)); // abandoned
    } else {
      const p = pick(PROFILES);
      cache.forget(p);
      model.delete(p);
      for (const o of open) if (o.p === p) o.forgotten = true;
      expect(cache.generation(p)).toBeUndefined();
    }
    check();
  }
  return finds;
}

describe('JobCache against a model', () => {
  it('finds, lists and counts every job as the model does, over random interleavings', () => {
    let finds = 0;
    const from = Number(process.env.JOB_CACHE_SEED_FROM ?? 25);
    for (let seed = from; seed < from + SEEDS; seed++) finds += runSeed(seed);
    expect(finds).toBeGreaterThan(100_000); // about 400,000
  }, 60_000);
});
