/** Which status a job listed under a status filter may have reached by the time it is read on its own. */
import { describe, expect, it } from 'vitest';
import { FILTER_PROBES, mayHaveMoved, statuslessIds } from '../../../../electron/core/arcgis/filter-check';
import { readPageBatch } from '../../../../electron/core/arcgis/page-batch';
import { readQueryList } from '../../../../electron/core/arcgis/normalize';

describe('mayHaveMoved', () => {
  it('lets a job under way reach a later step or any end', () => {
    expect(mayHaveMoved('esriJobExecuting', 'esriJobSucceeded')).toBe(true);
    expect(mayHaveMoved('esriJobExecuting', 'esriJobFailed')).toBe(true);
    expect(mayHaveMoved('esriJobSubmitted', 'esriJobExecuting')).toBe(true);
    expect(mayHaveMoved('esriJobNew', 'esriJobCancelled')).toBe(true);
    expect(mayHaveMoved('esriJobCancelling', 'esriJobCancelled')).toBe(true);
  });

  it('never lets a job go back, or an ended job become another end', () => {
    expect(mayHaveMoved('esriJobFailed', 'esriJobSucceeded')).toBe(false);
    expect(mayHaveMoved('esriJobSucceeded', 'esriJobFailed')).toBe(false);
    expect(mayHaveMoved('esriJobExecuting', 'esriJobSubmitted')).toBe(false);
    expect(mayHaveMoved('esriJobExecuting', 'esriJobExecuting')).toBe(false);
    expect(mayHaveMoved('esriJobCancelled', 'esriJobExecuting')).toBe(false);
    expect(mayHaveMoved('esriJobCancelling', 'esriJobSucceeded')).toBe(false);
  });

  it('lets any job be being deleted, and a read without a status tell nothing', () => {
    expect(mayHaveMoved('esriJobFailed', 'esriJobDeleting')).toBe(true);
    expect(mayHaveMoved('esriJobSucceeded', 'esriJobDeleted')).toBe(true);
    expect(mayHaveMoved('esriJobFailed', 'unknown')).toBe(true);
  });
});

describe('statuslessIds', () => {
  it('names the first jobs whose entries carried no status, from the rows the page read filled', () => {
    const results: Record<string, object> = { s1: { status: 'esriJobFailed' } };
    for (let i = 0; i < FILTER_PROBES + 2; i++) results[`e${i}`] = i === 1 ? { jobStatus: 'Failed' } : {};
    const list = readQueryList({ results });
    if (!('list' in list)) throw new Error('no list');
    const fill = { status: 'esriJobFailed', username: null, machinename: null };
    const { batch, filledRows } = readPageBatch(list.list, 'Tools/Buffer', fill);
    expect(statuslessIds(batch, filledRows)).toEqual(['e0', 'e2', 'e3']);
    expect(statuslessIds(batch, [])).toEqual([]);
  });
});
