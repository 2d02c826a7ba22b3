/**
 * Jobs of every service type (issue 21): on a site with GP, map and image services the table lists the
 * Export Tiles jobs of map and image services beside GP jobs, names each service with its type, and the
 * Type filter narrows to them.
 */
import { expect, test } from './fixtures';
import { expectRowCount, jobGrid, renderedRows } from './workspace-helpers';

test.describe('service types', () => {
  test('the table shows map and image jobs with their type, and filters by type', async ({ openSite }) => {
    const { page, sim } = await openSite({
      name: 'Tiles site',
      jobs: 30,
      seed: 21,
      tileServices: true,
      tileJobs: 16,
    });
    const jobs = sim.jobs();
    const tiles = jobs.filter((j) => /\.(MapServer|ImageServer)$/.test(j.service));
    expect(tiles.length).toBe(16);
    await expectRowCount(page, jobs.length);

    const chips = page.getByRole('list', { name: 'Active filters' });
    await page.getByLabel('Filter by type').selectOption({ label: 'Map' });
    const maps = tiles.filter((j) => j.service.endsWith('.MapServer'));
    await expectRowCount(page, maps.length);
    await expect(chips).toContainText('Type: Map');
    const row = renderedRows(page).first();
    await expect(row.getByRole('gridcell', { name: 'Map Basemaps/Streets' })).toBeVisible();
    await expect(row.getByRole('gridcell').nth(3)).toHaveAttribute('title', /_et$/);

    await page.getByLabel('Filter by type').selectOption({ label: 'Image' });
    await expectRowCount(page, tiles.length);
    await page.getByRole('button', { name: 'Remove filter Type: Map' }).click();
    await expectRowCount(page, tiles.length - maps.length);
    await expect(
      renderedRows(page).first().getByRole('gridcell', { name: 'Image Imagery/Elevation' }),
    ).toBeVisible();

    // The service filter names each service with its type; a GP service keeps its own.
    await page.getByRole('button', { name: 'Remove filter Type: Image' }).click();
    await page.getByLabel('Filter by service').selectOption({ label: 'Basemaps/Streets (Map)' });
    await expectRowCount(page, maps.length);
    await page.getByRole('button', { name: 'Remove filter Service: Basemaps/Streets (Map)' }).click();
    await page.getByLabel('Filter by type').selectOption({ label: 'GP' });
    await expectRowCount(page, jobs.length - tiles.length);
    await expect(jobGrid(page).getByRole('gridcell', { name: /^GP / }).first()).toBeVisible();
  });
});
