/**
 * Job detail (issue 16 item 8): a job's inputs and results with their values, read through the main
 * process from the job's REST page; values are inert text, and a token in a result URL never reaches the
 * page.
 */
import { violations } from './axe';
import { expect, test } from './fixtures';
import { jobGrid } from './workspace-helpers';

test("the detail panel lists a job's inputs and results with their values", async ({ openSite }) => {
  const { page } = await openSite({ name: 'Detail site', jobs: 40, seed: 81 });
  await page.getByLabel('Filter by status').selectOption('esriJobSucceeded');
  await jobGrid(page).locator('[data-index="0"] .mono .text').click();
  const panel = page.getByRole('complementary', { name: /^Job / });

  const id = (await panel.getByTestId('detail-job-id').innerText()).trim();
  await expect(panel.getByRole('heading', { name: 'Inputs' })).toBeVisible();
  await expect(panel.getByRole('term').filter({ hasText: 'Distance' })).toContainText('GPLinearUnit');
  await expect(panel.getByRole('definition').filter({ hasText: `inputs of ${id}` })).toHaveCount(1);
  await expect(panel).toContainText('{"distance":250,"units":"esriMeters"}');
  // Markup from the server is shown as text, not run.
  await expect(panel).toContainText('<img src=x onerror="window.__injected=1">Parcels');
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: number }).__injected),
  ).toBeUndefined();

  await expect(panel.getByRole('heading', { name: 'Results' })).toBeVisible();
  await expect(panel).toContainText(`results of ${id}`);
  await expect(panel).toContainText(`arcgisjobs/${id}/output.zip?token=(hidden)`);
  expect(await page.content()).not.toContain('sim-url-token');
  expect(await violations(page)).toEqual([]);

  // A running job has inputs but no results yet.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Clear all' }).click();
  await page.getByLabel('Filter by status').selectOption('esriJobExecuting');
  await jobGrid(page).locator('[data-index="0"] .mono .text').click();
  await expect(panel.getByRole('heading', { name: 'Inputs' })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Messages' })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Results' })).toHaveCount(0);
});
