import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  confirmAndFinish,
  jobGrid,
  openWorkspace,
  renderedRows,
  screenshotPath,
  seedProfile,
} from './workspace-helpers';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = screenshotPath(testInfo, name);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`saves screenshots of the main views in the ${scheme} theme without CSP violations`, async ({
    app,
    startSimulator,
  }, testInfo) => {
    test.setTimeout(120_000);
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.defineProperty(window, '__csp', { value: seen });
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
      );
    });
    const [prod, staging, dev] = await Promise.all([
      startSimulator({ jobs: 400, seed: 51, jobDurationMs: Infinity }),
      startSimulator({ jobs: 250, seed: 52, jobDurationMs: Infinity, federated: true }),
      startSimulator({ jobs: 120, seed: 53, jobDurationMs: Infinity }),
    ]);
    await seedProfile(page, prod, { name: 'Production GIS', production: true, color: '#d83020' });
    await seedProfile(page, staging, { name: 'Staging', color: '#007ac2' });
    await seedProfile(page, dev, { name: 'Development', color: '#35ac46' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openWorkspace(page, 770);
    await expect(page.locator('body')).toHaveCSS(
      'background-color',
      scheme === 'dark' ? 'rgb(43, 43, 43)' : 'rgb(248, 248, 248)',
    );
    await shoot(page, testInfo, `workspace-1920-${scheme}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await shoot(page, testInfo, `workspace-${scheme}`);

    await page.getByRole('button', { name: 'Columns' }).click();
    await expect(page.getByRole('dialog', { name: 'Columns' })).toBeVisible();
    await shoot(page, testInfo, `column-chooser-${scheme}`);
    await page.keyboard.press('Escape');

    // A confirmation that acts on jobs the filters hide: it says so, and lists them in one click.
    await jobGrid(page).focus();
    await page.keyboard.press('Control+a');
    await page.getByLabel('Filter by status').selectOption('esriJobFailed');
    await page.getByTestId('delete-jobs').click();
    const hidden = page.getByRole('dialog').getByTestId('hidden-jobs');
    await hidden.getByRole('button', { name: /^Show all/ }).click();
    await shoot(page, testInfo, `confirm-hidden-${scheme}`);
    await page.getByRole('dialog').getByRole('button', { name: 'Keep jobs' }).click();
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.getByRole('button', { name: 'Clear all' }).click();

    await renderedRows(page).nth(2).locator('.mono').click();
    await expect(page.getByRole('complementary').getByRole('heading', { name: 'Messages' })).toBeVisible();
    await shoot(page, testInfo, `job-detail-${scheme}`);
    await page.keyboard.press('Escape');

    await renderedRows(page).nth(3).click({ button: 'right' });
    await expect(page.getByRole('menu')).toBeVisible();
    await shoot(page, testInfo, `context-menu-${scheme}`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);

    await page.getByRole('button', { name: 'Edit Staging' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('connection-result')).toContainText('Connected');
    await shoot(page, testInfo, `server-form-${scheme}`);
    await page.keyboard.press('Escape');

    await page.getByLabel('Filter by server').selectOption({ label: 'Production GIS' });
    await page.getByLabel('Filter by status').selectOption('esriJobFailed');
    await page.getByRole('button', { name: /^Select all \d+ matching/ }).click();
    const count = Number(
      (await page.getByRole('toolbar', { name: 'Bulk actions' }).innerText())
        .match(/([\d,]+) selected/)![1]!
        .replace(/,/g, ''),
    );
    await page.getByTestId('delete-jobs').click();
    await expect(page.getByRole('dialog')).toContainText('is a production server');
    await shoot(page, testInfo, `confirm-delete-${scheme}`);
    await confirmAndFinish(page, count);
    await page.getByLabel(/Show finished results/).check();
    await shoot(page, testInfo, `run-finished-${scheme}`);

    await page.getByRole('button', { name: 'Run history' }).click();
    await expect(page.getByRole('complementary', { name: 'Run history' }).locator('li')).toHaveCount(1);
    await shoot(page, testInfo, `run-history-${scheme}`);

    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });
}
