/** The job cache: what listing stores is what planning finds, server by server. */
import { describe, expect, it } from 'vitest';
import { JobCache } from '../../../../electron/core/service/job-cache';
import type { Job } from '../../../../electron/core/types';
import { toColumns as cols } from '../../../../electron/shared/job-columns';

function job(over: Partial<Job> = {}): Job {
  return {
    profileId: 'p1',
    service: 'Tools/Buffer',
    jobId: 'j0123456789abcdef0123456789abcdef',
    status: 'esriJobSucceeded',
    submittedTime: 1_700_000_000_000,
    endTime: 1_700_000_060_000,
    username: 'admin',
    machinename: 'GIS01.EXAMPLE.COM',
    url: 'https://gis.example.com/arcgis/rest/services/Tools/Buffer/GPServer/Buffer/jobs/j0123',
    ...over,
  };
}

describe('JobCache', () => {
  it('finds a listed job with every field but its REST url', () => {
    const cache = new JobCache();
    const listed = job();
    cache.remember('p1', [listed]);
    const { url: _url, ...expected } = listed;
    expect(cache.find(listed)).toEqual(expected);
  });

  it('keeps nulls, unknown statuses and odd job ids as the server sent them', () => {
    const cache = new JobCache();
    const odd = job({
      jobId: 'not-hex id',
      status: 'esriJobSomethingNew',
      submittedTime: null,
      endTime: null,
      username: null,
      machinename: null,
      url: null,
    });
    cache.remember('p1', [odd]);
    const { url: _url, ...expected } = odd;
    expect(cache.find(odd)).toEqual(expected);
  });

  it('tells jobs apart by server, service and id', () => {
    const cache = new JobCache();
    cache.remember('p1', [
      job({ status: 'esriJobFailed' }),
      job({ service: 'Other', status: 'esriJobExecuting' }),
    ]);
    cache.remember('p2', [job({ profileId: 'p2', status: 'esriJobCancelled' })]);
    expect(cache.find(job())?.status).toBe('esriJobFailed');
    expect(cache.find(job({ service: 'Other' }))?.status).toBe('esriJobExecuting');
    expect(cache.find(job({ profileId: 'p2' }))?.status).toBe('esriJobCancelled');
    expect(cache.find(job({ jobId: 'jmissing' }))).toBeUndefined();
    expect(cache.find(job({ profileId: 'p3' }))).toBeUndefined();
  });

  it('a new listing replaces the server’s old one; forgetting drops it', () => {
    const cache = new JobCache();
    cache.remember('p1', [job({ jobId: 'jold' })]);
    cache.remember('p1', [job({ jobId: 'jnew' })]);
    expect(cache.find(job({ jobId: 'jold' }))).toBeUndefined();
    expect(cache.find(job({ jobId: 'jnew' }))?.jobId).toBe('jnew');
    cache.forget('p1');
    expect(cache.find(job({ jobId: 'jnew' }))).toBeUndefined();
  });

  it('a filtered listing is laid over the last one: the jobs it saw win, the others stay', () => {
    const cache = new JobCache();
    cache.remember('p1', [job({ jobId: 'ja', status: 'esriJobFailed' }), job({ jobId: 'jb' })]);
    const filtered = cache.begin('p1', false);
    filtered.add(cols([job({ jobId: 'ja', status: 'esriJobCancelled' })]));
    expect(cache.find(job({ jobId: 'ja' }))?.status).toBe('esriJobFailed'); // not committed yet
    filtered.commit();
    expect(cache.find(job({ jobId: 'ja' }))?.status).toBe('esriJobCancelled');
    expect(cache.find(job({ jobId: 'jb' }))?.status).toBe('esriJobSucceeded');
    cache.remember('p1', [job({ jobId: 'jc' })]);
    expect(cache.find(job({ jobId: 'jb' }))).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('holds jobs of several services that share an id apart, the last listed copy winning', () => {
    const cache = new JobCache();
    cache.remember('p1', [
      job({ jobId: 'j1', service: 'A', status: 'esriJobFailed' }),
      job({ jobId: 'j1', service: 'B.MapServer', status: 'esriJobSucceeded' }),
      job({ jobId: 'j1', service: 'A', status: 'esriJobCancelled' }),
    ]);
    expect(cache.find(job({ jobId: 'j1', service: 'A' }))?.status).toBe('esriJobCancelled');
    expect(cache.find(job({ jobId: 'j1', service: 'B.MapServer' }))?.status).toBe('esriJobSucceeded');
    expect(cache.find(job({ jobId: 'j1', service: 'C' }))).toBeUndefined();
    expect(cache.size).toBe(3);
  });

  it('holds many servers’ listings and counts them', () => {
    const cache = new JobCache();
    const listing = (p: string) =>
      Array.from({ length: 500 }, (_, i) =>
        job({ profileId: p, jobId: `j${i}`, submittedTime: i, username: i % 2 ? 'a' : null }),
      );
    for (const p of ['p1', 'p2', 'p3']) cache.remember(p, listing(p));
    expect(cache.size).toBe(1500);
    const found = cache.find({ profileId: 'p2', service: 'Tools/Buffer', jobId: 'j301' });
    expect(found).toMatchObject({ profileId: 'p2', submittedTime: 301, username: 'a' });
    expect(cache.find({ profileId: 'p3', service: 'Tools/Buffer', jobId: 'j300' })?.username).toBeNull();
  });

  it('a listing written page by page, as pages arrive, is found whole once committed', () => {
    const cache = new JobCache();
    const writer = cache.begin('p1');
    const ids = Array.from({ length: 3000 }, (_, i) => `j${i.toString(16).padStart(32, '0')}`);
    for (let from = 0; from < ids.length; from += 700)
      writer.add(
        cols(ids.slice(from, from + 700).map((jobId, i) => job({ jobId, submittedTime: from + i }))),
      );
    writer.add(
      cols([job({ jobId: 'jé-ünïcode id', machinename: null }), job({ jobId: 'ascii then 🚀 emoji' })]),
    );
    writer.add(cols([job({ jobId: ids[5]!, status: 'esriJobCancelled' })])); // a later copy wins
    expect(cache.find(job({ jobId: ids[0]! }))).toBeUndefined(); // not committed yet
    writer.commit();
    expect(cache.size).toBe(3003);
    expect(
      ids.every(
        (jobId, i) => cache.find(job({ jobId }))?.submittedTime === (i === 5 ? job().submittedTime : i),
      ),
    ).toBe(true);
    expect(cache.find(job({ jobId: ids[5]! }))?.status).toBe('esriJobCancelled');
    expect(cache.find(job({ jobId: 'jé-ünïcode id' }))?.machinename).toBeNull();
    expect(cache.find(job({ jobId: 'ascii then 🚀 emoji' }))?.jobId).toBe('ascii then 🚀 emoji');
    expect(cache.listed('p1', 3000, 2).map((j) => j.jobId)).toEqual(['jé-ünïcode id', 'ascii then 🚀 emoji']);
  });

  it('a batch mixing ASCII ids with others keeps every id whole, before and after it', () => {
    const cache = new JobCache();
    const writer = cache.begin('p1');
    const ids = ['a1', 'bé2', 'c3', '', '🚀d4', 'e5'];
    writer.add(cols(ids.map((jobId, i) => job({ jobId, submittedTime: i }))));
    writer.add(cols([job({ jobId: 'f6', submittedTime: 6 })]));
    writer.commit();
    expect(cache.listed('p1', 0, 10).map((j) => j.jobId)).toEqual([...ids, 'f6']);
    expect([...ids, 'f6'].map((jobId) => cache.find(job({ jobId }))?.submittedTime)).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
  });

  it('hands out a server’s listed jobs by position, in listing order, across laid-over parts', () => {
    const cache = new JobCache();
    cache.remember(
      'p1',
      ['ja', 'jb', 'jc'].map((jobId) => job({ jobId })),
    );
    const filtered = cache.begin('p1', false);
    filtered.add(cols([job({ jobId: 'jd', url: null })]));
    filtered.commit();
    expect(cache.listed('p1', 0, 10).map((j) => j.jobId)).toEqual(['ja', 'jb', 'jc', 'jd']);
    expect(cache.listed('p1', 2, 2).map((j) => j.jobId)).toEqual(['jc', 'jd']);
    const { url: _url, ...listed } = job({ jobId: 'jb' });
    expect(cache.listed('p1', 1, 1)).toEqual([listed]);
    expect(cache.listed('p1', 4, 5)).toEqual([]);
    expect(cache.listed('p2', 0, 5)).toEqual([]);
  });

  it('merges filtered listings laid over a server’s listing instead of piling them up', () => {
    const cache = new JobCache();
    cache.remember('p1', [job({ jobId: 'ja' }), job({ jobId: 'jb' })]);
    const laidOver = (jobs: Job[]): void => {
      const writer = cache.begin('p1', false);
      writer.add(cols(jobs));
      writer.commit();
    };
    for (let i = 0; i < 20; i++)
      laidOver([job({ jobId: 'ja', submittedTime: i }), job({ jobId: `jf${i % 3}`, endTime: i })]);
    // The complete listing, plus the laid-over jobs each once (ja, jf0, jf1, jf2), at most five parts.
    expect(cache.size).toBeLessThanOrEqual(2 + 4 * 5);
    expect(cache.find(job({ jobId: 'ja' }))?.submittedTime).toBe(19);
    expect(cache.find(job({ jobId: 'jb' }))?.status).toBe('esriJobSucceeded');
    expect(cache.find(job({ jobId: 'jf1' }))?.endTime).toBe(19);
    expect(cache.find(job({ jobId: 'jf2' }))?.endTime).toBe(17);
    laidOver([job({ jobId: 'jz' })]);
    expect(cache.find(job({ jobId: 'jz' }))?.jobId).toBe('jz');
    expect(cache.find(job({ jobId: 'jf0' }))?.endTime).toBe(18);
  });
  it('a listing sized from the last one, written over the columns of the one before, keeps every job, whatever the new size', () => {
    const cache = new JobCache();
    const ids = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => `${tag}${i.toString(16).padStart(32, '0')}`);
    const list = (jobIds: string[]): void => {
      const writer = cache.begin('p1');
      for (let from = 0; from < jobIds.length; from += 1000)
        writer.add(
          cols(jobIds.slice(from, from + 1000).map((jobId, i) => job({ jobId, submittedTime: from + i }))),
        );
      writer.commit();
    };
    const everyJob = (jobIds: string[]) =>
      jobIds.every((jobId, i) => cache.find(job({ jobId }))?.submittedTime === i);
    list(ids(3000, 'a'));
    const first = cache.generation('p1');
    // About the same size (its columns kept as they were written), then more than the last listing's
    // size and its slack, with ids of several UTF-8 lengths, then far fewer (its columns copied out).
    const sameSize = ids(3010, 'b');
    list(sameSize);
    expect(cache.generation('p1')).not.toBe(first);
    expect(cache.size).toBe(3010);
    expect(everyJob(sameSize)).toBe(true);
    expect(cache.find(job({ jobId: ids(3000, 'a')[1234]! }))).toBeUndefined();
    // The first listing's columns are spare now, but they were copied out at exactly 3,000 rows (it grew
    // by doubling), too few for this hint (3,010), so this one is written into fresh columns: each job its
    // own, none of the first's.
    const again = ids(3005, 'f');
    list(again);
    expect(cache.size).toBe(3005);
    expect(everyJob(again)).toBe(true);
    expect(cache.find(job({ jobId: ids(3000, 'a')[2999]! }))).toBeUndefined();
    expect(cache.find(job({ jobId: sameSize[3009]! }))).toBeUndefined();
    const more = [...ids(4000, 'c'), 'jé-ünïcode', '🚀', ...ids(1500, 'd')];
    list(more);
    expect(cache.size).toBe(5502);
    expect(everyJob(more)).toBe(true);
    expect(cache.find(job({ jobId: sameSize[0]! }))).toBeUndefined();
    const fewer = ids(10, 'e');
    list(fewer);
    expect(cache.size).toBe(10);
    expect(everyJob(fewer)).toBe(true);
    expect(cache.find(job({ jobId: more[20]! }))).toBeUndefined();
    // And back to the usual size, over whatever columns are spare.
    list(again);
    expect(cache.size).toBe(3005);
    expect(everyJob(again)).toBe(true);
    expect(cache.find(job({ jobId: fewer[3]! }))).toBeUndefined();
  });

  it('listings of the same size, each written over the columns of the one before last, keep only their own jobs', () => {
    const cache = new JobCache();
    const ids = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${i}`);
    const list = (jobIds: string[], t: number): void => {
      const writer = cache.begin('p1');
      for (let from = 0; from < jobIds.length; from += 1000)
        writer.add(cols(jobIds.slice(from, from + 1000).map((jobId) => job({ jobId, submittedTime: t }))));
      writer.commit();
    };
    // From the second listing on, each is presized (kept as views, so its columns can be reused); from
    // the third on, each writes its fields and times into the columns of the one two before it. Their id
    // column is kept only where the ids fit it: the last three tags are one length, so 'i' writes its ids
    // over the bytes of 'g' (stale bytes would show); the earlier ones outgrow it.
    const tags = ['a', 'bb', 'c', 'dddd', 'e', 'ff', 'g', 'h', 'i'];
    tags.forEach((tag, t) => {
      list(ids(2500, tag), t);
      expect(cache.size).toBe(2500);
      const found = ids(2500, tag).map((jobId) => cache.find(job({ jobId }))?.submittedTime);
      expect(found.every((v) => v === t)).toBe(true);
      for (const other of tags.slice(0, t)) expect(cache.find(job({ jobId: `${other}-7` }))).toBeUndefined();
      expect(cache.listed('p1', 2499, 5).map((j) => j.jobId)).toEqual([`${tag}-2499`]);
    });
  });

  it('two listings of a server under way at once never write into the same spare columns', () => {
    const cache = new JobCache();
    const ids = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`);
    const batch = (jobIds: string[], t: number) =>
      cols(jobIds.map((jobId) => job({ jobId, submittedTime: t })));
    for (const tag of ['a', 'b']) {
      const w = cache.begin('p1');
      w.add(batch(ids(2000, tag), 1));
      w.commit();
    }
    // A spare is there now (the 'a' listing's columns); both writers begin before either commits.
    const [x, y] = [cache.begin('p1'), cache.begin('p1')];
    x.add(batch(ids(2000, 'x'), 2));
    y.add(batch(ids(2000, 'y'), 3));
    x.commit();
    expect(cache.find(job({ jobId: 'x1999' }))?.submittedTime).toBe(2);
    y.commit();
    expect(cache.find(job({ jobId: 'y1999' }))?.submittedTime).toBe(3);
    expect(cache.find(job({ jobId: 'x0' }))).toBeUndefined();
    expect(cache.listed('p1', 0, 2001).map((j) => j.jobId)).toEqual(ids(2000, 'y'));
  });
});
