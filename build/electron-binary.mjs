// Finds the Electron executable without triggering Electron's on-demand download (which needs GitHub).
// Used by `npm start`, `npm run demo`, the set-up script and the e2e harness.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Absolute path of the Electron binary, or null when it has not been downloaded. */
export function findElectronBinary() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, executable ?? 'electron')
    : executable && path.join(dir, 'dist', executable);
  return candidate && fs.existsSync(candidate) ? candidate : null;
}

/** What an administrator reads when the desktop window cannot open here. */
export const NO_BINARY_MESSAGE = [
  'The Electron binary is not installed on this machine (it is downloaded from GitHub, which was not reachable).',
  'The desktop window needs it; everything else works without it: the same workspace in a browser',
  '(`node dist/cli/gpjobs.cjs ui`, or `npm run demo` with three demo servers), the tests (`npm test`),',
  'the ArcGIS Server simulator (`npm run sim`) and the `gpjobs` command line.',
  'To get the window: on a machine with internet access run `npx install-electron`, or point',
  'ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 build.',
].join('\n');

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const binary = findElectronBinary();
  if (binary) console.log(`setup: Electron binary found at ${binary}; \`npm start\` opens the desktop app.`);
  else console.log(`setup: done, without the desktop window.\n${NO_BINARY_MESSAGE}`);
}
