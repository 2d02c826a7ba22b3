import { describe, expect, it } from 'vitest';
import {
  csvField,
  EXPORT_COLUMNS,
  exportRunCsv,
  exportRunJson,
} from '../../../../electron/core/audit/export';
import type { ExportableResult } from '../../../../electron/core/audit/export';

const result: ExportableResult = {
  jobId: 'j1',
  profileId: 'p1',
  server: 'Prod, "main"',
  service: 'Tools/Buffer',
  action: 'delete',
  outcome: 'failed',
  message: 'Unable to delete job\nsecond line',
  code: 400,
  kind: 'server',
  status: 'esriJobSucceeded',
  submittedTime: Date.UTC(2024, 0, 2, 3, 4, 5),
  endTime: null,
  username: 'analyst',
  machinename: 'GIS01',
  time: '2024-01-03T00:00:00.000Z',
};

/** A small RFC 4180 parser, to prove the export reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('CSV export', () => {
  it('starts with the columns the product names, in order', () => {
    const header = exportRunCsv([]).split('\r\n')[0]!.split(',');
    expect(header.slice(0, 11)).toEqual([
      'jobId',
      'server',
      'service',
      'serviceType',
      'status',
      'submittedTime',
      'endTime',
      'username',
      'machinename',
      'result',
      'message',
    ]);
    expect(header).toEqual(EXPORT_COLUMNS);
  });

  it('quotes commas, quotes and line breaks so every field reads back intact', () => {
    const [header, row] = parseCsv(exportRunCsv([result]));
    const value = (name: string) => row![header!.indexOf(name)];
    expect(value('server')).toBe('Prod, "main"');
    expect(value('message')).toBe('Unable to delete job\nsecond line');
    expect(value('submittedTime')).toBe('2024-01-02T03:04:05.000Z');
    expect(value('endTime')).toBe('');
    expect(value('result')).toBe('failed');
    expect(value('code')).toBe('400');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
  });
});

describe('JSON export', () => {
  it('writes one row object per result with ISO times', () => {
    const rows = JSON.parse(
      exportRunJson([result, { ...result, jobId: 'j2', finishedAt: 0, time: undefined }]),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ jobId: 'j1', result: 'failed', endTime: null, code: 400 });
    expect(rows[1].time).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('service types in exports', () => {
  it('names the service as Folder/Name and its type; a record without a type is a GP job', () => {
    const tiles = { ...result, service: 'Basemaps/Streets.MapServer', jobId: 'j2_et' };
    const rows = JSON.parse(exportRunJson([result, tiles])) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.service, r.serviceType, r.jobId])).toEqual([
      ['Tools/Buffer', 'GP', 'j1'],
      ['Basemaps/Streets', 'Map', 'j2_et'],
    ]);
  });
});
