import { describe, expect, it } from 'vitest';
import {
  CHECK_COLUMN_WIDTH,
  DEFAULT_COLUMNS,
  JOB_COLUMNS,
  ariaSort,
  gridTemplate,
  tableWidth,
} from '../../../../../renderer/src/lib/jobs/job-columns';
import { SORT_COLUMNS } from '../../../../../renderer/src/lib/jobs/job-sort';

describe('job table columns', () => {
  it('offers every sortable column, in table order', () => {
    expect(JOB_COLUMNS.map((c) => c.id)).toEqual(SORT_COLUMNS);
  });

  it('shows by default the columns that fit a 1280 px window beside the 300 px sidebar', () => {
    expect(DEFAULT_COLUMNS.map((c) => c.label)).toEqual([
      'Server',
      'Service',
      'Job ID',
      'Status',
      'Result',
      'Submitted',
      'Age',
    ]);
    // Less a 15 px scrollbar.
    expect(tableWidth()).toBeLessThanOrEqual(1280 - 300 - 15);
    for (const c of JOB_COLUMNS) expect(c.width).toBeGreaterThanOrEqual(c.minWidth);
  });

  it('gives header and rows one fixed-width grid template', () => {
    const template = gridTemplate();
    expect(template.split(' ')).toHaveLength(DEFAULT_COLUMNS.length + 1);
    expect(template).toMatch(/^36px /);
    expect(template).not.toMatch(/fr|auto|%/);
    expect(tableWidth()).toBe(CHECK_COLUMN_WIDTH + DEFAULT_COLUMNS.reduce((w, c) => w + c.width, 0));
  });

  it('reports aria-sort only on the sorted column', () => {
    expect(ariaSort({ column: 'status', direction: 'asc' }, 'status')).toBe('ascending');
    expect(ariaSort({ column: 'status', direction: 'desc' }, 'status')).toBe('descending');
    expect(ariaSort({ column: 'status', direction: 'desc' }, 'user')).toBe('none');
  });
});
