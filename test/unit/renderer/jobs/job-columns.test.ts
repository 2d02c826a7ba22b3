import { describe, expect, it } from 'vitest';
import {
  CHECK_COLUMN_WIDTH,
  JOB_COLUMNS,
  ariaSort,
  gridTemplate,
  tableWidth,
} from '../../../../renderer/src/lib/jobs/job-columns';
import { SORT_COLUMNS } from '../../../../renderer/src/lib/jobs/job-sort';

describe('job table columns', () => {
  it('shows every sortable column, in the issue order', () => {
    expect(JOB_COLUMNS.map((c) => c.id)).toEqual(SORT_COLUMNS);
  });

  it('gives header and rows one fixed-width grid template', () => {
    const template = gridTemplate();
    expect(template.split(' ')).toHaveLength(JOB_COLUMNS.length + 1);
    expect(template).toMatch(/^36px /);
    expect(template).not.toMatch(/fr|auto|%/);
    expect(tableWidth()).toBe(CHECK_COLUMN_WIDTH + JOB_COLUMNS.reduce((w, c) => w + c.width, 0));
  });

  it('reports aria-sort only on the sorted column', () => {
    expect(ariaSort({ column: 'status', direction: 'asc' }, 'status')).toBe('ascending');
    expect(ariaSort({ column: 'status', direction: 'desc' }, 'status')).toBe('descending');
    expect(ariaSort({ column: 'status', direction: 'desc' }, 'user')).toBe('none');
  });
});
