/**
 * The Menu key and Shift+F10 on the focused row open its context menu even when that row has been scrolled
 * out of the rendered window (it has no element then): the row is brought back into view and the menu is
 * anchored under it, inside the grid, naming the focused job.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { jobGrid, renderedRows } from './workspace-helpers';

/** Scrolls the grid far from row 0, until row 0 has no element. */
async function scrollAway(page: Page, grid: Locator): Promise<void> {
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.locator('[data-index="0"]')).toHaveCount(0);
  await expect(renderedRows(page).first()).toBeVisible();
}

/** Whether `inner`'s box lies within `outer`'s. */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  return !!a && !!b && a.y >= b.y && a.y + 1 <= b.y + b.height && a.x >= b.x && a.x < b.x + b.width;
}

test('Menu and Shift+F10 on a focused row scrolled out of the window reveal it and open its menu', async ({
  openSite,
}) => {
  const { page } = await openSite({ name: 'Long site', jobs: 300, seed: 102 });
  const grid = jobGrid(page);
  const first = renderedRows(page).first();
  await expect(first).toHaveAttribute('data-index', '0');
  const jobId = (await first.locator('.mono').getAttribute('title'))!;
  await first.locator('[role=gridcell]').last().click(); // focuses row 0 (and the grid)
  await expect(grid).toBeFocused();

  for (const key of ['Shift+F10', 'ContextMenu']) {
    await scrollAway(page, grid);
    await page.keyboard.press(key);
    const menu = page.getByRole('menu', { name: `Job ${jobId}` });
    await expect(menu, key).toBeVisible();
    const row = grid.locator('[data-index="0"]');
    await expect(row, key).toBeInViewport();
    // Anchored at the row it acts on, inside the grid, not at the window's corner.
    expect(await inside(menu, grid), key).toBe(true);
    const [rowBox, menuBox] = [await row.boundingBox(), await menu.boundingBox()];
    expect(Math.abs(menuBox!.y - (rowBox!.y + rowBox!.height)), key).toBeLessThanOrEqual(2);
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await grid.focus();
  }
});
