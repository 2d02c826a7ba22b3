/**
 * The job table's row elements while it scrolls (row-slots.ts, job-table-body.svelte): a row still in the
 * window keeps its element, the elements of the rows that left move to where the new rows go (DOM order
 * stays row order, for screen readers), and a jump moves none.
 */
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { expectRowCount, jobGrid, renderedRows, THREE_SITES } from './workspace-helpers';

/**
 * A step from rows 36..59 to 56..79 (a window of 24 rows here: 16 in view at least partly, 4 overscan each
 * side) keeps rows 56..59 and brings in 20, more than it keeps. Returns the rows whose elements moved (by
 * the row each showed before the step), the DOM order after it, and the calls that moved them.
 */
async function longStep(
  page: Page,
): Promise<{ moved: number[]; order: number[]; calls: Record<string, number> }> {
  await expectRowCount(page, 120);
  const grid = jobGrid(page);
  await grid.evaluate((el) => (el.scrollTop = 40 * 28));
  await expect(renderedRows(page).first()).toHaveAttribute('data-index', '36');
  await grid.evaluate((el) => {
    const w = window as unknown as { moved: HTMLElement[]; marks: Map<HTMLElement, string> };
    const body = el.querySelector('[role=row][data-index]')!.parentElement!;
    w.moved = [];
    w.marks = new Map(
      [...body.querySelectorAll<HTMLElement>('[role=row]')].map((r) => [r, r.dataset.index!]),
    );
    // How the rows move: moveBefore (Chromium 133+) keeps a moved element's styles, so only what its
    // new row changed is restyled; insertBefore detaches it and restyles every element of the row.
    const calls = ((window as unknown as { calls: Record<string, number> }).calls = {});
    for (const name of ['moveBefore', 'insertBefore'] as const) {
      const own = (body as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>)[name];
      if (!own) continue;
      Object.defineProperty(body, name, {
        value: (...a: unknown[]) => {
          (calls as Record<string, number>)[name] = ((calls as Record<string, number>)[name] ?? 0) + 1;
          return own.apply(body, a);
        },
      });
    }
    new MutationObserver((ms) => {
      for (const m of ms) for (const n of m.removedNodes) w.moved.push(n as HTMLElement);
    }).observe(body, { childList: true });
  });
  await grid.evaluate((el) => (el.scrollTop = 60 * 28));
  await expect(renderedRows(page).first()).toHaveAttribute('data-index', '56');
  const { moved, order } = await grid.evaluate((el) => {
    const w = window as unknown as { moved: HTMLElement[]; marks: Map<HTMLElement, string> };
    return {
      moved: [...new Set(w.moved)].map((n) => Number(w.marks.get(n))).sort((a, b) => a - b),
      order: [...el.querySelectorAll<HTMLElement>('[role=row][data-index]')].map((r) =>
        Number(r.dataset.index),
      ),
    };
  });
  const calls = await page.evaluate(() => (window as unknown as { calls: Record<string, number> }).calls);
  return { moved, order, calls };
}

