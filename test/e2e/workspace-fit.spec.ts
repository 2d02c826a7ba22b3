/**
 * The workspace at the sizes an administrator meets it with: a 1024x700 screen, and long unbroken text
 * (a certificate's fingerprint) in a dialog. Only the part of a dialog meant to scroll scrolls.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { fillServerForm, openAddServer } from './workspace-helpers';

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
});
