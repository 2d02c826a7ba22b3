/**
 * Live (issue 16 item 11): auto-refresh is off by default and chosen per server; a refresh it makes
 * highlights the jobs that failed since the last look, until marked as seen.
 */
import { expect, test } from './fixtures';
import { openWorkspace } from './workspace-helpers';

test('auto-refresh per server: off by default, then new failures highlighted', async ({ openSite }) => {
  const { page, sim, profileId: id } = await openSite({ name: 'Live site', jobs: 10, seed: 111 });
  const auto = page.getByLabel('Auto-refresh Live site');
  await expect(auto).toHaveValue('0');
  await auto.selectOption({ label: 'Every minute' });
  await expect(auto).toHaveValue('60');

  // A short interval (as stored by the app, in seconds) so the test need not wait a minute.
  await page.evaluate(
    (profileId) => localStorage.setItem('gpja.autoRefresh', JSON.stringify({ [profileId]: 1 })),
    id,
  );
  await openWorkspace(page, 10);
  const service = sim.jobs()[0]!.service;
  const failed = sim.submitJob(service, { status: 'esriJobFailed' });
  await expect(page.locator('header.top')).toContainText('11 jobs on', { timeout: 15_000 });
  const notice = page.getByRole('status').filter({ hasText: 'since your last look' });
  await expect(notice).toContainText('1 new failure');
  await expect(page.locator('.row.fresh')).toHaveCount(1);
  await expect(page.locator('.row.fresh .mono')).toHaveAttribute('title', failed.jobId);
  await notice.getByRole('button', { name: 'Mark as seen' }).click();
  await expect(page.locator('.row.fresh')).toHaveCount(0);
});