test.describe("the job table's row elements while scrolling", () => {
  test('a scroll keeps the elements of the rows still in the window, and the rows stay in row order', async ({
    openSites,
  }) => {
    const { page } = await openSites(THREE_SITES);
    await expectRowCount(page, 120);
    const grid = jobGrid(page);
    /** The rendered rows' indexes in DOM order, and whether each is the element it was when marked. */
    const rowsNow = () =>
      grid.evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('[role=row][data-index]')].map((row) => ({
          index: Number(row.dataset.index),
          kept: (row as HTMLElement & { mark?: string }).mark === row.dataset.index,
        })),
      );
    await grid.evaluate((el) => {
      for (const row of el.querySelectorAll<HTMLElement>('[role=row][data-index]'))
        (row as HTMLElement & { mark?: string }).mark = row.dataset.index;
    });
    const before = await rowsNow();
    // Twenty rows down: the window moves past its overscan, so some rows leave and others come.
    await grid.evaluate((el) => (el.scrollTop = 20 * 28));
    await expect(renderedRows(page).first()).not.toHaveAttribute('data-index', '0');
    const after = await rowsNow();
    const stayed = after.filter((r) => before.some((b) => b.index === r.index));
    const came = after.filter((r) => !before.some((b) => b.index === r.index));
    expect(stayed.length).toBeGreaterThan(0);
    expect(came.length).toBeGreaterThan(0);
    expect(stayed.every((r) => r.kept)).toBe(true);
    expect(came.some((r) => r.kept)).toBe(false);
    const order = after.map((r) => r.index);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.at(-1)! - order[0]!).toBe(order.length - 1);
  });

  test('a step longer than half the window moves only the elements of the rows that came, not those kept', async ({
    openSites,
  }) => {
    const { page } = await openSites(THREE_SITES);
    const { moved, order, calls } = await longStep(page);
    expect(moved).toEqual(Array.from({ length: 20 }, (_, i) => 36 + i)); // the rows that left, not 56..59
    expect(Object.keys(calls)).toEqual(['moveBefore']);
    expect(calls.moveBefore).toBeGreaterThan(0);
    expect(order).toEqual(Array.from({ length: 24 }, (_, i) => 56 + i));
  });

  test('without moveBefore (a browser of `gpjobs ui` that lacks it) the same step moves the same elements with insertBefore', async ({
    openSites,
  }) => {
    const { page } = await openSites(THREE_SITES);
    // Checked at each move, so taking it away now is as if the engine never had it.
    await page.evaluate(() => delete (Element.prototype as { moveBefore?: unknown }).moveBefore);
    expect(await page.evaluate(() => 'moveBefore' in document.body)).toBe(false);
    const { moved, order, calls } = await longStep(page);
    expect(moved).toEqual(Array.from({ length: 20 }, (_, i) => 36 + i));
    expect(Object.keys(calls)).toEqual(['insertBefore']);
    expect(calls.insertBefore).toBeGreaterThan(0);
    expect(order).toEqual(Array.from({ length: 24 }, (_, i) => 56 + i));
  });

  test("a jump moves no row element, and the focused row stays the grid's active descendant", async ({
    openSites,
  }) => {
    const { page } = await openSites(THREE_SITES);
    await expectRowCount(page, 120);
    const grid = jobGrid(page);
    await grid.evaluate((el) => (el.scrollTop = 20 * 28));
    await expect(renderedRows(page).first()).toHaveAttribute('data-index', '16');
    await grid.locator('[role=row][data-index="25"] .status').click();
    await expect(grid).toHaveAttribute('aria-activedescendant', /25$/);
    await grid.evaluate((el) => {
      const w = window as unknown as { moved: number };
      const body = el.querySelector('[role=row][data-index]')!.parentElement!;
      w.moved = 0;
      new MutationObserver((ms) => {
        for (const m of ms) w.moved += m.removedNodes.length + m.addedNodes.length;
      }).observe(body, { childList: true });
    });
    // From rows 16..39 to 76..99: no row in common.
    await grid.evaluate((el) => (el.scrollTop = 80 * 28));
    await expect(renderedRows(page).first()).toHaveAttribute('data-index', '76');
    expect(await page.evaluate(() => (window as unknown as { moved: number }).moved)).toBe(0);
    // The focused row left the window: no active descendant; back in it, the id names its element again.
    await expect(grid).not.toHaveAttribute('aria-activedescendant', /.+/);
    await grid.evaluate((el) => (el.scrollTop = 10 * 28));
    await expect(grid).toHaveAttribute('aria-activedescendant', /25$/);
    const id = (await grid.getAttribute('aria-activedescendant'))!;
    await expect(page.locator(`[id="${id}"]`)).toHaveAttribute('data-index', '25');
    await expect(page.locator(`[id="${id}"]`)).toHaveAttribute('aria-rowindex', '27');
  });
});
