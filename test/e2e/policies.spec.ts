/**
 * Clean-up policies in the app (issue 17): the Policies panel shows each server's own job retention (a
 * warning when the server never removes jobs), Save as policy keeps the table's filters, Preview lists
 * what the policy would touch now, Run now asks the usual confirmation and deletes exactly those jobs,
 * and the server form shows the retention line. Screenshots and an axe check of the panel and the form.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page, TestInfo } from '@playwright/test';
import { violations } from './axe';
import { expect, test } from './fixtures';
import { confirmAndFinish, downloadedText, screenshotPath } from './workspace-helpers';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = screenshotPath(testInfo, name);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('Policies panel: retention lines, Save as policy, Preview and Run now; the server form says the retention', async ({
  openSites,
}, testInfo) => {
  test.setTimeout(120_000);
  const { page, sims } = await openSites([
    {
      name: 'Kept',
      jobs: 60,
      seed: 91,
      retention: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAgeMinutes: 360 },
    },
    { name: 'Never', jobs: 60, seed: 92 },
  ]);
  const failed = () => sims.flatMap((s) => s.jobs()).filter((j) => j.status === 'esriJobFailed');
  const count = failed().length;
  expect(count).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Policies' }).click();
  const panel = page.getByRole('complementary', { name: 'Clean-up policies' });
  await expect(panel.getByRole('group', { name: 'Job retention of Kept' })).toContainText(
    'Finished jobs are kept 6 h by the server.',
  );
  await expect(panel.getByRole('group', { name: 'Job retention of Never' })).toContainText(
    'Jobs are never removed by the server',
  );
  await expect(panel).toContainText('No policies yet.');

  await page.getByLabel('Filter by status').selectOption('esriJobFailed');
  await panel.getByRole('button', { name: 'Save as policy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as policy' });
  await dialog.getByLabel('Name').fill('Failed jobs');
  await dialog.getByRole('button', { name: 'Save policy' }).click();
  await expect(dialog).toHaveCount(0);
  const card = panel.getByRole('article', { name: 'Failed jobs' });
  await expect(card).toContainText('Deletes Failed jobs on all servers');
  await expect(card).toContainText('Last run: never');

  // Export downloads the policies file; Import adds a file's new policies and names the ones it skipped.
  const exported = await downloadedText(page, () => panel.getByRole('button', { name: 'Export' }).click());
  const file = JSON.parse(exported.text) as { version: number; policies: Array<{ name: string }> };
  expect(file.policies.map((p) => p.name)).toEqual(['Failed jobs']);
  file.policies.push({ ...file.policies[0]!, name: 'Imported sweep' });
  await panel.getByLabel('Policies file to import').setInputFiles({
    name: 'policies.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(panel.getByRole('status')).toContainText('Imported Imported sweep. Skipped Failed jobs');
  await expect(panel.getByRole('article', { name: 'Imported sweep' })).toBeVisible();
  await panel.getByRole('button', { name: 'Remove policy Imported sweep' }).click();
  await expect(panel.getByRole('article', { name: 'Imported sweep' })).toHaveCount(0);

  await card.getByRole('button', { name: 'Preview Failed jobs' }).click();
  await expect(card).toContainText(`Now: ${count} jobs to delete on 2 servers`);
  await card.getByText('Schedule it').click();
  // Both lines name gpjobs by its full path, as the README advises (cron's and a task's PATH may lack it).
  await expect(card).toContainText("0 2 * * * /usr/bin/gpjobs policies run 'Failed jobs' --yes");
  await expect(card).toContainText(
    '/TR "\\"C:\\Program Files\\GP Job Admin\\gpjobs.cmd\\" policies run \\"Failed jobs\\" --yes"',
  );
  await shoot(page, testInfo, 'policies-panel-light');
  expect(await violations(page)).toEqual([]);

  await card.getByRole('button', { name: 'Run now: Failed jobs' }).click();
  await confirmAndFinish(page, count);
  expect(failed()).toEqual([]);
  await expect(card).toContainText(`${count} deleted, 0 failed`);

  await page.getByRole('button', { name: 'Edit Never' }).click();
  const form = page.getByRole('dialog', { name: 'Edit server' });
  await expect(form.getByRole('group', { name: 'Job retention of Never' })).toContainText(
    'Jobs are never removed by the server',
  );
  await shoot(page, testInfo, 'server-retention-light');
  expect(await violations(page)).toEqual([]);
});

test('Save as policy chooses its servers by tag (or by name, or all), and a run takes the tagged servers', async ({
  openSites,
}) => {
  const { page, sims } = await openSites([
    { name: 'Night A', jobs: 40, seed: 93, tags: ['nightly'] },
    { name: 'Night B', jobs: 40, seed: 94, tags: ['nightly', 'emea'] },
    { name: 'Day', jobs: 40, seed: 95 },
  ]);
  const failedOn = (i: number) => sims[i]!.jobs().filter((j) => j.status === 'esriJobFailed').length;
  const tagged = failedOn(0) + failedOn(1);
  expect(tagged).toBeGreaterThan(0);
  expect(failedOn(2)).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Policies' }).click();
  const panel = page.getByRole('complementary', { name: 'Clean-up policies' });
  await page.getByLabel('Filter by status').selectOption('esriJobFailed');
  await panel.getByRole('button', { name: 'Save as policy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as policy' });
  const servers = dialog.getByRole('group', { name: 'Servers', exact: true });
  await expect(servers.getByRole('radio', { name: 'All servers' })).toBeChecked(); // the filter names no server
  await dialog.getByLabel('Name').fill('Nightly failed');

  // By name: the servers' names to tick; none ticked cannot be saved.
  await servers.getByRole('radio', { name: 'These servers' }).check();
  await expect(servers.getByRole('group', { name: 'These servers' }).getByRole('checkbox')).toHaveCount(3);
  await expect(servers).toContainText('Choose at least one server.');
  await expect(dialog.getByRole('button', { name: 'Save policy' })).toBeDisabled();

  // By tag: every tag the servers carry, once.
  await servers.getByRole('radio', { name: 'Servers with these tags' }).check();
  const tags = servers.getByRole('group', { name: 'Servers with these tags' });
  await expect(tags.getByRole('checkbox')).toHaveCount(2);
  await expect(tags).toContainText('emea');
  await expect(dialog.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  await tags.getByRole('checkbox', { name: 'nightly' }).check();
  await expect(servers).toContainText('servers tagged later included');
  await dialog.getByRole('button', { name: 'Save policy' }).click();
  await expect(dialog).toHaveCount(0);

  const card = panel.getByRole('article', { name: 'Nightly failed' });
  await expect(card).toContainText('Deletes Failed jobs on servers tagged nightly');
  await card.getByRole('button', { name: 'Preview Nightly failed' }).click();
  await expect(card).toContainText(`Now: ${tagged} jobs to delete on 2 servers`);
  await card.getByRole('button', { name: 'Run now: Nightly failed' }).click();
  await confirmAndFinish(page, tagged);
  expect(failedOn(0) + failedOn(1)).toBe(0);
  expect(failedOn(2)).toBeGreaterThan(0); // the untagged server is not touched
});

test("the server form changes the server's job retention behind the CLI's plan and confirmation, records it, and obeys IT", async ({
  openSites,
  configDir,
  keychainService,
  managedProfilesPath,
}) => {
  const { page, sims } = await openSites([
    {
      name: 'Kept',
      jobs: 20,
      seed: 96,
      retention: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAgeMinutes: 360 },
    },
  ]);
  const edits = () => sims[0]!.requests.filter((r) => /\/directories\/.*\/edit$/.test(r.url));
  await page.getByRole('button', { name: 'Edit Kept' }).click();
  const form = page.getByRole('dialog', { name: 'Edit server' });
  const line = form.getByRole('group', { name: 'Job retention of Kept', exact: true });
  await expect(line).toContainText('Finished jobs are kept 6 h by the server.');
  await form.getByRole('button', { name: 'Change…' }).click();
  const editor = form.getByRole('group', { name: 'Change the job retention of Kept' });
  await expect(editor.getByLabel('Maximum file age')).toHaveValue('6');
  await editor.getByLabel('Maximum file age').fill('2');

  // The plan first, as `gpjobs servers retention` prints it: nothing is sent to the server yet.
  await editor.getByRole('button', { name: 'Review change' }).click();
  await expect(editor.getByRole('status')).toContainText(
    'Kept: jobs directory arcgisjobs, finished jobs kept 6 h → finished jobs kept 2 h.',
  );
  await expect(editor.getByRole('status')).toContainText(
    'ArcGIS Server restarts every service that uses this directory',
  );
  expect(edits()).toEqual([]);
  await editor.getByRole('button', { name: 'Change it on Kept' }).click();
  const log = path.join(configDir, 'audit', 'server-changes.jsonl');
  await expect(editor).toContainText(`Changed. Recorded in ${log}.`);
  await expect(line).toContainText('Finished jobs are kept 2 h by the server.');
  expect(edits()).toHaveLength(1);
  expect(JSON.parse(await fs.readFile(log, 'utf8'))).toMatchObject({
    type: 'server-retention',
    server: 'Kept',
    from: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAge: 360 },
    to: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAge: 120 },
    outcome: 'changed',
  });

  // Another administrator changes it between the review and the apply: refused, the values chosen kept.
  await editor.getByLabel('Maximum file age').fill('4');
  await editor.getByRole('button', { name: 'Review change' }).click();
  await expect(editor.getByRole('status')).toContainText('finished jobs kept 2 h → finished jobs kept 4 h');
  const env = {
    ...process.env,
    GPJOBS_CONFIG_DIR: configDir,
    GPJOBS_KEYCHAIN_SERVICE: keychainService,
    GPJOBS_MANAGED_CONFIG: managedProfilesPath,
    GPJOBS_PASSWORD: sims[0]!.password,
  };
  const cli = path.join(process.cwd(), 'dist', 'cli', 'gpjobs.cjs');
  await promisify(execFile)(
    process.execPath,
    [cli, 'servers', 'retention', 'Kept', '--max-file-age', '3h', '--yes'],
    {
      env,
    },
  );
  expect(edits()).toHaveLength(2);
  await editor.getByRole('button', { name: 'Change it on Kept' }).click();
  await expect(editor.getByRole('alert')).toContainText(
    'the job retention changed on the server since the preview: it showed jobs directory arcgisjobs, finished jobs kept 2 h; the server now reports jobs directory arcgisjobs, finished jobs kept 3 h. Review the change again.',
  );
  await expect(line).toContainText('Finished jobs are kept 3 h by the server.');
  await expect(editor.getByLabel('Maximum file age')).toHaveValue('4');
  await expect(editor.getByRole('button', { name: 'Change it on Kept' })).toHaveCount(0);
  expect(edits()).toHaveLength(2);

  // The server is unreachable at the apply: its error stays with the values chosen (the line is not read
  // again, since that read would fail too and take the editor away).
  await editor.getByRole('button', { name: 'Review change' }).click();
  await expect(editor.getByRole('status')).toContainText('finished jobs kept 3 h → finished jobs kept 4 h');
  await sims[0]!.setDown(true);
  // Counts the renderer's reads of the retention line: a read would be sent before the alert shows.
  await page.evaluate(() => {
    const counted = window as unknown as { lineReads: number };
    counted.lineReads = 0;
    const send = window.fetch.bind(window);
    window.fetch = (input, init) => {
      if (typeof init?.body === 'string' && init.body.includes('"channel":"profiles.retention"'))
        counted.lineReads++;
      return send(input, init);
    };
  });
  await editor.getByRole('button', { name: 'Change it on Kept' }).click();
  await expect(editor.getByRole('alert')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { lineReads: number }).lineReads)).toBe(0);
  await expect(editor.getByRole('alert')).not.toContainText('changed on the server since the preview');
  await expect(editor.getByLabel('Maximum file age')).toHaveValue('4');
  await expect(line).toContainText('Finished jobs are kept 3 h by the server.');
  await sims[0]!.setDown(false);
  expect(edits()).toHaveLength(2);

  // IT forbids it in the managed settings: the plan is refused with why, and nothing is sent.
  await fs.mkdir(path.dirname(managedProfilesPath), { recursive: true });
  await fs.writeFile(
    path.join(path.dirname(managedProfilesPath), 'settings.json'),
    '{"serverRetentionChanges": "forbidden"}',
  );
  await editor.getByLabel('Never remove them (clean-up off)').check();
  await editor.getByRole('button', { name: 'Review change' }).click();
  await expect(editor.getByRole('alert')).toContainText(
    'Your IT department does not allow changing how long servers keep jobs',
  );
  await expect(editor.getByRole('button', { name: 'Change it on Kept' })).toHaveCount(0);
  expect(edits()).toHaveLength(2);
  await expect(line).toContainText('Finished jobs are kept 3 h by the server.');
});
