/**
 * A server that does not answer, as an administrator sees it in the server list: while its reads are
 * retried the line says it is not answering, which attempt of how many, and why (refused, timed out, HTTP
 * 503 and the wait it asked for), instead of a bare "Loading jobs…"; then the final error with what to do;
 * and when the server comes back, its jobs are listed and it reads as connected.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { screenshotPath } from './workspace-helpers';

function serverLine(page: Page, name: string): Locator {
  return page.getByRole('complementary', { name: 'Servers' }).getByRole('listitem').filter({ hasText: name });
}

/** Records every state the line shows from now on, with why (a retry may last less than a frame). */
async function recordStates(line: Locator): Promise<() => Promise<string[]>> {
  await line.evaluate((li) => {
    const seen: string[] = [];
    (window as unknown as { seenStates: string[] }).seenStates = seen;
    const note = (): void => {
      const why = li.querySelector('.why')?.textContent?.trim();
      const text = [li.querySelector('.state')?.textContent?.trim(), why].filter(Boolean).join(' | ');
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(note).observe(li, { subtree: true, childList: true, characterData: true });
  });
  return () => line.page().evaluate(() => (window as unknown as { seenStates: string[] }).seenStates);
}

test('a refusing server is shown being retried, then the error and what to do; back, it is listed', async ({
  openSites,
}, testInfo) => {
  test.setTimeout(120_000);
  const { page, sims } = await openSites([
    { name: 'Steady', jobs: 5, seed: 96 },
    { name: 'Flaky', jobs: 12, seed: 97 },
  ]);
  const flaky = sims[1]!;
  const line = serverLine(page, 'Flaky');
  await expect(line).toContainText('Connected');

  // Down: every attempt is refused.
  await flaky.setDown(true);
  const seen = await recordStates(line);
  await line.getByRole('button', { name: 'Refresh Flaky' }).click();
  await expect(line).toContainText('Unreachable', { timeout: 30_000 });
  expect(await seen()).toEqual(
    expect.arrayContaining([
      'Not answering: retry 2 of 4… | Connection refused',
      'Not answering: retry 4 of 4… | Connection refused',
    ]),
  );
  const state = line.locator('.state');
  await expect(state).toHaveAttribute(
    'title',
    /refused the connection\. Is the server running and the port right\?/,
  );
  await expect(state).toHaveAttribute('title', /after 4 attempts/);
  await expect(state).toHaveAttribute(
    'title',
    /Check the network, VPN or proxy and that the server is running/,
  );
  await expect(line.getByTestId('server-retrying')).toHaveCount(0);

  // Back, but its front end first answers 503 and asks for 30 s: that is what the line says. The pause is
  // long so that every check below runs while the line is retrying, however loaded the machine.
  await flaky.setDown(false);
  flaky.addFault({ kind: 'http503', retryAfter: '30', count: 1 });
  await line.getByRole('button', { name: 'Refresh Flaky' }).click();
  await expect(line.locator('.state')).toHaveText('Not answering: retry 2 of 4…');
  const why = line.getByTestId('server-retrying');
  await expect(why).toHaveText('Error 503, asked to wait 30 s');
  await expect(why).toHaveAttribute(
    'title',
    /reported an error \(code 503\).* It asked to be retried in 30 s\.$/,
  );
  await expect(page.locator('header.top')).toContainText('5 jobs on 1 server · 1 not answering, retrying…');
  // The server's line grows to hold why, instead of spilling over the next server.
  expect(await line.evaluate((li) => li.scrollHeight <= li.clientHeight)).toBe(true);
  const shot = screenshotPath(testInfo, 'server-retrying-light');
  await page.screenshot({ path: shot });
  await testInfo.attach('server-retrying-light', { path: shot, contentType: 'image/png' });

  // Still retrying after all the checks (the line said so throughout); then it answers after the pause:
  // the jobs are listed and the server reads as connected.
  await expect(line.locator('.state')).toHaveText('Not answering: retry 2 of 4…');
  await expect(line).toContainText('Connected', { timeout: 45_000 });
  await expect(why).toHaveCount(0);
  await expect(line).toContainText('12 jobs');
  await expect(page.locator('header.top')).toContainText('17 jobs on 2 servers');
});

test('a listing that read jobs and retries one page reads as loading with why, not as not answering', async ({
  openSites,
}) => {
  test.setTimeout(120_000);
  const { page, sims } = await openSites([{ name: 'Busy', jobs: 6000, seed: 98 }]);
  const sim = sims[0]!;
  const line = serverLine(page, 'Busy');
  await expect(line).toContainText('Connected', { timeout: 60_000 });
  // The service with the most jobs answers its second page once with 503 and a 30 s pause: the server
  // has answered (its other pages are in), so the line keeps the count so far and says why below.
  const perService = new Map<string, number>();
  for (const job of sim.jobs()) perService.set(job.service, (perService.get(job.service) ?? 0) + 1);
  const [busiest, most] = [...perService].sort((a, b) => b[1] - a[1])[0]!;
  expect(most).toBeGreaterThan(1000); // more than the client's first page of a thousand
  sim.addFault({
    kind: 'http503',
    retryAfter: '30',
    count: 1,
    match: ({ path, params }) =>
      path.includes(`/${busiest}.`) && path.endsWith('/jobs/query') && Number(params.start ?? 1) > 1,
  });
  await line.getByRole('button', { name: 'Refresh Busy' }).click();
  const why = line.getByTestId('server-retrying');
  await expect(why).toHaveText('Retrying a page (2 of 4): Error 503, asked to wait 30 s');
  await expect(line.locator('.state')).toHaveText(/Loading jobs… [\d,]+ so far$/);
  await expect(line).not.toContainText('Not answering');
  await expect(why).toHaveAttribute(
    'title',
    /\(code 503\): Service Unavailable\. It asked to be retried in 30 s\.$/,
  );
  // The top bar: a refresh of a listed server keeps its jobs counted, and no server is "not answering".
  await expect(page.locator('header.top')).not.toContainText('not answering');
  // After the pause the page is read: every job is listed and the server reads as connected.
  await expect(line).toContainText('Connected', { timeout: 45_000 });
  await expect(why).toHaveCount(0);
  await expect(line).toContainText(`${sim.jobs().length.toLocaleString('en-US')} jobs`);
});
