/**
 * The job table's row elements while it scrolls (row-slots.ts, job-table-body.svelte): a row still in the
 * window keeps its element, the elements of the rows that left show the rows that came where they are (no
 * element is ever moved, added or removed), and the rowgroup's aria-owns gives assistive technology the
 * row order (DOM order is slot order).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectRowCount, jobGrid, THREE_SITES } from './workspace-helpers';

/** The row indexes aria-owns lists, in its order (each id ends in its row's index). */
async function ownedRows(grid: Locator): Promise<number[]> {
  return grid.evaluate((el) => {
    const body = el.querySelector('[role=rowgroup][aria-owns]')!;
    return body
      .getAttribute('aria-owns')!
      .split(' ')
      .map((id) => {
        const row = document.getElementById(id);
        if (!row || row.parentElement !== body) throw new Error(`aria-owns names ${id}, no row of the grid`);
        return Number(row.dataset.index);
      });
  });
}

/** Waits until the window starts at row `start` (aria-owns' first row). */
async function expectWindowAt(grid: Locator, start: number): Promise<void> {
  await expect.poll(async () => (await ownedRows(grid))[0]).toBe(start);
}

/** Marks every row element with the row it shows, and counts the rowgroup's child list changes from now on. */
async function markRows(grid: Locator): Promise<void> {
  await grid.evaluate((el) => {
    const body = el.querySelector('[role=rowgroup][aria-owns]')!;
    const w = window as unknown as { mutations: number };
    w.mutations = 0;
    for (const row of body.querySelectorAll<HTMLElement>('[role=row][data-index]'))
      (row as HTMLElement & { mark?: string }).mark = row.dataset.index;
    new MutationObserver((ms) => {
      for (const m of ms) w.mutations += m.addedNodes.length + m.removedNodes.length;
    }).observe(body, { childList: true });
  });
}

/** The rendered rows in DOM order: each one's row, and the row it showed when marked. */
async function rowsNow(grid: Locator): Promise<Array<{ index: number; mark: number }>> {
  return grid.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('[role=row][data-index]')].map((row) => ({
      index: Number(row.dataset.index),
      mark: Number((row as HTMLElement & { mark?: string }).mark),
    })),
  );
}

const mutations = (page: Page) => page.evaluate(() => (window as unknown as { mutations: number }).mutations);
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

test.describe("the job table's row elements while scrolling", () => {
  test('a scroll keeps the elements of the rows still in the window, moves none, and aria-owns gives row order', async ({
    openSites,
  }) => {
    const { page } = await openSites(THREE_SITES);
    await expectRowCount(page, 120);
    const grid = jobGrid(page);
    await expectWindowAt(grid, 0);
    // At first DOM order is row order too.
    expect((await rowsNow(grid)).map((r) => r.index)).toEqual(await ownedRows(grid));
    await markRows(grid);
    const before = await rowsNow(grid);
    // Twenty rows down: the window moves past its overscan, so some rows leave and others come.
    await grid.evaluate((el) => (el.scrollTop = 20 * 28));
    await expectWindowAt(grid, 16);
    const after = await rowsNow(grid);
    const stayed = after.filter((r) => before.some((b) => b.index === r.index));
    const came = after.filter((r) => !before.some((b) => b.index === r.index));
    expect(stayed.length).toBeGreaterThan(0);
    expect(came.length).toBeGreaterThan(0);
    expect(stayed.every((r) => r.mark === r.index)).toBe(true);
    expect(came.every((r) => r.mark !== r.index)).toBe(true);
    expect(await mutations(page)).toBe(0);
    expect(await ownedRows(grid)).toEqual(range(16, after.length));
  });

  test('a step longer than half the window gives the rows that came to the elements of those that left, in place', async ({
    openSites,
  }) => {
    const { page } = await openSites(THREE_SITES);
    await expectRowCount(page, 120);
    const grid = jobGrid(page);
    // A window of 24 rows here (16 in view at least partly, 4 overscan each side): from start 36 to start
    // 56 keeps rows 56..59 and brings in 20, more than it keeps.
    await grid.evaluate((el) => (el.scrollTop = 40 * 28));
    await expectWindowAt(grid, 36);
    await markRows(grid);
    const before = await rowsNow(grid);
    await grid.evaluate((el) => (el.scrollTop = 60 * 28));
    await expectWindowAt(grid, 56);
    const after = await rowsNow(grid);
    // Element k of the DOM is the same element before and after (nothing moved): rows 56..59 kept theirs,
    // and the elements of 36..55 show 60..79.
    expect(after.map((r) => r.mark)).toEqual(before.map((r) => r.index));
    expect(after.filter((r) => r.mark === r.index).map((r) => r.index)).toEqual(range(56, 4));
    expect(
      after
        .filter((r) => r.mark !== r.index)
        .map((r) => r.mark)
        .sort((a, b) => a - b),
    ).toEqual(range(36, 20));
    expect(await mutations(page)).toBe(0);
    expect(await ownedRows(grid)).toEqual(range(56, 24));
  });

  test("a jump moves no row element, and the focused row stays the grid's active descendant", async ({
    openSites,
  }) => {
    const { page } = await openSites(THREE_SITES);
    await expectRowCount(page, 120);
    const grid = jobGrid(page);
    await grid.evaluate((el) => (el.scrollTop = 20 * 28));
    await expectWindowAt(grid, 16);
    await grid.locator('[role=row][data-index="25"] .status').click();
    await expect(grid).toHaveAttribute('aria-activedescendant', /25$/);
    await markRows(grid);
    // From rows 16.. to 76..: no row in common.
    await grid.evaluate((el) => (el.scrollTop = 80 * 28));
    await expectWindowAt(grid, 76);
    expect(await mutations(page)).toBe(0);
    // Row 25's selection shows the action bar, so the window here is shorter than 24 rows.
    const rows = await rowsNow(grid);
    expect(rows.every((r) => r.index >= 76 && r.mark < 76)).toBe(true);
    expect(await ownedRows(grid)).toEqual(range(76, rows.length));
    // The focused row left the window: no active descendant; back in it, the id names its element again.
    await expect(grid).not.toHaveAttribute('aria-activedescendant', /.+/);
    await grid.evaluate((el) => (el.scrollTop = 10 * 28));
    await expect(grid).toHaveAttribute('aria-activedescendant', /25$/);
    const id = (await grid.getAttribute('aria-activedescendant'))!;
    await expect(page.locator(`[id="${id}"]`)).toHaveAttribute('data-index', '25');
    await expect(page.locator(`[id="${id}"]`)).toHaveAttribute('aria-rowindex', '27');
  });
});
