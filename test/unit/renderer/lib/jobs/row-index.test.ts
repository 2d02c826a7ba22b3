import { describe, expect, it } from 'vitest';
import { compileFilter, emptyFilter } from '../../../../../renderer/src/lib/jobs/job-filter';
import { RowIndex } from '../../../../../renderer/src/lib/jobs/row-index';
import { manyJobs } from './make-jobs';

const NOW = 1_700_000_000_000;

/** What the job filter's free text lets through, one byte per job. */
const expected = (jobs: ReturnType<typeof manyJobs>, text: string): number[] => {
  const matches = compileFilter({ ...emptyFilter(), text }, NOW);
  return jobs.map((j) => (matches(j) ? 1 : 0));
};

describe('RowIndex', () => {
  it('answers only for the list it follows, and leaves text spanning lines to the filter', () => {
    const jobs = manyJobs(300, 2, NOW);
    const index = new RowIndex();
    index.follow(jobs, null);
    expect(index.textMask(jobs.slice(), 'user1')).toBeNull();
    expect(index.sortKeys(jobs.slice())).toBeUndefined();
    expect(index.textMask(jobs, 'a\nb')).toBeNull();
    expect([...index.textMask(jobs, 'user1')!]).toEqual(expected(jobs, 'user1'));
    expect(index.sortKeys(jobs)!.jobIds).toHaveLength(300);
  });

  it('indexes a big list that replaced the last one when first asked, and extends it batch by batch', () => {
    const all = manyJobs(62_000, 3, NOW);
    const index = new RowIndex();
    const big = all.slice(0, 60_000);
    index.follow(big, null);
    expect([...index.textMask(big, 'gis3')!]).toEqual(expected(big, 'gis3'));
    index.follow(all, big);
    expect([...index.textMask(all, 'gis3')!]).toEqual(expected(all, 'gis3'));
    expect([...index.textMask(all, '12')!]).toEqual(expected(all, '12'));
  });

  it('narrows from the last text while typing on, and widens again when text is deleted, as rows stream in', () => {
    const all = manyJobs(3_000, 6, NOW);
    const index = new RowIndex();
    let list = all.slice(0, 1_000);
    index.follow(list, null);
    for (const [i, text] of ['u', 'us', 'user', 'user1', 'user', 's', 'svc1', 'svc11'].entries()) {
      if (i === 3 || i === 6) {
        const grown = all.slice(0, list.length + 1_000);
        index.follow(grown, list);
        list = grown;
      }
      expect([...index.textMask(list, text)!], text).toEqual(expected(list, text));
    }
  });
});
