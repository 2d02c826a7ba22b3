import { describe, expect, it } from 'vitest';
import type { Column } from '../../../electron/cli/table';
import { fitWidths, renderTable, truncate } from '../../../electron/cli/table';

interface Row {
  name: string;
  note: string;
  n: number;
}

const columns: Column<Row>[] = [
  { header: 'NAME', value: (r) => r.name },
  { header: 'NOTE', value: (r) => r.note },
  { header: 'N', value: (r) => String(r.n), align: 'right' },
];
const rows: Row[] = [
  { name: 'alpha', note: 'a fairly long note about alpha', n: 1 },
  { name: 'b', note: 'short', n: 120 },
];

describe('renderTable', () => {
  it('fits a table of 300,000 rows (no argument spread per row)', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => ({ name: `job${i}`, note: '', n: i }));
    const lines = renderTable(columns, many).split('\n');
    expect(lines).toHaveLength(300_002);
    expect(lines[300_000]).toBe('job299999        299999');
  });

  it('aligns columns, right-aligns numbers and trims trailing spaces', () => {
    expect(renderTable(columns, rows)).toBe(
      [
        'NAME   NOTE                              N',
        'alpha  a fairly long note about alpha    1',
        'b      short                           120',
        '',
      ].join('\n'),
    );
  });

  it('shortens the widest shrinkable column with an ellipsis to fit the width', () => {
    const text = renderTable(columns, rows, 30);
    for (const line of text.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(30);
    expect(text).toContain('alpha  a fairly long not…    1');
    expect(text).toContain('alpha');
  });

  it('drops optional columns, lowest order first, when shortening is not enough', () => {
    const withOptional: Column<Row>[] = [
      { header: 'NAME', value: (r) => r.name, shrink: false },
      { header: 'NOTE', value: (r) => r.note, shrink: false, dropOrder: 1 },
      { header: 'N', value: (r) => String(r.n), align: 'right', dropOrder: 2 },
    ];
    expect(renderTable(withOptional, rows, 12)).toBe(
      ['NAME     N', 'alpha    1', 'b      120', ''].join('\n'),
    );
  });

  it('puts a line break of a cell on one line', () => {
    expect(renderTable([columns[0]!], [{ name: 'two\nlines', note: '', n: 0 }])).toBe('NAME\ntwo lines\n');
  });
});

describe('fitWidths and truncate', () => {
  it('never cuts below a column minimum or cuts unshrinkable columns', () => {
    expect(fitWidths([20, 20], [8, 8], [true, false], 10)).toEqual([8, 20]);
  });

  it('truncates by characters, not bytes', () => {
    expect(truncate('héllo wörld', 6)).toBe('héllo…');
    expect(truncate('short', 10)).toBe('short');
  });
});
