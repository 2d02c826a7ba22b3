/**
 * The server form (issue 16 item 9): it opens at its first field, the password state is one sentence that
 * agrees with the "session only" box, and the test result shows without scrolling.
 */
import { expect, test } from './fixtures';
import { DESKTOP, fillServerForm } from './workspace-helpers';

test.describe('the server form', () => {
  test('opens at the top, states the password in one sentence, and shows the test result in view', async ({
    openSite,
  }) => {
    const { page } = await openSite({ name: 'Form site', jobs: 5, seed: 81 }, DESKTOP);

    await page.getByRole('button', { name: 'Edit Form site' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit server' });
    const name = dialog.getByLabel('Name', { exact: true });
    await expect(name).toBeFocused();
    await expect(name).toBeInViewport();
    expect(await dialog.locator('.body').evaluate((el) => el.scrollTop)).toBe(0);

    // Seeded for the session: one sentence says so; ticking the box changes only what Save does.
    const state = dialog.locator('[data-credential]');
    await expect(state).toHaveText(
      'A password is kept for this session only (not in the keychain). Type a new one to replace it.',
    );
    await dialog.getByLabel('Password', { exact: true }).fill('another-password');
    await expect(state).toHaveText(
      'On Save, this password is saved in the system keychain, replacing the one stored now.',
    );
    await dialog.getByLabel(/Keep a new password for this session only/).check();
    await expect(state).toHaveText(
      'On Save, this password is kept for this session only, replacing the one stored now.',
    );
    await dialog.getByLabel('Password', { exact: true }).fill('');

    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const result = dialog.getByTestId('connection-result');
    await expect(result).toContainText('Connected to ArcGIS Server');
    await expect(result).toBeInViewport();
  });

  test('says before Save that changing the server URL (even its port) forgets the stored password', async ({
    openSite,
  }) => {
    const { page } = await openSite({ name: 'Moving site', jobs: 5, seed: 82 });

    await page.getByRole('button', { name: 'Edit Moving site' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit server' });
    const state = dialog.locator('[data-credential]');
    await expect(state).toHaveText(/^A password is kept for this session only/);
    const url = dialog.getByLabel('Server URL');
    const original = await url.inputValue();

    await url.fill('https://elsewhere.example.org/arcgis');
    await expect(state).toHaveText(
      'This edit changes the server URL: on Save the stored password is forgotten, as it is only used with what it was entered for. Type the password again.',
    );
    await url.fill(original);
    await expect(state).toHaveText(/^A password is kept for this session only/);
    const port = new URL(original);
    port.port = '1';
    await url.fill(port.href);
    await expect(state).toHaveText(/^This edit changes the server URL: on Save the stored password/);
    await url.fill(original);
    await expect(state).toHaveText(/^A password is kept for this session only/);
  });

  test('asks before Close or Escape throws away a new server that passed Test connection', async ({
    openServerForm,
  }) => {
    const { page, sim, dialog } = await openServerForm({ jobs: 3, seed: 84 });
    await fillServerForm(dialog, sim, { name: 'Tested only' });
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByTestId('connection-result')).toContainText('Connected to ArcGIS Server');

    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(
      dialog.getByText('Discard the unsaved server? Test connection saved nothing.'),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await expect(dialog.getByLabel('Password', { exact: true })).toHaveValue(sim.password);
    await page.keyboard.press('Escape');
    await expect(dialog.getByText('Discard the unsaved server?')).toBeVisible();
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('aside[aria-label=Servers] li', { hasText: 'Tested only' })).toHaveCount(0);
  });

  test('describes each field by its help, or by its error once Save refuses the value', async ({
    openServerForm,
  }) => {
    const { dialog } = await openServerForm({ jobs: 3, seed: 83 });
    const url = dialog.getByLabel('Server URL');
    const name = dialog.getByLabel('Name', { exact: true });
    await expect(url).toHaveAccessibleDescription(
      'Paste any URL of the site (REST, Manager, admin): it is saved as the site root.',
    );
    await expect(name).toHaveValue('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(name).toHaveAccessibleDescription('Give the server a name, e.g. "Production GIS".');
    await expect(name).toHaveAttribute('aria-invalid', 'true');

    const concurrency = dialog.getByLabel('Concurrent requests');
    await concurrency.fill('100');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(concurrency).toHaveAccessibleDescription('Use a whole number from 1 to 64.');
    await expect(concurrency).toHaveAttribute('aria-invalid', 'true');
  });
});
