/**
 * Dates and numbers in the OS locale (issue 16 item 12): with a German system locale the app groups
 * thousands with a dot and writes dates day first, on a 24-hour clock; the words come from the string
 * catalogue (English, the only one shipped).
 */
import { expect, test } from './fixtures';
import { jobGrid, seedProfile } from './workspace-helpers';

test.use({ locale: 'de-DE' });

test('numbers and dates follow the OS locale (de-DE)', async ({ app, startSimulator }) => {
  const { page } = app;
  const sim = await startSimulator({ jobs: 1_200, seed: 41, jobDurationMs: Infinity });
  await seedProfile(page, sim, { name: 'Standort Köln' });
  await page.reload();
  expect(await page.evaluate(() => navigator.language)).toBe('de-DE');
  await expect(page.locator('header.top')).toContainText('1.200 jobs on 1 server', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Select all 1.200 jobs' })).toBeVisible();

  // The newest job's submitted time, as German short dates read: 01.12.26, 17:05.
  const newest = sim.jobs().reduce((a, b) => (b.submittedTime > a.submittedTime ? b : a));
  const german = new Intl.DateTimeFormat('de-DE', { dateStyle: 'short', timeStyle: 'short' }).format(
    newest.submittedTime,
  );
  expect(german).toMatch(/^\d{2}\.\d{2}\.\d{2}, \d{2}:\d{2}$/);
  await expect(jobGrid(page).locator('[data-index="0"]')).toContainText(german);
  await expect(jobGrid(page)).not.toContainText(/\b(AM|PM)\b/);
});
