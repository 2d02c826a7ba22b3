import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import {
  downloadedText,
  fillServerForm,
  openAddServer,
  openWorkspace,
  seedProfile,
} from './workspace-helpers';

test.describe('servers in the workspace', () => {
  test('tests a new server as typed without saving it, then Save keeps it and its password', async ({
    openServerForm,
    configDir,
  }) => {
    const { page, sim, dialog } = await openServerForm({ jobs: 25, seed: 11, jobDurationMs: Infinity });
    // Any URL of the site will do: it is saved as the site root.
    const url = `${sim.url}/rest/services?f=json`;
    await fillServerForm(dialog, sim, { name: 'Simulated site', url, password: 'not-the-password' });
    await dialog.getByLabel('Tags').fill('Staging, emea');
    await dialog.getByRole('button', { name: 'Test connection' }).click();

    const result = dialog.getByTestId('connection-result');
    await expect(result).toContainText(/check the user name and password/i);
    await expect(result).toContainText('nothing is saved until you click Save');
    // Testing wrote nothing: no profile file, no server in the list, the form still a new server's.
    expect(fs.existsSync(path.join(configDir, 'profiles.json'))).toBe(false);
    await expect(page.locator('aside[aria-label=Servers] li', { hasText: 'Simulated site' })).toHaveCount(0);
    await expect(page.getByRole('dialog', { name: 'Add server' })).toBeVisible();

    await dialog.getByLabel('Password', { exact: true }).fill(sim.password);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(result).toContainText('Connected to ArcGIS Server');
    await expect(result).toContainText('Has administrator rights');
    await expect(result).toBeInViewport();
    expect(fs.existsSync(path.join(configDir, 'profiles.json'))).toBe(false);
    await expect(dialog.getByLabel('Password', { exact: true })).toHaveValue(sim.password);

    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText(`Saved as the site root ${sim.url}`)).toBeVisible();
    await expect(dialog.getByText('A password is saved in the system keychain.')).toBeVisible();
    await expect(result).not.toContainText('nothing is saved');
    await expect(dialog.getByLabel('Password', { exact: true })).toHaveValue('');
    expect(await page.content()).not.toContain(sim.password);

    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(dialog).toHaveCount(0);
    const server = page.locator('aside[aria-label=Servers] li', { hasText: 'Simulated site' });
    await expect(server).toContainText('Connected');
    await expect(server).toContainText('25 jobs');
    await expect(page.getByRole('button', { name: 'Add server' }).first()).toBeFocused();
    const saved = JSON.parse(fs.readFileSync(path.join(configDir, 'profiles.json'), 'utf8')) as {
      profiles: Array<{ tags?: string[] }>;
    };
    expect(saved.profiles[0]?.tags).toEqual(['staging', 'emea']);
  });

  test('explains an untrusted certificate, then connects once its CA is trusted', async ({
    openServerForm,
  }) => {
    const { sim, dialog } = await openServerForm({ jobs: 5, seed: 12 });
    await fillServerForm(dialog, sim, { name: 'Self-signed site', trustCa: false });
    await dialog.getByRole('button', { name: 'Test connection' }).click();

    const result = dialog.getByTestId('connection-result');
    await expect(result).toContainText('is not trusted by this computer');
    await expect(result).toContainText('Choose the CA certificate');

    await dialog.getByLabel('CA certificate').setInputFiles(sim.caFile);
    await expect(dialog.getByTestId('ca-state')).toContainText('1 certificate trusted for this server');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(result).toContainText('Connected to ArcGIS Server');
  });

  test('refuses a private key as the CA file with a plain message', async ({ app }, testInfo) => {
    const keyFile = testInfo.outputPath('server.key');
    fs.writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nTUlJQg==\n-----END PRIVATE KEY-----\n');
    const dialog = await openAddServer(app.page);
    await dialog.getByLabel('CA certificate').setInputFiles(keyFile);
    await expect(dialog.getByRole('alert')).toContainText('This file holds a private key');
    await app.page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });

  test('exports the profiles without secrets and imports a file with a per-entry report', async ({
    app,
    startSimulator,
  }, testInfo) => {
    const [one, two] = await Promise.all([
      startSimulator({ jobs: 3, seed: 13 }),
      startSimulator({ jobs: 4, seed: 14 }),
    ]);
    const { page } = app;
    await seedProfile(page, one, { name: 'First site', production: true });
    await openWorkspace(page, 3);

    const exported = await downloadedText(page, () => page.getByRole('button', { name: 'Export' }).click());
    expect(exported.name).toMatch(/\.json$/);
    expect(exported.text).toContain('First site');
    expect(exported.text).not.toContain(one.password);
    const data = JSON.parse(exported.text) as unknown;
    const profiles = (Array.isArray(data) ? data : (data as { profiles: unknown[] }).profiles) as Record<
      string,
      unknown
    >[];

    const file = testInfo.outputPath('import.json');
    const second = {
      ...profiles[0],
      id: undefined,
      name: 'Second site',
      serverUrl: two.url,
      caCertPem: two.caPem,
    };
    fs.writeFileSync(file, JSON.stringify([profiles[0], second, { name: 'Broken entry' }]));
    await page.getByLabel('Profiles file to import').setInputFiles(file);

    const report = page.getByRole('dialog', { name: 'Import report' });
    await expect(report).toContainText('1 server added of 3.');
    await expect(report.locator('li', { hasText: 'First site' })).toContainText('Already there');
    await expect(report.locator('li', { hasText: 'Second site' })).toContainText('Added');
    await expect(report.locator('li', { hasText: 'Broken entry' })).toContainText('Not imported');
    await report.getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('aside[aria-label=Servers] li', { hasText: 'Second site' })).toBeVisible();
  });
});

test('shows a managed profile read-only, without a password until one is set, which it can be', async ({
  app,
  startSimulator,
  managedProfilesPath,
}) => {
  const sim = await startSimulator({ jobs: 8, seed: 15, jobDurationMs: Infinity });
  fs.mkdirSync(path.dirname(managedProfilesPath), { recursive: true });
  fs.writeFileSync(
    managedProfilesPath,
    JSON.stringify({
      version: 1,
      profiles: [
        {
          name: 'IT managed site',
          serverUrl: sim.url,
          authMode: 'server',
          username: sim.username,
          caCertPem: sim.caPem,
        },
      ],
    }),
  );
  const { page } = app;
  await page.reload();
  const server = page.locator('aside[aria-label=Servers] li', { hasText: 'IT managed site' });
  await expect(server.getByRole('img', { name: 'Managed (read-only)' })).toBeVisible();
  // Before its password is set nothing was tried: the line says so, not that a sign-in failed.
  const state = server.locator('.state');
  await expect(state).toContainText('No password saved');
  await expect(state).toHaveAttribute('title', /Enter the password in Edit server and Save/);
  await expect(server).not.toContainText('Sign-in failed');

  await server.getByRole('button', { name: 'Edit IT managed site' }).click();
  const dialog = page.getByRole('dialog', { name: 'Server (managed, read-only)' });
  await expect(dialog.getByLabel('Server URL')).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Remove server…' })).toHaveCount(0);
  await dialog.getByLabel('Password', { exact: true }).fill(sim.password);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('connection-result')).toContainText('Connected to ArcGIS Server');
  await dialog.getByRole('button', { name: 'Save' }).click(); // the test saved nothing
  await expect(dialog.getByText('A password is saved in the system keychain.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(server).toContainText('8 jobs');
});
