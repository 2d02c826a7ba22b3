/**
 * How the workspace reads (issue 16 items 5 and 6): the overview writes its numbers out, tells statuses
 * apart by shape as well as colour and holds 20+ servers without scrolling the page; server colours never
 * look like status colours, and colours saved by earlier versions move to the new palette.
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

  test('the overview shows its numbers and shapes, and holds 22 servers without scrolling the page', async ({
    app,
    startSimulator,
  }) => {
    const sim = await startSimulator({ jobs: 6, seed: 53, jobDurationMs: Infinity });
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    for (let i = 1; i <= 22; i++)
      await seedProfile(page, sim, { name: `Site ${String(i).padStart(2, '0')}` });
    await openWorkspace(page, 132);

    const overview = page.getByRole('region', { name: 'Jobs by status' });
    const counts = new Map<string, number>();
    for (const j of sim.jobs()) counts.set(j.status, (counts.get(j.status) ?? 0) + 22);
    const legend = overview.getByRole('list', { name: 'Statuses' });
    for (const [status, n] of counts) {
      const label = status.slice(7).replace(/([a-z])([A-Z])/g, '$1 $2');
      await expect(legend).toContainText(new RegExp(`${label}\\s*${n}`, 'i'));
    }
    // Each status has its own mark shape, not only its own colour.
    const shapes = await legend.locator('.mark').evaluateAll((marks) =>
      marks.map((m) => {
        const css = getComputedStyle(m);
        return `${css.borderRadius}|${css.height}|${css.clipPath}|${css.backgroundColor === 'rgba(0, 0, 0, 0)'}`;
      }),
    );
    expect(new Set(shapes).size).toBeGreaterThan(Math.min(3, counts.size - 1));
    // A server's bar writes its counts out.
    const first = overview.getByRole('list', { name: 'Servers' }).getByRole('listitem').first();
    await expect(first).toContainText(String(sim.jobs().length));

    const scrolls = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
    expect(scrolls).toBe(false);
    await expect(page.getByRole('grid', { name: 'Jobs' })).toBeInViewport();
  });

  test("a server bar's counts are never cut off, with the side panel open and down to 1024 px", async ({
    openSite,
  }) => {
    const { page, sim } = await openSite({
      name: 'A server with a long name for its bar',
      jobs: 120,
      seed: 57,
    });
    const statuses = new Set(sim.jobs().map((j) => j.status)).size;
    const overview = page.getByRole('region', { name: 'Jobs by status' });
    const counts = overview.getByRole('list', { name: 'Servers' }).locator('.counts').first();
    // Every count of the bar lies inside the bar's own box and the overview's, none hidden by overflow.
    const cut = () =>
      counts.evaluate((el) => {
        const box = el.getBoundingClientRect();
        // The server list scrolls, so anything past its edge is hidden.
        const area = el.closest('[role=list]')!.getBoundingClientRect();
        return [...el.children]
          .filter((c) => {
            const r = c.getBoundingClientRect();
            return (
              r.width === 0 || r.right > Math.min(box.right, area.right) + 0.5 || r.left < box.left - 0.5
            );
          })
          .map((c) => c.textContent);
      });
    await expect(counts.locator(':scope > span')).toHaveCount(statuses);
    expect(await cut()).toEqual([]);
    await page.getByRole('grid', { name: 'Jobs' }).locator('[data-index="0"] .mono .text').click();
    await expect(page.getByRole('complementary', { name: /^Job / })).toBeVisible();
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await cut(), `at ${width} px with the panel open`).toEqual([]);
    }
  });
});
