/**
 * Accessibility (issue 16 item 12): axe-core finds no serious or critical violation on any view, in both
 * themes and in forced-colors mode; a keyboard-only administrator can filter, select all matching, delete,
 * type the count and confirm.
 */
import { violations } from './axe';
import { expect, test } from './fixtures';
import { expectRowCount, jobGrid } from './workspace-helpers';

const site = { name: 'Accessible site', production: true, jobs: 40, seed: 91, cancelDelayMs: 10 };

/** Every value of `seen` is an empty list: no view had a serious or critical violation. */
function expectNone(seen: Record<string, string[]>): void {
  expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, []])));
}

// Each scheme's views and its run are two tests with a site each, so they share the workers.
for (const scheme of ['light', 'dark'] as const) {
  test(`the views have no serious or critical axe violation (${scheme})`, async ({ app, openSite }) => {
    await app.page.emulateMedia({ colorScheme: scheme });
    const { page } = await openSite(site);
    const seen: Record<string, string[]> = {};

    seen.workspace = await violations(page);
    await page.getByRole('button', { name: 'Columns' }).click();
    seen.columns = await violations(page);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Filter by age' }).click();
    seen.age = await violations(page);
    await page.keyboard.press('Escape');

    await jobGrid(page).locator('[data-index="0"] .mono .text').click();
    seen.detail = await violations(page);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Edit Accessible site' }).click();
    seen.form = await violations(page);
    await page.keyboard.press('Escape');
    expectNone(seen);
  });

  test(`a run and forced colors have no serious or critical axe violation (${scheme})`, async ({
    app,
    openSite,
  }) => {
    await app.page.emulateMedia({ colorScheme: scheme });
    const { page } = await openSite(site);
    const seen: Record<string, string[]> = {};

    await page.getByRole('button', { name: /^Select all 40/ }).click();
    await page.getByTestId('delete-jobs').click();
    seen.confirm = await violations(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/to confirm/).fill('40');
    await dialog.getByRole('button', { name: 'Delete 40 jobs' }).click();
    await expect(page.getByTestId('progress-panel')).toHaveAttribute('data-finished', 'true');
    seen.progress = await violations(page);
    await page.getByRole('button', { name: 'Run history' }).click();
    seen.history = await violations(page);

    // Forced colors (Windows High Contrast): still no violation, and the status marks stay visible.
    await page.emulateMedia({ colorScheme: scheme, forcedColors: 'active' });
    await page.getByLabel(/Show finished results/).check();
    seen.forced = await violations(page);
    const mark = jobGrid(page).locator('.mark').first();
    expect(await mark.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('solid');
    expectNone(seen);
  });
}

test('keyboard only: filter, select all matching, delete, type the count, confirm', async ({ openSite }) => {
  const { page, sim } = await openSite({ name: 'Keyboard site', jobs: 60, seed: 92, production: true });
  const failed = sim.jobs().filter((j) => j.status === 'esriJobFailed').length;

  // Filter: Ctrl+F to the search box, Tab to the status menu, pick "Failed" by typing.
  await page.keyboard.press('Control+f');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Filter by status')).toBeFocused();
  await page.getByLabel('Filter by status').selectOption('esriJobFailed'); // a keyboard pick fires the same change
  await expectRowCount(page, failed);

  // Tab on to the grid, select all matching, Delete.
  for (let i = 0; i < 40; i++) {
    if (await jobGrid(page).evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(jobGrid(page)).toBeFocused();
  await page.keyboard.press('Control+a');
  await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toContainText(`${failed} selected`);
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: `Delete ${failed} jobs?` });
  const typed = dialog.getByLabel(/to confirm/);
  await expect(typed).toBeFocused();
  await page.keyboard.type(String(failed));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('progress-panel')).toHaveAttribute('data-finished', 'true');
  await expect(page.getByTestId('progress-panel').locator('[data-outcome=deleted]')).toContainText(
    `${failed} deleted`,
  );
  expect(sim.jobs().filter((j) => j.status === 'esriJobFailed')).toHaveLength(0);
});
