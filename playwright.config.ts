import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests (test/e2e). With an Electron binary they drive the real app; without one (CI here) they
 * drive the app as `gpjobs ui` serves it, in Chromium: real HTTP to the same main-process handlers. Screenshots of every test's
 * window land in test-results/ as artifacts. Run `npm run build` first (`npm run test:all` does).
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  globalSetup: './test/e2e/global-setup.ts',
  workers: process.env.CI ? 1 : 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
});
