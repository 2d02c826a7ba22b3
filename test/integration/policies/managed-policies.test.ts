/**
 * IT's read-only policies file (policies/managed.ts) read through the store: each problem with the file or
 * one of its entries hides what it concerns and is reported once, and never hides the user's own policies.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PolicyStore } from '../../../electron/core';
import type { PolicyListing } from '../../../electron/core';
import type { Result } from '../../../electron/core/types';

const pol = (name: string) => ({ name, servers: 'all', statuses: ['esriJobFailed'], olderThan: '30d' });
const mine = { version: 1, policies: [pol('Mine')] };
const where = (file: string) =>
  `The managed policies file ${file} (provided by your IT department)`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A config directory with `user` as the user's policies file, and `managed` (text) as IT's; the store over both. */
async function setup(managed: string | null, user: object = mine) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gpjobs-managed-policies-'));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  const config = path.join(dir, 'config');
  const it = path.join(dir, 'it');
  await fs.mkdir(config);
  await fs.mkdir(it);
  const managedPath = path.join(it, 'policies.json');
  if (managed !== null) await fs.writeFile(managedPath, managed);
  await fs.writeFile(path.join(config, 'policies.json'), JSON.stringify(user));
  return { store: new PolicyStore(config, managedPath), managedPath };
}

function value(r: Result<PolicyListing>): PolicyListing {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const names = (r: PolicyListing) => r.policies.map((p) => [p.name, p.managed]);
const messages = (r: PolicyListing) => r.problems.map((p) => p.message);

describe('the managed policies file', () => {
  it('reports a damaged managed file and keeps the user policies', async () => {
    const { store, managedPath } = await setup('{not json');
    const r = value(await store.load());
    expect(names(r)).toEqual([['Mine', false]]);
    expect(messages(r)).toEqual([
      expect.stringMatching(
        new RegExp(`^${where(managedPath)} cannot be used: .+ Its policies are not shown\\.$`),
      ),
    ]);
  });

  it('reports a managed file that cannot be read (a directory in its place)', async () => {
    const { store, managedPath } = await setup(null);
    await fs.mkdir(managedPath);
    const r = value(await store.load());
    expect(names(r)).toEqual([['Mine', false]]);
    expect(messages(r)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${where(managedPath)} could not be read: .*directory.*\\. Its policies are not shown\\.$`,
        ),
      ),
    ]);
  });

  it('reports a managed file over 8 MiB', async () => {
    const { store, managedPath } = await setup(' '.repeat(8 * 1024 * 1024 + 1));
    const r = value(await store.load());
    expect(names(r)).toEqual([['Mine', false]]);
    expect(messages(r)).toEqual([
      `The managed policies file ${managedPath} (provided by your IT department) is larger than 8 MiB. Its policies are not shown.`,
    ]);
  });

  it('skips an invalid and a repeated managed entry, one problem each, and keeps the rest', async () => {
    const { store, managedPath } = await setup(
      JSON.stringify({ version: 1, policies: [pol('IT'), 42, pol('it '), pol('Audit')] }),
    );
    const r = value(await store.load());
    expect(names(r)).toEqual([
      ['Mine', false],
      ['IT', true],
      ['Audit', true],
    ]);
    const m = messages(r);
    expect(m).toHaveLength(2);
    expect(m[0]).toMatch(new RegExp(`^${where(managedPath)}: entry 2 was skipped: .+`));
    expect(m[1]).toBe(
      `The managed policies file ${managedPath} (provided by your IT department): entry 3 repeats the name "it" and was skipped.`,
    );
  });

  it('takes the name from a user policy of the same name, which is hidden and reported, not removed', async () => {
    const { store } = await setup(JSON.stringify({ version: 1, policies: [pol(' mine')] }));
    const r = value(await store.load());
    expect(names(r)).toEqual([['mine', true]]);
    expect(messages(r)).toEqual([
      expect.stringMatching(
        /^Your policy "Mine" has the name of a policy from your IT department and is hidden; /,
      ),
    ]);
    expect(JSON.parse(await fs.readFile(store.filePath, 'utf8'))).toEqual(mine);
  });
});
