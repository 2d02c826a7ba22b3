// Bundles the Node-side entry points with esbuild: Electron main (CJS), the sandboxed preload (CJS, as
// sandboxed preloads must be) and the `gpjobs` command line. The renderer is built by Vite.
import { build } from 'esbuild';
import fs from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native and Electron modules are loaded at run time, not bundled.
  external: ['electron', '@github/keytar'],
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/main/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/preload/preload.cjs' }),
  build({
    ...common,
    entryPoints: ['electron/cli/gpjobs.ts'],
    outfile: 'dist/cli/gpjobs.cjs',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
fs.chmodSync('dist/cli/gpjobs.cjs', 0o755);
