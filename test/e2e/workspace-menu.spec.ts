/**
 * One job's actions (issue 16 item 8): the row's context menu and the detail panel offer copy id, the
 * Admin Directory page, Delete and Cancel through the same plan and confirmation, and the menu filters by
 * the row's service, user or machine.
 */
import { expect, test } from './fixtures';
import { confirmAndFinish, expectRowCount, renderedRows } from './workspace-helpers';

test.describe("a job's own actions", () => {
  test('context menu and detail panel: filter by, open in Admin Directory, delete and cancel one job', async ({
    openSite,
    openedExternal,
  }) => {
    const { page, sim } = await openSite({ name: 'Menu site', jobs: 30, seed: 101, cancelDelayMs: 10 });
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });

    // Filter by this service, from the first row's menu; the selection is untouched.
    const row = renderedRows(page).first();
    const jobId = (await row.locator('.mono').getAttribute('title'))!;
    const job = sim.jobs().find((j) => j.jobId === jobId)!;
    await row.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: `Job ${jobId}` });
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await menu.getByRole('menuitem', { name: 'Filter by this service' }).click();
    await expect(menu).toHaveCount(0);
    await expectRowCount(page, sim.jobs().filter((j) => j.service === job.service).length);
    await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Service: ${job.service}`);
    await expect(bar).toContainText('0 selected');

    // Open in the Admin Directory.
    await renderedRows(page).first().click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Open in Admin Directory' }).click();
    await expect.poll(() => openedExternal.length).toBe(1);
    expect(openedExternal[0]).toContain(`/admin/services/${job.service}.GPServer/jobs/`);

    // Delete this one job: the same plan and confirmation as a bulk delete.
    const target = renderedRows(page).first();
    const targetId = (await target.locator('.mono').getAttribute('title'))!;
    await target.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete this job…' }).click();
    await expect(page.getByRole('dialog', { name: 'Delete 1 job?' })).toBeVisible();
    await confirmAndFinish(page, 1);
    expect(sim.jobs().find((j) => j.jobId === targetId)?.status ?? 'esriJobDeleted').toBe('esriJobDeleted');

    // From the detail panel: Cancel a running job, again through the confirmation.
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByLabel('Filter by status').selectOption('esriJobExecuting');
    const running = renderedRows(page).first();
    const runningId = (await running.locator('.mono').getAttribute('title'))!;
    await running.locator('.mono .text').click();
    const panel = page.getByRole('complementary', { name: `Job ${runningId}` });
    await panel.getByRole('button', { name: 'Cancel…' }).click();
    await expect(page.getByRole('dialog', { name: 'Cancel 1 job?' })).toBeVisible();
    await confirmAndFinish(page, 1);
    await expect(page.getByTestId('progress-panel').locator('[data-outcome=cancelled]')).toContainText(
      '1 cancelled',
    );
  });
});
