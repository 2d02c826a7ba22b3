// `npm start`: opens the desktop app when the Electron binary exists, otherwise explains what works without it.
import { spawn } from 'node:child_process';
import { findElectronBinary, NO_BINARY_MESSAGE } from './electron-binary.mjs';

const binary = findElectronBinary();
if (!binary) {
  console.error(NO_BINARY_MESSAGE);
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
