/**
 * The workspace at the sizes an administrator meets it with: a 1024x700 screen, 1280x800 at 200% zoom
 * (640x400), and long unbroken text (a certificate's fingerprint) in a dialog. Only the part of a dialog
 * meant to scroll scrolls; at 200% the table keeps its rows and nothing is drawn over anything else.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { fillServerForm, jobGrid, openAddServer } from './workspace-helpers';

/** How far an element's content overflows its box, across and down (0 when it fits). */
async function overflow(el: Locator): Promise<{ x: number; y: number }> {
  return el.evaluate((e) => ({ x: e.scrollWidth - e.clientWidth, y: e.scrollHeight - e.clientHeight }));
}

test.describe('the workspace fits its window', () => {
  test('a long dialog at 1024x700 scrolls its body only, not the dialog around it', async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 700 });
    const dialog = await openAddServer(page);
    const body = dialog.locator('.body');
    // The form is longer than the window: its body scrolls...
    expect((await overflow(body)).y).toBeGreaterThan(0);
    // ...and nothing else does, so there is one scroll bar, between the fixed header and footer.
    expect(await overflow(dialog)).toEqual({ x: 0, y: 0 });
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeInViewport();
  });

  test("a certificate's fingerprint in a test result wraps instead of widening the form", async ({
    app,
    openServerForm,
  }) => {
    // 1280x800 at 200% zoom: the dialog is narrower than the fingerprint is long.
    await app.page.setViewportSize({ width: 640, height: 400 });
    const { sim, dialog } = await openServerForm({ jobs: 3, seed: 91 });
    await fillServerForm(dialog, sim, { name: 'Untrusted', trustCa: false });
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByTestId('connection-result')).toContainText(
      /is not trusted.*SHA-256 [0-9A-F:]{95}/,
    );
    const body = dialog.locator('.body');
    expect((await overflow(body)).x).toBe(0);
    expect(await body.evaluate((e) => e.scrollLeft)).toBe(0);
  });

  test('at 200% zoom the table keeps room for its rows, and the action bar wraps beside the job detail', async ({
    openSite,
  }) => {
    const { page } = await openSite({ name: 'Zoomed site', jobs: 20, seed: 92 }, { width: 640, height: 400 });
    const grid = jobGrid(page);
    // The overview and filters take the whole height: the area scrolls to the table, which keeps its rows.
    await grid.scrollIntoViewIfNeeded();
    await expect(grid).toBeInViewport({ ratio: 0.9 });
    expect((await grid.boundingBox())!.height).toBeGreaterThan(150);
    // One line of top bar: the name does not wrap.
    expect((await page.getByRole('heading', { level: 1 }).boundingBox())!.height).toBeLessThan(30);

    await grid.getByRole('row').nth(2).click();
    const panel = page.getByRole('complementary', { name: /^Job / });
    await expect(panel).toBeVisible();
    const panelLeft = (await panel.boundingBox())!.x;
    for (const button of [page.getByTestId('delete-jobs'), page.getByTestId('cancel-jobs')]) {
      await expect(button).toBeInViewport({ ratio: 1 }); // whole, not below the window or clipped
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(panelLeft);
    }
  });
});
