/** A unique keychain service name per test, with every entry under it deleted when the test finishes. */
import { randomUUID } from 'node:crypto';
import { onTestFinished } from 'vitest';

interface Keytar {
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
  deletePassword(service: string, account: string): Promise<boolean>;
  getPassword(service: string, account: string): Promise<string | null>;
}

/** keytar itself, for looking behind the store's back. */
export async function rawKeytar(): Promise<Keytar> {
  const mod = (await import('@github/keytar')) as unknown as { default?: Keytar } & Keytar;
  return mod.default ?? mod;
}

/** `gp-job-admin-test-<uuid>`, cleaned up after the current test. */
export function testService(): string {
  const service = `gp-job-admin-test-${randomUUID()}`;
  onTestFinished(async () => {
    const keytar = await rawKeytar();
    for (const { account } of await keytar.findCredentials(service))
      await keytar.deletePassword(service, account);
  });
  return service;
}
