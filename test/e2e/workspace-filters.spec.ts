/**
 * Filters (issue 16 item 7): the bar wraps instead of clipping, a Machine filter, age by submitted or
 * ended time with any value in hours or days, and "running longer than" to find stalled jobs.
 */
import { expect, test } from './fixtures';
import { expectRowCount } from './workspace-helpers';

const HOUR = 3_600_000;

test.describe('the filters', () => {
  test('filter by machine, by age since submitted or ended, and by running longer than', async ({
    openSite,
  }) => {
    const { page, sim } = await openSite(
      { name: 'Filter site', jobs: 80, seed: 71 },
      { width: 1024, height: 768 },
    );
    const jobs = sim.jobs();
    const now = Date.now();
    const chips = page.getByRole('list', { name: 'Active filters' });

    // At 1024 px the bar wraps: every control keeps its whole label.
    const cut = await page
      .getByRole('search', { name: 'Filter jobs' })
      .evaluate(
        (bar) =>
          [...bar.querySelectorAll<HTMLElement>('select, button')].filter(
            (el) => el.scrollWidth > el.clientWidth + 1,
          ).length,
      );
    expect(cut).toBe(0);

    const machine = jobs[0]!.machinename;
    await page.getByLabel('Filter by machine').selectOption(machine);
    await expectRowCount(page, jobs.filter((j) => j.machinename === machine).length);
    await expect(chips).toContainText(`Machine: ${machine}`);
    await page.getByRole('button', { name: `Remove filter Machine: ${machine}` }).click();

    // Ended more than 12 hours ago (hours, not only the presets).
    await page.getByRole('button', { name: 'Filter by age' }).click();
    const ages = page.getByRole('dialog', { name: 'Age filters' });
    await ages.getByLabel('Age of').selectOption('ended');
    await ages.getByLabel('Age', { exact: true }).fill('12');
    await ages.getByLabel('Age unit').selectOption({ label: 'hours' });
    await ages.getByRole('button', { name: 'Apply age' }).click();
    const ended = jobs.filter((j) => j.endTime !== null && j.endTime < now - 12 * HOUR).length;
    await expect(chips).toContainText('Ended more than 12 hours ago');
    await expectRowCount(page, ended);
    await page.getByRole('button', { name: 'Remove filter Ended more than 12 hours ago' }).click();

    // Running for longer than 3 hours: the stalled ones.
    await page.getByRole('button', { name: 'Filter by age' }).click();
    await ages.getByLabel('Running longer than').fill('3');
    await ages.getByLabel('Running unit').selectOption({ label: 'hours' });
    await ages.getByRole('button', { name: 'Apply running' }).click();
    const { ACTIVE_STATUSES: active } = await import('../../electron/core/types');
    const stalled = jobs.filter(
      (j) => (active as readonly string[]).includes(j.status) && j.submittedTime < now - 3 * HOUR,
    ).length;
    expect(stalled).toBeGreaterThan(0);
    await expect(chips).toContainText('Running longer than 3 hours');
    await expectRowCount(page, stalled);
  });
});
