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
  // Two workers in CI too: each test waits mostly on its simulators, server and page, so two share two cores
  // well (alternated runs on 2 cores, load 15-26: 687 and 567 s with two workers, 1,128 s with one).
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
});
