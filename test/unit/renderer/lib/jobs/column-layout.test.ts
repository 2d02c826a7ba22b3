import { describe, expect, it } from 'vitest';
import {
  defaultLayout,
  loadLayout,
  moveColumn,
  parseLayout,
  resizeColumn,
  saveLayout,
  toggleColumn,
  visibleColumns,
} from '../../../../../renderer/src/lib/jobs/column-layout';
import {
  DEFAULT_COLUMNS,
  JOB_COLUMNS,
  MAX_COLUMN_WIDTH,
} from '../../../../../renderer/src/lib/jobs/job-columns';

const shown = (l: ReturnType<typeof defaultLayout>) => visibleColumns(l).map((c) => c.id);

describe('the column layout', () => {
  it('starts with the default columns', () => {
    expect(visibleColumns(defaultLayout())).toEqual(DEFAULT_COLUMNS);
  });

  it('shows and hides columns, never the last one', () => {
    let l = toggleColumn(defaultLayout(), 'machine');
    expect(shown(l).at(-1)).toBe('machine');
    l = toggleColumn(l, 'server');
    expect(shown(l)).not.toContain('server');
    let only = defaultLayout();
    for (const id of shown(only).slice(1)) only = toggleColumn(only, id);
    expect(shown(toggleColumn(only, 'server'))).toEqual(['server']);
  });

  it('moves a column among the shown ones', () => {
    const l = moveColumn(defaultLayout(), 'status', -2);
    expect(shown(l).slice(0, 4)).toEqual(['server', 'status', 'service', 'jobId']);
    expect(shown(moveColumn(l, 'status', 1)).slice(0, 4)).toEqual(['server', 'service', 'status', 'jobId']);
    expect(moveColumn(defaultLayout(), 'server', -1)).toEqual(defaultLayout());
  });

  it('resizes within bounds', () => {
    const status = JOB_COLUMNS.find((c) => c.id === 'status')!;
    expect(visibleColumns(resizeColumn(defaultLayout(), 'status', 10))[3]!.width).toBe(status.minWidth);
    expect(visibleColumns(resizeColumn(defaultLayout(), 'status', 9999))[3]!.width).toBe(MAX_COLUMN_WIDTH);
  });

  it('reads old or damaged layouts tolerantly, adding new columns in their default place', () => {
    expect(parseLayout(null)).toEqual(defaultLayout());
    const old = parseLayout({
      order: ['jobId', 'server', 'nonsense'],
      hidden: ['server'],
      widths: { jobId: 'x', user: 150 },
    });
    expect(old.order[0]).toBe('jobId');
    expect(old.order.indexOf('server')).toBeLessThan(old.order.indexOf('service'));
    expect(old.order).toHaveLength(JOB_COLUMNS.length);
    expect(old.hidden).toContain('server');
    expect(old.hidden).toContain('machine');
    expect(old.widths).toEqual({ user: 150 });
  });

  it('persists through storage', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const l = resizeColumn(toggleColumn(defaultLayout(), 'user'), 'service', 260);
    saveLayout(storage, 'k', l);
    expect(loadLayout(storage, 'k')).toEqual(l);
    store.set('k', '{broken');
    expect(loadLayout(storage, 'k')).toEqual(defaultLayout());
  });
});
