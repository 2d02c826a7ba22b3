/**
 * Run history drill-down (issue 16 item 10): any past run opens to its per-job results from the audit
 * log, failures first with the server's reason, and closes again.
 */
import { violations } from './axe';
import { expect, test } from './fixtures';
import { confirmAndFinish, failDeletes, jobGrid } from './workspace-helpers';

test("a past run's per-job results open from the run history, failures first", async ({ openSite }) => {
  const { page, sim } = await openSite({ name: 'Audited site', jobs: 30, seed: 61, cancelDelayMs: 20 });
  const { doomed } = failDeletes(sim, 3);
  await jobGrid(page).focus();
  await page.keyboard.press('Control+a');
  await page.getByTestId('delete-jobs').click();
  await confirmAndFinish(page, 30);
  await page.getByTestId('progress-panel').getByRole('button', { name: 'Close run panel' }).click();

  await page.getByRole('button', { name: 'Run history' }).click();
  const history = page.getByRole('complementary', { name: 'Run history' });
  const run = history.locator('li[data-run-id]').first();
  const show = run.getByRole('button', { name: 'Show results' });
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await show.click();

  const results = run.getByRole('region', { name: 'Results of Delete 30 jobs' });
  const rows = results.locator('tbody tr');
  await expect(rows).toHaveCount(30);
  await expect(run).toContainText('30 results, failures first.');
  for (const i of [0, 1, 2]) {
    await expect(rows.nth(i)).toHaveAttribute('data-outcome', 'failed');
    await expect(rows.nth(i)).toContainText('Audited site');
    await expect(rows.nth(i)).toContainText(/500/);
    expect(doomed.has((await rows.nth(i).locator('.mono').innerText()).trim())).toBe(true);
  }
  await expect(rows.nth(3)).toHaveAttribute('data-outcome', 'deleted');
  expect(await violations(page)).toEqual([]);

  await run.getByRole('button', { name: 'Hide results' }).click();
  await expect(results).toHaveCount(0);
});
