import type { Simulator, SimJob } from '../arcgis-sim/index';
import { expect, test } from './fixtures';
import {
  bulkButtons,
  confirmAndFinish,
  expectRowCount,
  jobGrid,
  renderedRows,
  THREE_SITES,
} from './workspace-helpers';

function allJobs(sims: Simulator[]): SimJob[] {
  return sims.flatMap((s) => s.jobs());
}

test.describe('the job table over several servers', () => {
  test('lists the jobs of three servers in one table', async ({ openSites }) => {
    const { page } = await openSites(THREE_SITES);

    await expectRowCount(page, 120);
    const servers = page.locator('aside[aria-label=Servers] li');
    await expect(servers).toHaveCount(3);
    for (const [i, n] of [30, 40, 50].entries()) {
      await expect(servers.nth(i)).toContainText(`Site ${i + 1}`);
      await expect(servers.nth(i)).toContainText(`${n} jobs`);
      await expect(servers.nth(i)).toContainText('Connected');
    }
    for (const name of ['Site 1', 'Site 2', 'Site 3']) {
      await expect(jobGrid(page).getByRole('gridcell', { name, exact: true }).first()).toBeVisible();
    }

    // Hiding a server takes its rows out of the table; showing it brings them back.
    await page.getByLabel('Show jobs of Site 2').uncheck();
    await expectRowCount(page, 80);
    await page.getByLabel('Show jobs of Site 2').check();
    await expectRowCount(page, 120);
  });

  test('filters by text, status and age, shows the filters as chips, and clears them', async ({
    openSites,
  }) => {
    const { page, sims } = await openSites(THREE_SITES);
    const jobs = allJobs(sims);

    await page.keyboard.press('Control+f');
    const search = page.getByRole('searchbox');
    await expect(search).toBeFocused();
    await search.fill('jsmith');
    await expectRowCount(page, jobs.filter((j) => j.username === 'jsmith').length);
    await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Text: “jsmith”');

    await page.getByLabel('Filter by status').selectOption('esriJobSucceeded');
    const both = jobs.filter((j) => j.username === 'jsmith' && j.status === 'esriJobSucceeded').length;
    await expectRowCount(page, both);

    await page.getByRole('button', { name: 'Remove filter Text: “jsmith”' }).click();
    await expectRowCount(page, jobs.filter((j) => j.status === 'esriJobSucceeded').length);

    await page.getByRole('button', { name: 'Filter by age' }).click();
    const ages = page.getByRole('dialog', { name: 'Age filters' });
    await ages.getByLabel('Age', { exact: true }).fill('90');
    await ages.getByLabel('Age unit').selectOption({ label: 'days' });
    await ages.getByRole('button', { name: 'Apply age' }).click();
    await expect(page.getByText('No jobs match these filters')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectRowCount(page, 120);
    await expect(page.getByText('No filters: showing every job.')).toBeVisible();
  });

  test('row elements reused while scrolling show their own job, selection and focus', async ({
    openSites,
  }) => {
    const { page } = await openSites(THREE_SITES);
    await expectRowCount(page, 120);
    const first = renderedRows(page).and(page.locator('[data-index="0"]'));
    const firstJobId = await first.getByRole('gridcell').nth(3).getAttribute('title');
    await first.getByRole('checkbox').check();
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    await expect(bar).toContainText('1 selected');
    await expect(first).toHaveClass(/\bfocused\b/);

    // At the bottom the first row is out of the window: the element that showed it shows another job.
    await jobGrid(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(renderedRows(page).and(page.locator('[data-index="119"]'))).toBeVisible();
    await expect(renderedRows(page).and(page.locator('[data-index="0"]'))).toHaveCount(0);
    await expect(renderedRows(page).locator('input:checked')).toHaveCount(0);
    await expect(renderedRows(page).and(page.locator('[aria-selected=true]'))).toHaveCount(0);
    await expect(renderedRows(page).and(page.locator('.focused'))).toHaveCount(0);
    await expect(renderedRows(page).getByRole('gridcell', { name: firstJobId!, exact: true })).toHaveCount(0);

    await jobGrid(page).evaluate((el) => (el.scrollTop = 0));
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(first).toHaveClass(/\bfocused\b/);
    await expect(first.getByRole('checkbox')).toBeChecked();
    await expect(first.getByRole('gridcell').nth(3)).toHaveAttribute('title', firstJobId!);
    await expect(renderedRows(page).locator('input:checked')).toHaveCount(1);
    await expect(bar).toContainText('1 selected');
  });

  test('a key that scrolls to a row outside the window names its element at once, before the scroll event', async ({
    openSites,
  }) => {
    const { page } = await openSites(THREE_SITES);
    await expectRowCount(page, 120);
    const grid = jobGrid(page);
    await grid.locator('[role=row][data-index="0"] .status').click();
    await expect(grid).toHaveAttribute('aria-activedescendant', /0$/);
    for (const [key, index] of [
      ['End', 119],
      ['Home', 0],
    ] as const) {
      // In the key's own task: its microtasks run (the grid's update), no scroll event can.
      const named = await grid.evaluate(async (el, key) => {
        el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        for (let i = 0; i < 5; i++) await Promise.resolve();
        const id = el.getAttribute('aria-activedescendant');
        return id ? document.getElementById(id)?.getAttribute('aria-rowindex') : null;
      }, key);
      expect(named, key).toBe(String(index + 2));
    }
  });

  test('after a copy button is clicked, the keys still go to the grid when its row scrolls away', async ({
    openSites,
  }) => {
    const { page } = await openSites(THREE_SITES);
    await expectRowCount(page, 120);
    const grid = jobGrid(page);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await renderedRows(page).first().locator('[data-copy]').click();
    // Twenty rows down: row 0's element (the copy button's) is given another row.
    await grid.evaluate((el) => (el.scrollTop = 20 * 28));
    await expect(renderedRows(page).first()).not.toHaveAttribute('data-index', '0');
    await expect(grid).toBeFocused();
    await page.keyboard.press('End');
    await expect(grid).toHaveAttribute('aria-activedescendant', /119$/);
  });

  test('selects all jobs matching the filter, and the count stays visible', async ({ openSites }) => {
    const { page, sims } = await openSites(THREE_SITES);
    const failed = allJobs(sims).filter((j) => j.status === 'esriJobFailed').length;

    await page.getByLabel('Filter by status').selectOption('esriJobFailed');
    await expectRowCount(page, failed);
    await page.getByRole('button', { name: `Select all ${failed} matching the filter` }).click();
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    await expect(bar).toContainText(`${failed} selected`);
    await expect(bulkButtons(page).del).toHaveText(`Delete ${failed}`);

    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect(bar).toContainText(`${failed} selected`);
    await jobGrid(page).focus();
    await page.keyboard.press('Control+a');
    await expect(bar).toContainText('120 selected');
  });

  test('enables Cancel only for cancellable jobs, says how many, and skips the rest', async ({
    openSites,
  }) => {
    const { page, sims } = await openSites(THREE_SITES);
    const jobs = allJobs(sims);
    const succeeded = jobs.filter((j) => j.status === 'esriJobSucceeded').length;
    const executing = jobs.filter((j) => j.status === 'esriJobExecuting').length;
    const { cancel } = bulkButtons(page);

    await page.getByLabel('Filter by status').selectOption('esriJobSucceeded');
    await page.getByRole('button', { name: /^Select all \d+ matching/ }).click();
    await expect(cancel).toBeDisabled();
    await expect(cancel).toHaveText('Cancel');

    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByLabel('Filter by status').selectOption('esriJobExecuting');
    await page.getByRole('button', { name: /^Select all \d+ matching/ }).click();
    await expect(cancel).toBeEnabled();
    await expect(cancel).toHaveText(`Cancel ${executing}`);

    await cancel.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`${succeeded} jobs will be skipped`);
    await confirmAndFinish(page, executing);
    const panel = page.getByTestId('progress-panel');
    await expect(panel.locator('[data-outcome=cancelled]')).toContainText(`${executing} cancelled`);
    // The results update the working set at once: the cancelled jobs leave the "executing" view and read
    // as cancelled, each with its result.
    await expect(page.getByText('No jobs match these filters')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByLabel('Filter by status').selectOption('esriJobCancelled');
    await expect(renderedRows(page).first()).toBeVisible();
    await expect(renderedRows(page).filter({ hasText: 'Cancelled' })).not.toHaveCount(0);
    await page.getByRole('button', { name: 'Refresh all' }).click();
    await expect(page.locator('header.top')).toContainText('120 jobs on');
  });

  test("shows a job's fields and messages, opens its REST page, and closes with Escape", async ({
    openSite,
    openedExternal,
  }) => {
    const { page, sim } = await openSite({ name: 'Detail site', jobs: 10, seed: 24 });

    const row = renderedRows(page).first();
    const jobId = (await row.locator('.mono').getAttribute('title'))!;
    await row.locator('.mono').click();
    const panel = page.getByRole('complementary', { name: `Job ${jobId}` });
    await expect(panel.getByTestId('detail-job-id')).toHaveText(jobId);
    await expect(panel).toContainText('Detail site');
    await expect(panel.getByRole('heading', { name: 'Messages' })).toBeVisible();

    await panel.getByRole('button', { name: 'Open REST page' }).click();
    await expect.poll(() => openedExternal.length).toBe(1);
    expect(openedExternal[0]).toContain(jobId);
    expect(openedExternal[0]).toContain(sim.url);

    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
  });
});
