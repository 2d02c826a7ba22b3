import { expect, test } from './fixtures';
import { gridRowCount, renderedRows, seedProfile } from './workspace-helpers';

// Rows stream into the table as the server's jobs are read: one service's later pages are held by the
// simulator (its jobs/query never answers past the first page), and the jobs of every other service must
// already be in the table, counted and scrollable, while the sidebar still says the server is listing.
test('shows the jobs listed so far while the server is still listing', async ({ app, startSimulator }) => {
  const sim = await startSimulator({ jobs: 12_000, seed: 23, jobDurationMs: Infinity });
  const perService = new Map<string, number>();
  for (const job of sim.jobs()) perService.set(job.service, (perService.get(job.service) ?? 0) + 1);
  const [held, heldJobs] = [...perService].sort((a, b) => b[1] - a[1])[0]!;
  const total = sim.jobs().length;
  expect(heldJobs).toBeGreaterThan(1000); // more than the client's first page of a thousand
  sim.addFault({
    kind: 'timeout',
    match: ({ path, params }) =>
      path.includes(`/${held}.`) && path.endsWith('/jobs/query') && Number(params.start ?? 1) > 1,
  });
  const { page } = app;
  await seedProfile(page, sim, { name: 'Streaming site' });
  await page.reload();

  // The sidebar's line (the overview's note of the server says the same once it shows).
  const listing = page
    .getByRole('complementary', { name: 'Servers' })
    .getByText(/^Loading jobs… [\d,]+ so far$/);
  await expect(listing).toBeVisible({ timeout: 60_000 });
  await expect(renderedRows(page).first()).toBeVisible();
  // Every other service's jobs are in, and the held service's are not all there.
  await expect.poll(() => gridRowCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(total - heldJobs);
  const shown = await gridRowCount(page);
  expect(shown).toBeLessThan(total);
  // The top bar does not count them as a listed server's jobs: it says what the sidebar says, the jobs
  // read so far (of which the table shows those it has taken in).
  const soFar = (text: string | null) => Number(/([\d,]+) so far/.exec(text ?? '')?.[1]?.replace(/,/g, ''));
  const summary = page.locator('header.top .summary');
  await expect(summary).toHaveText(/^1 server loading jobs… [\d,]+ so far$/);
  await expect
    .poll(async () => soFar(await summary.textContent()) - soFar(await listing.textContent()))
    .toBe(0);
  expect(soFar(await summary.textContent())).toBeGreaterThanOrEqual(shown);
  // Still listing: the rows came before the server's list was whole.
  await expect(listing).toBeVisible();
  await sim.close(); // ends the held request, so the window closes on a finished listing
});
