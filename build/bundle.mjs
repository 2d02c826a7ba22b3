// Bundles the Node-side entry points with esbuild: Electron main (CJS), the sandboxed preload (CJS, as
// sandboxed preloads must be) and the `gpjobs` command line. The renderer is built by Vite.
//
// Each output is written beside its place under a name of this process's own and then renamed over it, so a
// `gpjobs` or an Electron started meanwhile (another test run's, a benchmark leg's) reads the whole old file
// or the whole new one, never one half-written: test/global-setup.ts bundles before every vitest run.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  write: false,
  // Native and Electron modules are loaded at run time, not bundled.
  external: ['electron', '@github/keytar'],
};

/** Writes `file` to a temporary name in its folder, with `mode`, then renames it into place (atomic). */
function writeAtomic(file, contents, mode = 0o644) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, contents, { mode });
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Builds `options` in memory and writes each output atomically (`mode` for the entry, not its map). */
async function bundle(options, mode = 0o644) {
  const { outputFiles } = await build({ ...common, ...options });
  for (const out of outputFiles)
    writeAtomic(out.path, out.contents, out.path.endsWith('.map') ? 0o644 : mode);
}

await Promise.all([
  bundle({ entryPoints: ['electron/main/main.ts'], outfile: 'dist/main/main.cjs' }),
  bundle({ entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/preload/preload.cjs' }),
  bundle(
    {
      entryPoints: ['electron/cli/gpjobs.ts'],
      outfile: 'dist/cli/gpjobs.cjs',
      banner: { js: '#!/usr/bin/env node' },
    },
    0o755,
  ),
]);
