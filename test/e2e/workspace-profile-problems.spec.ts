import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

test('a damaged profiles file is kept aside and the administrator is told where', async ({
  app,
  configDir,
}) => {
  const { page } = app;
  // The first page's profile listing must be over before the file is damaged: a damage notice is
  // delivered once, to the next listing, and a listing still in flight would take it to the old page.
  await expect(page.getByText('No servers yet.')).toBeVisible();
  fs.mkdirSync(configDir, { recursive: true });
  fs.writeFileSync(path.join(configDir, 'profiles.json'), '{"version": 1, "profiles": [ {"name": ');
  await page.reload();

  const problems = page.getByRole('region', { name: 'Problems with server profiles' });
  await expect(problems).toBeVisible();
  const kept = fs.readdirSync(configDir).find((f) => f.startsWith('profiles.corrupt-'));
  expect(kept).toBeDefined();
  await expect(problems).toContainText(kept!);
  await expect(page.getByText('No servers yet.')).toBeVisible();

  await problems.getByRole('button', { name: 'Dismiss' }).click();
  await expect(problems).toHaveCount(0);
});
