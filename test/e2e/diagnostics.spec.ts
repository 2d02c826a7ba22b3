import { expect, test } from './fixtures';
import { fillServerForm } from './workspace-helpers';

test('the server form copies a diagnostics report of answer shapes with nothing identifying in it', async ({
  openServerForm,
}) => {
  const { page, sim, dialog } = await openServerForm({ jobs: 12, seed: 61, jobDurationMs: Infinity });
  // A new, unsaved server has nothing to diagnose yet.
  await expect(dialog.getByRole('button', { name: 'Copy diagnostics' })).toHaveCount(0);
  await fillServerForm(dialog, sim, { name: 'Diagnosed site' });
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('connection-result')).toContainText('Connected to ArcGIS Server');
  // Testing saves nothing; a saved server has a report to copy.
  await expect(dialog.getByRole('button', { name: 'Copy diagnostics' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save' }).click();

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(dialog.getByText(/Diagnostics copied/)).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const report = JSON.parse(text) as { format: string; jobsQuery: { layout: string } };
  expect(report).toMatchObject({ format: 'gpjobs-diagnostics/1', jobsQuery: { layout: 'keyed-results' } });
  for (const secret of [sim.password, sim.username, '127.0.0.1', ...sim.jobs().map((j) => j.jobId)]) {
    expect(text).not.toContain(secret);
  }
});
