/**
 * The workspace at the sizes an administrator meets it with: a 1024x700 screen. Only the part of a dialog
 * meant to scroll scrolls.
 */
import { expect, test } from './fixtures';
import { openAddServer } from './workspace-helpers';

/** How far an element's content overflows its box, across and down (0 when it fits). */
async function overflow(el: import('@playwright/test').Locator): Promise<{ x: number; y: number }> {
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
});
