import fs from 'node:fs/promises';
import path from 'node:path';
import { AuditStore } from '../../electron/core/audit/audit-store';
import { writeRun } from '../unit/core/audit/fixtures';
import { expect, test } from './fixtures';

const DAY = 86_400_000;

test.describe('run history retention', () => {
  test('keeps runs forever by default; a shorter setting within the managed minimum removes old runs', async ({
    app,
    configDir,
    managedProfilesPath,
  }) => {
    const store = new AuditStore({ dir: path.join(configDir, 'audit'), legacyFile: null });
    const sink = store.sink();
    await writeRun(sink, 'old-run', { jobs: 3, startedAt: new Date(Date.now() - 200 * DAY).toISOString() });
    await writeRun(sink, 'new-run', { jobs: 2, startedAt: new Date(Date.now() - DAY).toISOString() });
    await sink.close();
    await fs.mkdir(path.dirname(managedProfilesPath), { recursive: true });
    await fs.writeFile(
      path.join(path.dirname(managedProfilesPath), 'settings.json'),
      '{"audit":{"minimumRetentionDays":60}}',
    );

    const { page } = app;
    await page.getByRole('button', { name: 'Run history' }).click();
    const history = page.getByRole('complementary', { name: 'Run history' });
    await expect(history.locator('li')).toHaveCount(2);
    const keep = history.getByLabel('Keep runs');
    await expect(keep).toHaveValue('forever');
    await expect(history.getByRole('status')).toContainText('at least 60 days');
    await expect(keep.locator('option')).toHaveText([
      '90 days',
      '180 days',
      '1 year',
      '2 years',
      '5 years',
      'Forever',
    ]);

    await keep.selectOption('90');
    await expect(history.getByRole('status')).toContainText('Removed 1 older runs.');
    await expect(history.locator('li')).toHaveCount(1);
    await expect(history.locator('li')).toContainText('Delete 2 jobs');
    const saved = JSON.parse(
      await fs.readFile(path.join(configDir, 'audit', 'retention.json'), 'utf8'),
    ) as unknown;
    expect(saved).toEqual({ keepDays: 90 });
  });
});
