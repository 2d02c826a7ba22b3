/**
 * Selection and confirmation (issue 16 items 1 and 2): opening a job never changes the checkboxes, and the
 * confirmation says how many jobs are outside the current view, lists them in one click, and gives each
 * group's oldest and newest job.
 */
import { expect, test } from './fixtures';
import { bulkButtons, expectRowCount, jobGrid, renderedRows } from './workspace-helpers';

test.describe('selection and the confirmation', () => {
  test('opening a job keeps the selection; the plan shows the jobs the filters hide', async ({
    openSite,
  }) => {
    const { page, sim } = await openSite({ name: 'Selection site', jobs: 60, seed: 41 });
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });

    // Select all 60, then open a row's detail with a plain click: still 60 selected.
    await page.getByRole('button', { name: /^Select all 60/ }).click();
    await expect(bar).toContainText('60 selected');
    const row = renderedRows(page).nth(2);
    const jobId = (await row.locator('.mono').getAttribute('title'))!;
    await row.locator('.mono').click();
    await expect(page.getByRole('complementary', { name: `Job ${jobId}` })).toBeVisible();
    await expect(bar).toContainText('60 selected');
    await expect(renderedRows(page).locator('input:checked')).toHaveCount(await renderedRows(page).count());

    // Narrow the view to the failed jobs: the others stay selected, hidden by the filter.
    const failed = sim.jobs().filter((j) => j.status === 'esriJobFailed');
    const hidden = 60 - failed.length;
    await page.getByLabel('Filter by status').selectOption('esriJobFailed');
    await expectRowCount(page, failed.length);
    await expect(bar).toContainText(`60 selected (${hidden} hidden by filters)`);

    await bulkButtons(page).del.click();
    const dialog = page.getByRole('dialog', { name: 'Delete 60 jobs?' });
    const note = dialog.getByTestId('hidden-jobs');
    await expect(note).toContainText(`${hidden} of the 60 jobs are outside the current view`);
    await note.getByRole('button', { name: `Show all ${hidden}` }).click();
    await expect(note.locator('tbody tr')).toHaveCount(hidden);
    const hiddenJob = sim.jobs().find((j) => j.status !== 'esriJobFailed')!;
    await expect(note).toContainText(hiddenJob.jobId);

    // Each group's oldest and newest job.
    const times = sim.jobs().map((j) => j.submittedTime);
    const [oldest, newest] = await page.evaluate(
      (ts) =>
        ts.map((t) =>
          new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' }).format(t),
        ),
      [Math.min(...times), Math.max(...times)],
    );
    const breakdown = dialog.locator('table.breakdown');
    await expect(breakdown.getByRole('columnheader', { name: 'Oldest – newest' })).toBeVisible();
    await expect(breakdown.locator('tr.server')).toContainText(`${oldest} – ${newest}`);

    await dialog.getByRole('button', { name: 'Keep jobs' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(jobGrid(page)).toBeVisible();
  });
});
