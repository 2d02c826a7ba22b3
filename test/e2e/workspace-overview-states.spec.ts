/**
 * The overview of a server it has no counts for: one that could not be listed says so in its bar and in
 * the services panel, instead of a 0 that reads as "no jobs"; before the first server, it says nothing.
 */
import { expect, test } from './fixtures';
import { openWorkspace } from './workspace-helpers';

test('a server that could not be listed reads as such in the overview, not as 0 jobs', async ({
  openSites,
}) => {
  const { page, sims } = await openSites([
    { name: 'Up', jobs: 6, seed: 93 },
    { name: 'Down', jobs: 4, seed: 94 },
  ]);
  await sims[1]!.setDown(true);
  await openWorkspace(page, 6);
  // The top bar counts the server whose jobs are known and says the other could not be listed.
  await expect(page.locator('header.top')).toContainText('6 jobs on 1 server · 1 could not be listed');
  const servers = page.getByRole('region', { name: 'Jobs by status' }).getByRole('list', { name: 'Servers' });
  const down = servers.getByRole('listitem').filter({ hasText: 'Down' });
  await expect(down).toContainText('Unreachable');
  await expect(down.getByRole('button', { name: /^Down/ })).toHaveAccessibleName('Down');
  await expect(down.getByRole('toolbar')).toHaveCount(0);
  await expect(servers.getByRole('listitem').filter({ hasText: 'Up' })).toContainText('6');

  await down.getByRole('button', { name: /^Down/ }).click();
  const panel = page.getByRole('region', { name: 'Services and totals' });
  await expect(panel).toContainText(
    'Services on Down Unreachable: its jobs could not be listed. The server list says why.',
  );
  await expect(panel).not.toContainText('No jobs on this server.');
});

test('a server listed in part with no jobs in the services that answered does not read as 0 jobs', async ({
  openSites,
}) => {
  const { page, sims } = await openSites([
    { name: 'Up', jobs: 6, seed: 93 },
    { name: 'Part', jobs: 4, seed: 95 },
  ]);
  // Every service that holds a job fails its listing; the services that answer have none.
  const busy = new Set(sims[1]!.jobs().map((j) => j.service));
  sims[1]!.addFault({
    kind: 'http500',
    match: ({ path }) => path.endsWith('/jobs/query') && [...busy].some((s) => path.includes(`/${s}.`)),
  });
  await openWorkspace(page, 6);
  await expect(page.locator('header.top')).toContainText('6 jobs on 2 servers (1 listed in part)');
  const servers = page.getByRole('region', { name: 'Jobs by status' }).getByRole('list', { name: 'Servers' });
  const part = servers.getByRole('listitem').filter({ hasText: 'Part' });
  await expect(part).toContainText('could not be listed');
  await expect(part).not.toContainText('0');

  await part.getByRole('button', { name: /^Part/ }).click();
  const panel = page.getByRole('region', { name: 'Services and totals' });
  await expect(panel).toContainText('Only the services that answered are counted');
  await expect(panel).not.toContainText('No jobs on this server.');
});

test('before the first server is added the overview is empty, and the table says what to do', async ({
  app,
}) => {
  const { page } = app;
  await expect(page.getByRole('button', { name: 'Import profiles' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Services and totals' });
  await expect(panel).toHaveText('');
  await expect(page.getByRole('grid', { name: 'Jobs' })).toContainText('No servers yet');
});
