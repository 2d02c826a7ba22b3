import { expect, test } from './fixtures';
import {
  bulkButtons,
  confirmAndFinish,
  downloadedText,
  failDeletes,
  expectRowCount,
  jobGrid,
  renderedRows,
} from './workspace-helpers';

test.describe('bulk delete from the workspace', () => {
  test('deletes 300 jobs after typing the count, with a result on every row', async ({ openSite }) => {
    const { page, sim } = await openSite({ name: 'Cleanup site', jobs: 300, seed: 31, cancelDelayMs: 20 });
    const running = sim
      .jobs()
      .filter((j) => j.status === 'esriJobExecuting' || j.status === 'esriJobSubmitted');

    await jobGrid(page).focus();
    await page.keyboard.press('Control+a');
    await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toContainText('300 selected');
    await page.keyboard.press('Delete');

    const dialog = page.getByRole('dialog', { name: 'Delete 300 jobs?' });
    await expect(dialog).toContainText('Deleting jobs cannot be undone');
    await expect(dialog).toContainText('This acts on more than 100 jobs.');
    if (running.length > 0) await expect(dialog).toContainText('cancelled first, then deleted');
    const confirm = dialog.getByRole('button', { name: 'Delete 300 jobs' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill('299');
    await expect(confirm).toBeDisabled();
    const before = sim.requests.filter((r) => r.url.includes('/jobs/query')).length;
    await confirmAndFinish(page, 300);

    const panel = page.getByTestId('progress-panel');
    await expect(panel).toContainText('300 of 300');
    await expect(panel.locator('[data-outcome=deleted]')).toContainText('300 deleted');
    await expect(panel.locator('[data-outcome=failed]')).toContainText('0 failed');
    expect(sim.jobs().filter((j) => j.status !== 'esriJobDeleted')).toHaveLength(0);

    // The deleted jobs leave the working set at once: the header, the sidebar and "select all" stop
    // counting them, and a refresh of the server follows the run.
    await expect(page.locator('header.top')).toContainText('0 jobs on');
    await expect(page.locator('aside[aria-label=Servers] li')).toContainText('0 jobs');
    await expect(page.getByText('No jobs on the shown servers')).toBeVisible();
    await expect
      .poll(() => sim.requests.filter((r) => r.url.includes('/jobs/query')).length)
      .toBeGreaterThan(before);

    // "Show finished results" keeps them in view, struck through, each with its result.
    await page.getByLabel(/Show finished results \(300 deleted/).check();
    await expectRowCount(page, 300);
    for (const row of await renderedRows(page).all()) {
      await expect(row).toContainText('Deleted');
      await expect(row).toHaveClass(/\bgone\b/);
      await expect(row.getByRole('checkbox')).toBeDisabled();
    }
    await expect(page.getByRole('button', { name: /^Select all/ })).toHaveCount(0);
    await jobGrid(page).getByRole('button', { name: 'Result' }).click();
    await jobGrid(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(jobGrid(page).locator('[aria-rowindex="301"]')).toContainText('Deleted');

    // The next refresh drops them: the server says what is left.
    await page.getByRole('button', { name: 'Refresh all' }).click();
    await expect(page.getByText('No jobs on the shown servers')).toBeVisible();
    await expect(page.getByLabel(/Show finished results/)).toHaveCount(0);
  });

  test('shows failed rows with their reason, retries only the failed jobs, and exports the results', async ({
    openSite,
  }) => {
    const { page, sim } = await openSite({ name: 'Flaky site', jobs: 60, seed: 32, cancelDelayMs: 20 });
    // Seven jobs whose delete keeps answering HTTP 500: checked, retried, failed once the budget is spent.
    const { remove } = failDeletes(sim, 7);

    await jobGrid(page).focus();
    await page.keyboard.press('Control+a');
    await bulkButtons(page).del.click();
    await confirmAndFinish(page, 60);
    const panel = page.getByTestId('progress-panel');
    await expect(panel.locator('[data-outcome=failed]')).toContainText('7 failed');
    await expect(panel.locator('[data-outcome=deleted]')).toContainText('53 deleted');
    remove();

    // The failed rows: sort them first and read the reason on hover.
    await jobGrid(page).getByRole('button', { name: 'Result' }).click();
    const failedResults = jobGrid(page).locator('[title^="Failed:"]');
    await expect(failedResults).toHaveCount(7);
    await expect(failedResults.first()).toHaveAttribute('title', /code 500/);

    const csv = await downloadedText(page, () => panel.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(61);
    expect(lines.filter((l) => l.includes(',failed,'))).toHaveLength(7);
    const json = await downloadedText(page, () => panel.getByRole('button', { name: 'Export JSON' }).click());
    expect(json.text).toContain('deleted');

    await panel.getByRole('button', { name: 'Retry 7 failed' }).click();
    await expect(panel).toContainText('7 of 7');
    await expect(panel).toHaveAttribute('data-finished', 'true');
    await expect(panel.locator('[data-outcome=deleted]')).toContainText('7 deleted');
    await expect(panel.locator('[data-outcome=failed]')).toContainText('0 failed');
    await expect(failedResults).toHaveCount(0);
    expect(sim.jobs().filter((j) => j.status !== 'esriJobDeleted')).toHaveLength(0);

    await expect(panel.getByRole('button', { name: 'History' })).toHaveCount(0); // one way in: the top bar
    await page.getByRole('button', { name: 'Run history' }).click();
    const history = page.getByRole('complementary', { name: 'Run history' });
    await expect(history.locator('li')).toHaveCount(2);
    await expect(history.locator('li').first()).toContainText('Delete 7 jobs');
    await expect(history.locator('li').nth(1)).toContainText('7 failed');
    await expect(history.locator('li').first()).toContainText(/took \d/);
    await expect(history.locator('li').first().getByRole('button', { name: 'Export CSV' })).toHaveClass(
      /\bbtn\b/,
    );
  });

  test('plans again when the confirmed plan went stale, says why the numbers changed, and runs only the new plan', async ({
    openSite,
  }) => {
    const { page, sim, profileId } = await openSite({
      name: 'Busy site',
      jobs: 30,
      seed: 33,
      cancelDelayMs: 20,
    });
    const service = sim.jobs()[0]!.service;
    for (let i = 0; i < 2; i++) sim.submitJob(service, { status: 'esriJobExecuting' });
    await page.getByRole('button', { name: 'Refresh all' }).click();
    await expectRowCount(page, 32);
    const running = sim
      .jobs()
      .filter((j) => j.status === 'esriJobExecuting' || j.status === 'esriJobSubmitted');
    const n = running.length;

    await jobGrid(page).focus();
    await page.keyboard.press('Control+a');
    await bulkButtons(page).cancel.click();
    await expect(page.getByRole('dialog', { name: `Cancel ${n} jobs?` })).toBeVisible();

    // While the plan awaits confirmation one of its jobs finishes, and the server is listed again
    // elsewhere (another window of the app, or a `gpjobs ui` page, over the same core).
    const done = running[0]!;
    sim.completeJob(done.service, done.jobId, 'esriJobSucceeded');
    const relisted = await page.evaluate(async (id) => {
      const api = (window as unknown as { gpjobs: { jobs: { list(p: unknown): Promise<{ ok: boolean }> } } })
        .gpjobs;
      return (await api.jobs.list({ profileId: id })).ok;
    }, profileId);
    expect(relisted).toBe(true);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: `Cancel ${n} jobs` })
      .click();

    // The refused plan ran nothing; the same jobs were planned again and that plan awaits confirmation.
    const again = page.getByRole('dialog', { name: `Cancel ${n - 1} jobs?` });
    await expect(again).toBeVisible();
    const note = again.getByTestId('replanned');
    await expect(note).toContainText('The plan was made again');
    await expect(note).toContainText(`Nothing was run`);
    await expect(note).toContainText(`(${n - 1} jobs instead of ${n})`);
    await note.getByText('Why the first plan could not run').click();
    await expect(note).toContainText(
      `Job ${done.jobId} on Busy site changed on the server after this plan was made`,
    );
    expect(sim.requests.filter((r) => /\/cancel$/.test(r.url.split('?')[0]!))).toEqual([]);

    await confirmAndFinish(page, n - 1);
    const panel = page.getByTestId('progress-panel');
    await expect(panel.locator('[data-outcome=cancelled]')).toContainText(`${n - 1} cancelled`);
    expect(sim.requests.filter((r) => /\/cancel$/.test(r.url.split('?')[0]!))).toHaveLength(n - 1);
    expect(sim.getJob(done.service, done.jobId)?.status).toBe('esriJobSucceeded');
  });
});
