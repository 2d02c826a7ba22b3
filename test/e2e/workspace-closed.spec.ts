/**
 * A server that accepts connections and closes them without answering (a proxy or Web Adaptor cutting
 * them, a server restarting) reads as such in the server list: "Connection closed", with what to check,
 * not "Unreachable" and "check that the server is running".
 */
import { expect, test } from './fixtures';

test('a server that closes every connection reads "Connection closed" with what to check', async ({
  openSite,
}) => {
  test.setTimeout(120_000);
  const { page, sim } = await openSite({ name: 'Cutting', jobs: 5, seed: 103 });
  const line = page
    .getByRole('complementary', { name: 'Servers' })
    .getByRole('listitem')
    .filter({ hasText: 'Cutting' });
  await expect(line).toContainText('Connected');
  sim.addFault({ kind: 'reset' });
  await line.getByRole('button', { name: 'Refresh Cutting' }).click();
  const state = line.locator('.state');
  await expect(state).toHaveText('Connection closed', { timeout: 60_000 });
  await expect(line).not.toContainText('Unreachable');
  await expect(state).toHaveAttribute('title', /closed the connection before answering/);
  await expect(state).toHaveAttribute('title', /accepted the connection, then closed it without answering/);
  await expect(state).not.toHaveAttribute('title', /that the server is running/);
});
