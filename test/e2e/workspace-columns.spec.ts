/**
 * The table fits the window (issue 16 item 4): default columns fit 1280 px, nothing fixed is clipped
 * mid-word down to 1024 px (with the detail panel open too), and columns can be shown, hidden, moved and
 * resized, persisted across a reload. The job id is shortened, with a copy button.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DESKTOP, jobGrid, openWorkspace, renderedRows } from './workspace-helpers';

/** Text of cells, headers and filter controls that overflows its box (ellipsis or cut). */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selectors = [
      '[role=columnheader] button',
      '[role=row][data-index] [role=gridcell]:nth-child(n+4)',
      '[role=search] select',
    ];
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selectors.join(','))) {
      if (el.title && el.title === el.textContent?.trim()) continue; // long names carry their full text
      if (el.scrollWidth > el.clientWidth + 1) out.push(el.textContent?.trim() ?? '');
    }
    return out;
  });
}

const headers = (page: Page) => jobGrid(page).getByRole('columnheader').allInnerTexts();

test.describe('the job table columns', () => {
  test('fit 1280 px by default and clip nothing mid-word down to 1024 px', async ({ openSite }) => {
    const { page } = await openSite({ name: 'Columns site', jobs: 40, seed: 61 }, DESKTOP);

    expect((await headers(page)).map((h) => h.replace(/[▲▼]/g, '').trim()).filter(Boolean)).toEqual([
      'Server',
      'Service',
      'Job ID',
      'Status',
      'Result',
      'Submitted',
      'Age',
    ]);
    const fits = await jobGrid(page).evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    expect(await clipped(page)).toEqual([]);

    // The job id: shortened, its full value in the title, one click to copy.
    const cell = renderedRows(page).first().locator('.mono');
    const jobId = (await cell.getAttribute('title'))!;
    await expect(cell).toContainText('…');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await cell.getByRole('button', { name: `Copy job ID ${jobId}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(jobId);
    await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toContainText('0 selected');

    // With the detail panel open, and down to 1024 px, the table scrolls sideways instead of clipping.
    await renderedRows(page).first().locator('.mono .text').click();
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      expect(await clipped(page), `at ${width} px`).toEqual([]);
    }
  });

  test('are shown, hidden, moved and resized, and the layout persists', async ({ openSite }) => {
    const { page, sim } = await openSite({ name: 'Layout site', jobs: 10, seed: 62 });

    await page.getByRole('button', { name: 'Columns' }).click();
    const menu = page.getByRole('dialog', { name: 'Columns' });
    await menu.getByRole('checkbox', { name: 'Machine' }).check();
    await menu.getByRole('checkbox', { name: 'Result' }).uncheck();
    await menu.getByRole('button', { name: 'Move Status left' }).click();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    const names = async () => (await headers(page)).map((h) => h.replace(/[▲▼]/g, '').trim()).filter(Boolean);
    expect(await names()).toEqual(['Server', 'Service', 'Status', 'Job ID', 'Submitted', 'Age', 'Machine']);
    await expect(renderedRows(page).first()).toContainText(sim.jobs()[0]!.machinename.slice(0, 4));

    const handle = jobGrid(page).getByRole('separator', { name: 'Resize Service' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(handle).toHaveAttribute('aria-valuenow', String(before + 16));
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + 3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 43, box.y + box.height / 2);
    await page.mouse.up();
    await expect(handle).toHaveAttribute('aria-valuenow', String(before + 56));

    await openWorkspace(page, 10);
    expect(await names()).toEqual(['Server', 'Service', 'Status', 'Job ID', 'Submitted', 'Age', 'Machine']);
    await expect(jobGrid(page).getByRole('separator', { name: 'Resize Service' })).toHaveAttribute(
      'aria-valuenow',
      String(before + 56),
    );
    await page.getByRole('button', { name: 'Columns' }).click();
    await page
      .getByRole('dialog', { name: 'Columns' })
      .getByRole('button', { name: 'Reset columns' })
      .click();
    expect(await names()).toEqual(['Server', 'Service', 'Job ID', 'Status', 'Result', 'Submitted', 'Age']);
  });

  test('the chooser moves a column by keyboard, with icon buttons, and keeps focus on the moved column', async ({
    openSite,
  }) => {
    const { page } = await openSite({ name: 'Keys site', jobs: 3, seed: 63 });
    const names = async () => (await headers(page)).map((h) => h.replace(/[▲▼]/g, '').trim()).filter(Boolean);
    await page.getByRole('button', { name: 'Columns' }).click();
    const menu = page.getByRole('dialog', { name: 'Columns' });
    const left = menu.getByRole('button', { name: 'Move Status left' });
    const right = menu.getByRole('button', { name: 'Move Status right' });
    // The workspace's icons, not text glyphs a screen reader would read out.
    await expect(left).toHaveText('');
    await expect(left.locator('svg.icon')).toHaveCount(1);
    await expect(left).toHaveAttribute('aria-keyshortcuts', 'Alt+ArrowLeft');

    await left.focus();
    await page.keyboard.press('Enter');
    await expect(left).toBeFocused(); // the row moved up; focus went with it
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    // Status is first: its left button is disabled, so focus is on its right one.
    await expect(left).toBeDisabled();
    await expect(right).toBeFocused();
    await page.keyboard.press('Alt+ArrowRight');
    await expect(right).toBeFocused();
    const box = menu.getByRole('checkbox', { name: 'Status' });
    await box.focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect(box).toBeFocused();
    await expect(box).toBeChecked(); // moved, not toggled
    await page.keyboard.press('Escape');
    expect(await names()).toEqual(['Server', 'Service', 'Status', 'Job ID', 'Result', 'Submitted', 'Age']);
  });
});
