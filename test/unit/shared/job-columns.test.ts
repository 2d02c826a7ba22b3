/** Listed jobs in columns: what the window rebuilds is what the main process sent, over either transport. */
import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { fromColumns, jsonColumns, toColumns } from '../../../electron/shared/job-columns';
import type { ListedJob } from '../../../electron/shared/views';

type Row = [string, string, string, number | null, number | null, string | null, string | null];

/** A job of server p1 from its id, service, status, times, user and machine. */
const listed = ([jobId, service, status, submittedTime, endTime, username, machinename]: Row): ListedJob => ({
  profileId: 'p1',
  service,
  jobId,
  status,
  submittedTime,
  endTime,
  username,
  machinename,
});

const GP = 'Tools/Buffer';
const batch: ListedJob[] = (
  [
    ['j1', GP, 'esriJobSucceeded', 1_700_000_000_000, 1_700_000_060_000, 'admin', 'GIS01.EXAMPLE.COM'],
    ['j2', GP, 'esriJobFailed', 1_700_000_000_001, 1_700_000_060_001, 'ops', 'GIS01.EXAMPLE.COM'],
    ['j3', GP, 'esriJobSucceeded', null, null, null, null],
    ['jé 🚀', 'Basemaps/Streets.MapServer', 'esriJobSomethingNew', 1_700_000_000_002, 0, 'admin', null],
    ['j5', GP, 'esriJobSucceeded', 1_700_000_000_003, null, 'admin', 'GIS02'],
  ] satisfies Row[]
).map(listed);

describe('job columns', () => {
  it('rebuild every job with its fields, nulls and odd values as they were', () => {
    expect(fromColumns('p1', toColumns(batch))).toEqual(batch);
  });

  it('send each repeated string once per batch', () => {
    const columns = toColumns(batch);
    expect([...columns.strings].sort()).toEqual(
      [
        'Tools/Buffer',
        'Basemaps/Streets.MapServer',
        'esriJobSucceeded',
        'esriJobFailed',
        'esriJobSomethingNew',
        'admin',
        'ops',
        'GIS01.EXAMPLE.COM',
        'GIS02',
      ].sort(),
    );
    expect(columns.jobIds).toHaveLength(batch.length);
    expect(columns.fields).toHaveLength(4 * batch.length);
    expect(columns.times).toHaveLength(2 * batch.length);
  });

  it('survive the structured clone and JSON unchanged', () => {
    const columns = toColumns(batch);
    const cloned = deserialize(serialize(columns)) as typeof columns;
    expect(cloned.fields).toBeInstanceOf(Int32Array);
    expect(cloned.times).toBeInstanceOf(Float64Array);
    expect(fromColumns('p1', cloned)).toEqual(batch);
    // JSON, as gpjobs ui's event stream sends them: the typed columns go as arrays, not objects by index.
    const text = JSON.stringify(jsonColumns(columns));
    const parsed = JSON.parse(text) as ReturnType<typeof jsonColumns>;
    expect(Array.isArray(parsed.fields) && Array.isArray(parsed.times)).toBe(true);
    expect(text).not.toContain('"0":');
    expect(fromColumns('p1', parsed)).toEqual(batch);
  });

  it('are packed arrays and typed arrays, which the structured clone writes without an index per element', () => {
    const columns = toColumns(batch);
    // After the two header bytes, V8's serializer tags an array 'A' (dense) or 'a' (sparse: an array
    // created with holes, even once filled, is written element by element with its index); a typed
    // array goes as its bytes in one piece (plus a header of a few bytes).
    const DENSE = 'A'.charCodeAt(0);
    for (const column of [columns.strings, columns.jobIds]) expect(serialize(column)[2]).toBe(DENSE);
    expect(columns.fields).toBeInstanceOf(Int32Array);
    expect(columns.times).toBeInstanceOf(Float64Array);
    for (const column of [columns.fields, columns.times])
      expect(serialize(column).length).toBeLessThan(column.byteLength + 16);
  });

  it('keep each batch its own, over page-sized and larger batches', () => {
    const many = (n: number, tag: string): ListedJob[] =>
      Array.from({ length: n }, (_, i) => ({ ...batch[i % batch.length]!, jobId: `${tag}${i}` }));
    const DENSE = 'A'.charCodeAt(0);
    for (const n of [1000, 5000]) {
      const first = many(n, 'a');
      const columns = toColumns(first);
      // A second batch must not write into the first's columns (its ids are cut from the same blank ones).
      const second = many(3, 'b');
      const secondColumns = toColumns(second);
      // Packed as made, which is when the main process serializes a batch. Checked before `fromColumns`
      // reads them: once V8 has optimized `fromColumns` for the holey arrays `deserialize` gives (the
      // structured clone test above feeds it some), its loads may turn the arrays they read holey too.
      for (const column of [columns.jobIds, secondColumns.jobIds]) expect(serialize(column)[2]).toBe(DENSE);
      expect(secondColumns.fields.buffer).not.toBe(columns.fields.buffer);
      expect(secondColumns.times.buffer).not.toBe(columns.times.buffer);
      expect(fromColumns('p1', secondColumns)).toEqual(second);
      expect(fromColumns('p1', columns)).toEqual(first);
    }
  });

  it('give an empty batch for empty columns', () => {
    expect(fromColumns('p1', toColumns([]))).toEqual([]);
  });
});
