import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectRowCount, jobGrid, openWorkspace, renderedRows, seedProfile } from './workspace-helpers';

const JOBS = 100_000;

/** The longest main-thread task since the last call (a freeze shows up here), in ms. */
async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => {
    const tasks = (window as unknown as { __longTasks: number[] }).__longTasks;
    return Math.max(0, ...tasks.splice(0));
  });
}

/** Runs an action in the page and measures until two frames later (the update painted), in ms. */
async function timed(page: Page, action: string, arg: string): Promise<number> {
  return page.evaluate(
    async ({ action, arg }) => {
      const grid = document.querySelector<HTMLElement>('[role=grid]')!;
      const t0 = performance.now();
      if (action === 'sort') {
        [...grid.querySelectorAll<HTMLButtonElement>('[role=columnheader] button')]
          .find((b) => b.textContent?.trim().startsWith(arg))!
          .click();
      } else if (action === 'filter') {
        const select = document.querySelector<HTMLSelectElement>('select[aria-label="Filter by status"]')!;
        select.value = arg;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      } else if (action === 'scroll') {
        grid.scrollTop = arg === 'bottom' ? grid.scrollHeight : grid.scrollHeight / 2;
      }
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return Math.round(performance.now() - t0);
    },
    { action, arg },
  );
}

test('renders only a window of 100,000 jobs and scrolls, sorts and filters without freezing', async ({
  app,
  startSimulator,
}, testInfo) => {
  test.setTimeout(300_000);
  const sim = await startSimulator({ jobs: JOBS, seed: 41, jobDurationMs: Infinity });
  const { page } = app;
  await page.addInitScript(() => {
    const longTasks: number[] = [];
    Object.defineProperty(window, '__longTasks', { value: longTasks });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await seedProfile(page, sim, { name: 'Busy site' });

  const timings: Record<string, number> = {};
  const t0 = Date.now();
  await openWorkspace(page, JOBS);
  timings.loadMs = Date.now() - t0;
  await expectRowCount(page, JOBS);
  // On the Chromium path this includes the test bridge decoding 100,000 jobs (Electron IPC is faster).
  timings.longestTaskDuringLoadMs = await longestTask(page);
  const maxRendered = 100;
  expect(await renderedRows(page).count()).toBeLessThan(maxRendered);

  timings.scrollMiddleMs = await timed(page, 'scroll', 'middle');
  expect(await renderedRows(page).count()).toBeLessThan(maxRendered);
  timings.scrollBottomMs = await timed(page, 'scroll', 'bottom');
  await expect(jobGrid(page).locator(`[aria-rowindex="${JOBS + 1}"]`)).toBeVisible();
  expect(await renderedRows(page).count()).toBeLessThan(maxRendered);

  timings.sortJobIdMs = await timed(page, 'sort', 'Job ID');
  await expect(jobGrid(page).getByRole('columnheader', { name: 'Job ID' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  timings.sortAgeMs = await timed(page, 'sort', 'Age');
  timings.sortServerMs = await timed(page, 'sort', 'Server');

  const failed = sim.jobs().filter((j) => j.status === 'esriJobFailed').length;
  timings.filterStatusMs = await timed(page, 'filter', 'esriJobFailed');
  await expectRowCount(page, failed);
  expect(await renderedRows(page).count()).toBeLessThan(maxRendered);

  const search = page.getByRole('searchbox');
  const t1 = Date.now();
  await search.fill('jsmith');
  await expectRowCount(
    page,
    sim.jobs().filter((j) => j.status === 'esriJobFailed' && j.username === 'jsmith').length,
  );
  timings.filterTextWallMs = Date.now() - t1; // includes the 150 ms typing pause

  await jobGrid(page).focus();
  const t2 = Date.now();
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expectRowCount(page, JOBS);
  await page.keyboard.press('Control+a');
  await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toContainText('100,000 selected');
  timings.clearAndSelectAllWallMs = Date.now() - t2;

  timings.longestTaskAfterLoadMs = await longestTask(page);

  // The benchmark owns the targets: record the timings, assert nothing about them.
  console.log(`workspace-scale timings (${JOBS} jobs): ${JSON.stringify(timings)}`);
  for (const [name, value] of Object.entries(timings))
    testInfo.annotations.push({ type: name, description: String(value) });
  const out = path.join(testInfo.project.outputDir, 'workspace-scale-timings.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ jobs: JOBS, ...timings }, null, 2)}\n`);
});
