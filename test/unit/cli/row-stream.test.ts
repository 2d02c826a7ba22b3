import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/io';
import type { JobRow } from '../../../electron/cli/output';
import {
  LIST_COLUMNS,
  RESULT_COLUMNS,
  renderCsv,
  renderJobTable,
  renderJson,
} from '../../../electron/cli/output';
import { printRows, rowStream } from '../../../electron/cli/row-stream';
import { reportGatherProblems, type Gathered } from '../../../electron/cli/gather';
import type { JobFilter } from '../../../electron/cli/filters';
import type { ProfileEntry } from '../../../electron/core';

/** An io whose stdout is kept, write by write. */
function capture(): { io: CliIo; writes: string[]; errors: string[] } {
  const writes: string[] = [];
  const errors: string[] = [];
  const io: CliIo = {
    stdout: { write: (chunk: string) => writes.push(chunk) },
    stderr: { write: (chunk: string) => errors.push(chunk) },
    stdin: {} as CliIo['stdin'],
    env: {},
    now: () => 0,
  };
  return { io, writes, errors };
}

const rows: JobRow[] = Array.from({ length: 7 }, (_, i) => ({
  jobId: `j${i}${'f'.repeat(i)}`,
  server: i % 2 ? 'Prod, main' : 'Dev',
  service: i % 3 ? 'Tools/Buffer' : 'Root "quoted"\nline',
  serviceType: 'GP',
  status: i % 2 ? 'esriJobFailed' : 'esriJobSucceeded',
  submittedTime: `2024-05-0${i + 1}T08:00:00.000Z`,
  endTime: i % 2 ? null : '2024-05-09T08:00:00.000Z',
  username: i === 3 ? null : `user${i}`,
  machinename: '=cmd|x',
}));

/** The rows handed to a stream in pages of these sizes (an empty page among them); its whole output. */
function streamed(format: 'json' | 'csv' | 'table', list: readonly JobRow[], width = 120): string[] {
  const { io, writes } = capture();
  const stream = rowStream(
    io,
    format,
    format === 'table' ? ['server', 'jobId', 'status'] : LIST_COLUMNS,
    width,
  );
  for (let i = 0, size = 1; i < list.length; i += size, size++) {
    stream.add(list.slice(i, i + size));
    if (i === 0) stream.add([]);
  }
  expect(stream.end()).toBe(list.length);
  return writes;
}

describe('jobs list printed as pages arrive', () => {
  it('writes the same JSON array and CSV as the whole list, page by page', () => {
    for (const list of [rows, rows.slice(0, 1), []]) {
      const json = streamed('json', list);
      expect(json.join('')).toBe(renderJson(list, LIST_COLUMNS));
      expect(JSON.parse(json.join(''))).toHaveLength(list.length);
      const csv = streamed('csv', list);
      expect(csv.join('')).toBe(renderCsv(list, LIST_COLUMNS));
    }
    // The first page is written before the next one is handed over, not at the end.
    expect(streamed('json', rows).length).toBeGreaterThan(3);
  });

  it('writes the table the whole list gives when the rows fit its first sample, then the count', () => {
    const table = streamed('table', rows).join('');
    expect(table).toBe(`${renderJobTable(rows, ['server', 'jobId', 'status'], 120)}7 jobs on 2 servers.\n`);
    expect(streamed('table', []).join('')).toBe('No jobs match.\n');
  });

  it('fits the table to its first rows and cuts only shrinkable cells of later ones', () => {
    const many = Array.from({ length: 450 }, (_, i) => ({ ...rows[i % 2]!, jobId: `id${i}` }));
    many.push({
      ...rows[1]!,
      server: 'A much longer server name than any before',
      jobId: 'the-last-id-is-long',
    });
    const lines = streamed('table', many, 60).join('').trimEnd().split('\n');
    expect(lines).toHaveLength(many.length + 2);
    const last = lines.at(-2)!;
    // The server column was fitted to the first rows: the long name is cut, the job id is whole.
    expect(last).toContain('…');
    expect(last).toContain('the-last-id-is-long');
    expect(lines[0]!.indexOf('JOB ID')).toBe(lines[1]!.indexOf('id0'));
    // Without a width to fit (stdout is a file), nothing is cut.
    const whole = streamed('table', many, Number.POSITIVE_INFINITY).join('');
    expect(whole).toContain('A much longer server name than any before');
  });
});

describe('a report printed slice by slice (a plan or run of many jobs)', () => {
  it('writes the bytes of the whole JSON array and CSV, never all rows at once', () => {
    for (const count of [0, 1, 999, 1_000, 1_001, 2_500]) {
      const all: JobRow[] = Array.from({ length: count }, (_, i) => ({
        ...rows[i % rows.length]!,
        jobId: `j${i}`,
        result: i % 3 ? 'deleted' : 'failed',
        message: i % 3 ? null : 'HTTP 500, "busy"',
      }));
      let most = 0;
      const rowsOf = (from: number, to: number): JobRow[] => {
        most = Math.max(most, Math.min(to, count) - from);
        return all.slice(from, to);
      };
      const json = capture();
      printRows(json.io, 'json', RESULT_COLUMNS, count, rowsOf);
      expect(json.writes.join(''), String(count)).toBe(renderJson(all, RESULT_COLUMNS));
      const csv = capture();
      printRows(csv.io, 'csv', RESULT_COLUMNS, count, rowsOf);
      expect(csv.writes.join(''), String(count)).toBe(renderCsv(all, RESULT_COLUMNS));
      expect(most).toBeLessThanOrEqual(1_000);
    }
  });
});

describe('a service that failed part way while its pages were printed', () => {
  it('says how many of its jobs were printed, or that none were', () => {
    const { io, errors } = capture();
    const profile = { id: 'p1', name: 'Prod' } as ProfileEntry;
    const error = { kind: 'server' as const, message: 'HTTP 500.' };
    const gathered: Gathered = {
      jobs: [],
      names: new Map([['p1', 'Prod']]),
      failedServers: [],
      failedServices: [
        { profile, service: 'Tools/Buffer', error },
        { profile, service: 'Clip', error },
        { profile, service: 'Tiny', error },
      ],
      partial: [],
      services: 3,
      streamed: new Map([
        ['p1\u0000Tools/Buffer', 120],
        ['p1\u0000Tiny', 1],
      ]),
    };
    expect(reportGatherProblems(gathered, { services: [] } as unknown as JobFilter, io)).toBe(1);
    expect(errors.join('')).toContain(
      'server "Prod", service Tools/Buffer (the 120 jobs listed before the error are included)',
    );
    expect(errors.join('')).toContain('server "Prod", service Clip (its jobs are not included)');
    expect(errors.join('')).toContain(
      'server "Prod", service Tiny (the job listed before the error is included)',
    );
  });
});
