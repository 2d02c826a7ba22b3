/** A listing held in columns: `find` gives the listed job for every id, whatever its characters. */
import { describe, expect, it } from 'vitest';
import { CompactJobsBuilder } from '../../../../electron/core/service/compact-jobs-builder';
import type { CompactJobs } from '../../../../electron/core/service/compact-jobs';
import type { Job } from '../../../../electron/core/types';
import { toColumns } from '../../../../electron/shared/job-columns';

type Listed = Omit<Job, 'url' | 'profileId'>;

function listed(jobId: string, over: Partial<Listed> = {}): Listed {
  return {
    service: 'Tools/Buffer',
    jobId,
    status: 'esriJobSucceeded',
    submittedTime: 1_700_000_000_000,
    endTime: null,
    username: 'admin',
    machinename: null,
    ...over,
  };
}

/** The listing of `jobs` in batches of `batch`, sealed. */
function compact(jobs: readonly Listed[], batch = 1000): CompactJobs {
  const builder = new CompactJobsBuilder('p1');
  for (let i = 0; i < jobs.length; i += batch) builder.add(toColumns(jobs.slice(i, i + batch)));
  return builder.build();
}

/** FNV-1a over the UTF-8 bytes of `id`: the hash the listing's index files ids by. */
function fnv(id: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(id, 'utf8')) h = Math.imul(h ^ b, 0x01000193);
  return h >>> 0;
}

/** The size of the index of `rows` rows (a power of two, at least twice the rows). */
function slotsFor(rows: number): number {
  return Math.max(2, 2 ** Math.ceil(Math.log2(2 * rows + 1)));
}

describe('CompactJobs.find', () => {
  it('finds ids with characters other than ASCII, in batches mixing them with ASCII ids', () => {
    const ids = ['a1', 'jé-ünïcode', '🚀', 'b2', '漢字', 'ascii then ü'];
    const jobs = compact(ids.map((id, i) => listed(id, { submittedTime: i })));
    expect(ids.map((id) => jobs.find('Tools/Buffer', id))).toEqual(
      ids.map((id, i) => ({ profileId: 'p1', ...listed(id, { submittedTime: i }) })),
    );
    expect(jobs.find('Tools/Buffer', 'jé-ünïcodé')).toBeUndefined();
    expect(jobs.find('Tools/Buffer', 'je-unicode')).toBeUndefined();
    expect(jobs.find('Other', '🚀')).toBeUndefined();
  });

  it('an id with a lone surrogate is found as its UTF-8 bytes are stored, U+FFFD', () => {
    const jobs = compact([listed('x\ud800y', { status: 'esriJobFailed' })]);
    expect(jobs.find('Tools/Buffer', 'x\ud800y')).toMatchObject({
      jobId: 'x\ufffdy',
      status: 'esriJobFailed',
    });
    expect(jobs.find('Tools/Buffer', 'x\ufffdy')?.jobId).toBe('x\ufffdy');
    expect(jobs.find('Tools/Buffer', 'xy')).toBeUndefined();
  });

  it('keeps every id when lone surrogates in adjacent ids pair up only in the joined batch', () => {
    // Joined, '\ud800' + '\udc00' is one pair (4 bytes); written id by id each is U+FFFD (3 bytes). The long
    // first id makes the buffer grow to exactly the joined length, so a room of that length cuts the rest.
    const ids = ['x'.repeat(2100), 'a\ud800', '\udc00b', 'c'];
    const jobs = compact(ids.map((id) => listed(id)));
    expect(jobs.find('Tools/Buffer', 'c')?.jobId).toBe('c');
    expect(jobs.job(1).jobId).toBe('a\ufffd');
    expect(jobs.job(2).jobId).toBe('\ufffdb');
    expect(jobs.job(3).jobId).toBe('c');
  });

  it('finds the empty id, and only it', () => {
    const jobs = compact([listed('a'), listed('', { status: 'esriJobFailed' }), listed('b')]);
    expect(jobs.find('Tools/Buffer', '')).toMatchObject({ jobId: '', status: 'esriJobFailed' });
    expect(jobs.find('Other', '')).toBeUndefined();
    expect(compact([listed('a')]).find('Tools/Buffer', '')).toBeUndefined();
  });

  it('walks a chain of ids that share their first slot, the last copy of each winning', () => {
    const rows = 12;
    const mask = slotsFor(rows) - 1;
    const chain: string[] = [];
    for (let i = 0; chain.length < 7; i++) if ((fnv(`j${i}`) & mask) === 5) chain.push(`j${i}`);
    // Six of the chain listed, one twice (the later copy wins), one under two services; the seventh is
    // absent though it hashes to the same first slot.
    const absent = chain.pop()!;
    const jobs = compact([
      ...chain.map((id, i) => listed(id, { submittedTime: i })),
      listed(chain[2]!, { submittedTime: 99, status: 'esriJobCancelled' }),
      listed(chain[4]!, { service: 'Other', submittedTime: 42 }),
      listed('k1'),
      listed('k2'),
      listed('k3'),
    ]);
    expect(jobs.size).toBe(rows - 1);
    expect(chain.map((id) => jobs.find('Tools/Buffer', id)?.submittedTime)).toEqual([0, 1, 99, 3, 4, 5]);
    expect(jobs.find('Tools/Buffer', chain[2]!)?.status).toBe('esriJobCancelled');
    expect(jobs.find('Other', chain[4]!)).toMatchObject({ jobId: chain[4], submittedTime: 42 });
    expect(jobs.find('Other', chain[3]!)).toBeUndefined();
    expect(jobs.find('Tools/Buffer', absent)).toBeUndefined();
  });

  it('tells an id from its prefixes and from ids it is a prefix of', () => {
    const jobs = compact([listed('j12', { submittedTime: 1 }), listed('j1234', { submittedTime: 2 })]);
    expect(jobs.find('Tools/Buffer', 'j12')?.submittedTime).toBe(1);
    expect(jobs.find('Tools/Buffer', 'j1234')?.submittedTime).toBe(2);
    for (const id of ['j', 'j1', 'j123', 'j12345', 'j12 '])
      expect(jobs.find('Tools/Buffer', id)).toBeUndefined();
  });

  it('gives what a map of the listing gives, last copy winning, for random ids and services', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const alphabet = ['a', 'b', '0', '1', 'é', '🚀', '\ud800', '-'];
    const randomId = (): string => Array.from({ length: random(5) }, () => alphabet[random(8)]).join('');
    const services = ['A', 'B', 'C'];
    const jobs = Array.from({ length: 3000 }, (_, i) =>
      listed(randomId(), { service: services[random(3)]!, submittedTime: i }),
    );
    const byKey = new Map<string, Listed>();
    const stored = (id: string): string => Buffer.from(id, 'utf8').toString('utf8');
    for (const job of jobs)
      byKey.set(`${job.service}\n${stored(job.jobId)}`, { ...job, jobId: stored(job.jobId) });
    const cache = compact(jobs, 250);
    const queries = [...jobs.map((j) => j.jobId), ...Array.from({ length: 500 }, randomId)];
    for (const id of queries)
      for (const service of [...services, 'D']) {
        const expected = byKey.get(`${service}\n${stored(id)}`);
        expect(cache.find(service, id)).toEqual(expected && { profileId: 'p1', ...expected });
      }
  });
});
