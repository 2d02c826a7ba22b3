/**
 * How the workspace reads (issue 16 items 5 and 6): server colours never look like status colours, and
 * colours saved by earlier versions move to the new palette.
 */
import { expect, test } from './fixtures';
import { openWorkspace, seedProfile } from './workspace-helpers';

test.describe('the look of the workspace', () => {
  test('server colours come from a palette clear of the status colours, old ones migrated', async ({
    app,
    startSimulator,
  }) => {
    const [prod, dev] = await Promise.all([
      startSimulator({ jobs: 8, seed: 51, jobDurationMs: Infinity }),
      startSimulator({ jobs: 8, seed: 52, jobDurationMs: Infinity }),
    ]);
    const { page } = app;
    // The first round's "Production red" (= Failed) and "Development green" (= Succeeded).
    await seedProfile(page, prod, { name: 'Production', production: true, color: '#d83020' });
    await seedProfile(page, dev, { name: 'Development', color: '#35ac46' });
    await openWorkspace(page, 16);

    const swatch = (name: string) =>
      page.locator('aside[aria-label=Servers] li').filter({ hasText: name }).locator('.dot');
    const colour = (name: string) => swatch(name).evaluate((el) => getComputedStyle(el).backgroundColor);
    const statusColours = await page.evaluate(() => {
      const css = getComputedStyle(document.documentElement);
      return ['failed', 'succeeded', 'executing', 'cancelled', 'timed-out'].map((s) =>
        css.getPropertyValue(`--gpja-status-${s}`).trim(),
      );
    });
    expect(await colour('Production')).toBe('rgb(213, 0, 249)');
    expect(await colour('Development')).toBe('rgb(0, 191, 165)');
    expect(statusColours).not.toContain('#d500f9');
    expect(statusColours).not.toContain('#00bfa5');

    // A new server gets the next unused palette colour; an edited one re-saves its migrated colour.
    await page.getByRole('button', { name: 'Add server' }).first().click();
    await expect(page.getByRole('dialog').getByLabel('Colour')).toHaveValue('#00838f');
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).last().click();
    await page.getByRole('button', { name: 'Edit Production' }).click();
    await expect(page.getByRole('dialog').getByLabel('Colour')).toHaveValue('#d500f9');
  });
});
