/**
 * What the profile store's tests share: sample profile inputs, a store over a fresh temporary directory
 * (with IT's managed file when given, and a fixed clock for the names of files moved aside), and `value`
 * to unwrap a result that must have succeeded.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { tempDir } from './temp-dir';

/** A production server's profile input. */
export const prod = {
  name: 'Production',
  serverUrl: 'https://gis.example.com/arcgis',
  username: 'siteadmin',
};
/** A second server's profile input. */
export const staging = {
  name: 'Staging',
  serverUrl: 'https://staging.example.com/server',
  username: 'admin',
};
/** The store's clock: a file moved aside is named `profiles.corrupt-2024-05-01T12-30-00-000Z.json`. */
export const FIXED = new Date('2024-05-01T12:30:00.000Z');

/** A store in a fresh temporary directory, with a managed file holding `managed` (as JSON) or `managedText`. */
export async function newStore(opts: { managed?: unknown; managedText?: string } = {}) {
  const dir = await tempDir('profiles');
  const configDir = path.join(dir, 'config');
  const managedPath = path.join(dir, 'managed', 'profiles.json');
  if (opts.managed !== undefined || opts.managedText !== undefined) {
    await fs.mkdir(path.dirname(managedPath), { recursive: true });
    await fs.writeFile(managedPath, opts.managedText ?? JSON.stringify(opts.managed));
  }
  const store = new ProfileStore({ configDir, managedPath, now: () => FIXED });
  return { dir, configDir, managedPath, store, file: path.join(configDir, 'profiles.json') };
}

/** The value of a result that must have succeeded (its error message otherwise). */
export function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.error.message}`);
  return r.value;
}
