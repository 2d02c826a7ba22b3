/**
 * The overview by keyboard: each bar's status segments are one toolbar with one tab stop, so Tab goes from
 * bar to bar (two stops a server, not one per status) and the arrow keys move between the statuses.
 */
import { expect, test } from './fixtures';
import { expectRowCount } from './workspace-helpers';

test('Tab crosses a bar in one stop; the arrow keys move between its statuses; Enter filters', async ({
  openSites,
}) => {
  const sites = ['Alpha', 'Beta'].map((name, i) => ({ name, jobs: 60, seed: 95 + i }));
  const { page, sims } = await openSites(sites);
  const bars = page.getByRole('region', { name: 'Jobs by status' }).getByRole('list', { name: 'Servers' });
  const [alpha, beta] = sites.map(({ name }) => bars.getByRole('listitem').filter({ hasText: name }));
  const segments = alpha!.getByRole('toolbar', { name: 'Alpha by status' }).getByRole('button');
  const statuses = new Set(sims[0]!.jobs().map((j) => j.status)).size;
  expect(statuses).toBeGreaterThan(2);
  await expect(segments).toHaveCount(statuses);

  await alpha!.getByRole('button', { name: /^Alpha/ }).focus();
  await page.keyboard.press('Tab');
  await expect(segments.first()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(beta!.getByRole('button', { name: /^Beta/ })).toBeFocused();

  await page.keyboard.press('Shift+Tab');
  await expect(segments.first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(segments.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(segments.last()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(segments.first()).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(segments.last()).toBeFocused();

  // Tab leaves the toolbar and comes back to the segment last focused.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(segments.last()).toBeFocused();
  const name = (await segments.last().getAttribute('aria-label'))!;
  const count = Number(/^([\d,]+) /.exec(name)![1]!.replace(/,/g, ''));
  await page.keyboard.press('Enter');
  await expectRowCount(page, count);
});
