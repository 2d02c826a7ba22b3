/**
 * build/bundle.mjs replaces dist/cli/gpjobs.cjs (and main, preload) by renaming a whole new file over it,
 * never by rewriting it in place: test/global-setup.ts bundles before every vitest run, and a `gpjobs` that
 * another run starts meanwhile must read the old file or the new one, not half of one ("Unexpected end of
 * input"). A rename gives the path a new inode; a rewrite in place keeps it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleEntries } from '../../global-setup';

const root = path.resolve(__dirname, '../../..');
const OUTPUTS = ['dist/cli/gpjobs.cjs', 'dist/main/main.cjs', 'dist/preload/preload.cjs'];

describe('build/bundle.mjs', () => {
  it('renames each whole output into place, executable for gpjobs, and leaves no temporary file', () => {
    const before = OUTPUTS.map((f) => fs.statSync(path.join(root, f)).ino);
    // Serialised with the global setup's own bundling, as other runs may share the checkout.
    bundleEntries();
    const after = OUTPUTS.map((f) => fs.statSync(path.join(root, f)).ino);
    for (let i = 0; i < OUTPUTS.length; i++) expect(after[i], OUTPUTS[i]).not.toBe(before[i]);
    const cli = path.join(root, 'dist/cli/gpjobs.cjs');
    expect(fs.statSync(cli).mode & 0o111).toBe(0o111);
    expect(fs.readFileSync(cli, 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n[\s\S]*\/\/# sourceMappingURL=gpjobs\.cjs\.map\n?$/,
    );
    const leftovers = ['dist/cli', 'dist/main', 'dist/preload'].flatMap((d) =>
      fs.readdirSync(path.join(root, d)).filter((f) => f.includes('.tmp-')),
    );
    expect(leftovers).toEqual([]);
  });
});
