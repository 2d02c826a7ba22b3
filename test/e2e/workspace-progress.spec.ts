/**
 * Run feedback (issue 16 item 10): the progress panel has a line per server that says whether it runs, is
 * paused, stopped answering (waiting, then probing with one job) or is done; screenshots of the panel while
 * a server is probed.
 */
import type { Locator, Page } from '@playwright/test';
import { violations } from './axe';
import { expect, test } from './fixtures';
import { jobGrid, screenshotPath } from './workspace-helpers';

function line(page: Page, name: string): Locator {
  return page
    .getByRole('list', { name: 'Servers in this run' })
    .getByRole('listitem')
    .filter({ hasText: name });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`per-server lines: paused, probing a server that stopped answering, done (${scheme})`, async ({
    app,
    openSites,
  }, testInfo) => {
    test.setTimeout(120_000);
    await app.page.emulateMedia({ colorScheme: scheme });
    const { page, sims } = await openSites([
      { name: 'Primary', jobs: 40, seed: 71, cancelDelayMs: 10 },
      { name: 'Flaky', jobs: 40, seed: 72, cancelDelayMs: 10 },
    ]);
    const [primary, flaky] = sims as [(typeof sims)[0], (typeof sims)[0]];
    // Primary answers slowly, so the run is still going when it is paused; Flaky stops answering.
    const slowPrimary = primary.addFault({ kind: 'slow', delayMs: 400 });
    await flaky.setDown(true);

    await jobGrid(page).focus();
    await page.keyboard.press('Control+a');
    await page.getByTestId('delete-jobs').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete 80 jobs' }).click();

    const panel = page.getByTestId('progress-panel');
    await panel.getByRole('button', { name: 'Pause' }).click();
    await expect(line(page, 'Primary')).toHaveAttribute('data-state', 'paused');
    await expect(line(page, 'Primary')).toContainText('Paused');
    await panel.getByRole('button', { name: 'Resume' }).click();
    await expect(line(page, 'Primary')).toHaveAttribute('data-state', /running|finished/);
    slowPrimary();

    // Five jobs in a row could not reach Flaky: its queue is held, then one job probes it (its retries
    // still refused). Then the server comes back, slowly, so the probe is still out while we look.
    await expect(line(page, 'Flaky')).toHaveAttribute('data-state', 'cooling-down', { timeout: 60_000 });
    await expect(line(page, 'Flaky')).toContainText('Not answering: waiting to probe');
    await expect(line(page, 'Flaky')).toHaveAttribute('data-state', 'probing', { timeout: 30_000 });
    const slowFlaky = flaky.addFault({ kind: 'slow', delayMs: 4_000 });
    await flaky.setDown(false);
    await expect(line(page, 'Flaky')).toHaveAttribute('data-state', 'probing', { timeout: 30_000 });
    await expect(line(page, 'Flaky')).toContainText('Not answering: probing with one job');
    const shot = screenshotPath(testInfo, `progress-probing-${scheme}`);
    await page.screenshot({ path: shot });
    await testInfo.attach(`progress-probing-${scheme}`, { path: shot, contentType: 'image/png' });
    expect(await violations(page)).toEqual([]);
    slowFlaky();

    // The probe got through: Flaky carries on, retries what failed while it was down, and finishes.
    await expect(panel).toHaveAttribute('data-finished', 'true', { timeout: 60_000 });
    await expect(line(page, 'Flaky')).toHaveAttribute('data-state', 'finished');
    await expect(line(page, 'Flaky')).toContainText('40 of 40');
    await expect(panel).toContainText('80 deleted');
  });
}
