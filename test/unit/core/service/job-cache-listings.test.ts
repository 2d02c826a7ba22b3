/**
 * The job cache while listings are under way: the listing being served reads right while the server's
 * next one is written (into the spare columns of the one before), filtered listings leave the spare to the
 * next complete one, a spare far larger than the listing is not kept, and a listing begun before its server
 * was forgotten commits nothing. Where a test names which columns a listing is written into, it looks at
 * the cache's private `spares` and `servers`: nothing public tells.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnStorage, CompactJobs } from '../../../../electron/core/service/compact-jobs';
import { JobCache, type ListingWriter } from '../../../../electron/core/service/job-cache';
import type { Job } from '../../../../electron/core/types';
import { toColumns as cols } from '../../../../electron/shared/job-columns';

const job = (over: Partial<Job>): Job => ({
  profileId: 'p1',
  service: 'Tools/Buffer',
  jobId: 'j',
  status: 'esriJobSucceeded',
  submittedTime: 1,
  endTime: 2,
  username: 'u',
  machinename: 'm',
  url: null,
  ...over,
});
const ids = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${i}`);

/** A listing of `jobIds` (each submitted at `t`), written in pages of 1,000 and not committed. */
function list(cache: JobCache, jobIds: string[], t: number, complete = true): ListingWriter {
  const writer = cache.begin('p1', complete);
  for (let from = 0; from < jobIds.length; from += 1000)
    writer.add(cols(jobIds.slice(from, from + 1000).map((jobId) => job({ jobId, submittedTime: t }))));
  return writer;
}

type Inside = { spares: Map<string, ColumnStorage>; servers: Map<string, CompactJobs[]> };
const inside = (cache: JobCache) => cache as unknown as Inside;

describe('JobCache listings under way', () => {
  it('reads the server’s listing whole while its next complete listing is written into the spare', () => {
    const cache = new JobCache();
    for (const [t, tag] of ['a', 'b'].entries()) list(cache, ids(2500, tag), t).commit();
    const spare = inside(cache).spares.get('p1');
    expect(spare).toBeDefined(); // the 'a' listing's columns
    const next = list(cache, ids(2500, 'c'), 9); // written, not committed: 'b' is still the listing
    const found = ids(2500, 'b').filter((jobId) => cache.find(job({ jobId }))?.submittedTime === 1);
    expect(found).toHaveLength(2500);
    expect(cache.listed('p1', 2499, 1)).toMatchObject([{ jobId: 'b-2499', submittedTime: 1 }]);
    next.commit();
    expect(inside(cache).servers.get('p1')![0]!.storage!.fields).toBe(spare!.fields);
    expect(ids(2500, 'c').every((jobId) => cache.find(job({ jobId }))?.submittedTime === 9)).toBe(true);
    expect(cache.find(job({ jobId: 'b-7' }))).toBeUndefined();
  });

  it('a filtered listing between two complete ones leaves the spare to the next complete one', () => {
    const cache = new JobCache();
    for (const [t, tag] of ['a', 'b'].entries()) list(cache, ids(2500, tag), t).commit();
    const spare = inside(cache).spares.get('p1');
    // A policy preview that lists most of the server's jobs again, laid over its listing.
    list(cache, ids(2400, 'b'), 5, false).commit();
    expect(inside(cache).spares.get('p1')).toBe(spare);
    expect(cache.find(job({ jobId: 'b-2399' }))?.submittedTime).toBe(5);
    list(cache, ids(2500, 'c'), 6).commit();
    const { storage } = inside(cache).servers.get('p1')![0]!;
    for (const column of ['idBytes', 'idStart', 'fields', 'times'] as const)
      expect(storage![column]).toBe(spare![column]);
    expect(cache.size).toBe(2500);
    expect(ids(2500, 'c').every((jobId) => cache.find(job({ jobId }))?.submittedTime === 6)).toBe(true);
  });

  it('does not keep a spare far larger than the listing that replaced it (a purge), and lists on', () => {
    const cache = new JobCache();
    for (const [t, tag] of ['a', 'b'].entries()) list(cache, ids(5000, tag), t).commit();
    list(cache, ids(100, 'c'), 2).commit();
    expect(inside(cache).spares.has('p1')).toBe(false);
    for (const [t, tag] of ['d', 'e', 'f'].entries()) {
      list(cache, ids(100, tag), 3 + t).commit();
      expect(cache.listed('p1', 0, 200).map((j) => `${j.jobId}@${j.submittedTime}`)).toEqual(
        ids(100, tag).map((jobId) => `${jobId}@${3 + t}`),
      );
    }
    expect(inside(cache).spares.get('p1')!.idStart.length).toBeLessThan(2 * (100 + 64));
  });

  it('a listing begun before its server was forgotten commits nothing, even after it is added again', () => {
    const cache = new JobCache();
    list(cache, ids(10, 'a'), 1).commit();
    const old = list(cache, ['j1'], 2); // the removed server's listing, its pages still arriving
    cache.forget('p1');
    old.commit();
    expect(cache.find(job({ jobId: 'j1' }))).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.generation('p1')).toBeUndefined();
    // Removed while listing, then added again under the same id and listed before the old one ends.
    const older = list(cache, ['j1', 'j2'], 3);
    cache.forget('p1');
    const fresh = cache.begin('p1');
    fresh.add(cols([job({ jobId: 'j1', status: 'esriJobExecuting', submittedTime: 4 })]));
    fresh.commit();
    const token = cache.generation('p1');
    older.commit();
    expect(cache.find(job({ jobId: 'j1' }))).toMatchObject({ status: 'esriJobExecuting', submittedTime: 4 });
    expect(cache.find(job({ jobId: 'j2' }))).toBeUndefined();
    expect(cache.generation('p1')).toBe(token);
    list(cache, ['j3'], 5).commit(); // the new profile's listings commit as usual
    expect(cache.listed('p1', 0, 5).map((j) => j.jobId)).toEqual(['j3']);
  });
});
