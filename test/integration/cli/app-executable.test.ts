import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliResult, CliSandbox } from './helpers';
import { addSim, runNode, sandbox, sandboxWith, simulator } from './helpers';

// The installed `gpjobs` runs the app's own executable with --gpjobs-cli. Here the bundled main process
// (dist/main/main.cjs) runs under plain Node with a stand-in for the 'electron' module that offers only
// app.exit and app.dock and throws on anything else, so a window (or any other Electron use) in
// command-line mode fails the test. Every case must answer exactly as dist/cli/gpjobs.cjs does.

const MAIN = path.resolve(import.meta.dirname, '../../../dist/main/main.cjs');

const STAND_IN = `
const Module = require('node:module');
const app = { exit: (code) => process.exit(code), dock: undefined };
const electron = new Proxy({ app }, {
  get(target, key) {
    if (key in target) return target[key];
    if (key === '__esModule' || typeof key === 'symbol') return undefined;
    throw new Error('command-line mode used electron.' + String(key));
  },
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
`;

async function runApp(cli: CliSandbox, args: readonly string[], stdin = ''): Promise<CliResult> {
  const standIn = path.join(cli.configDir, 'electron-stand-in.cjs');
  await fs.writeFile(standIn, STAND_IN);
  return runNode(['--require', standIn, MAIN, '--gpjobs-cli', ...args], cli.env, stdin);
}

describe('gpjobs inside the app executable (--gpjobs-cli)', () => {
  it('answers every case with the same output and exit code as gpjobs.cjs, without any window', async () => {
    const sim = await simulator({ seed: 91, jobs: 40 });
    const cli = await sandboxWith({ Sim: sim });
    const cases: Array<[number, string[]]> = [
      [0, ['--help']],
      [0, ['--version']],
      [0, ['help', 'auth']],
      [0, ['jobs', 'list', '--status', 'failed', '--format', 'json']],
      [0, ['jobs', 'delete', '--server', 'Sim', '--status', 'failed', '--dry-run']],
      [2, ['jobs', 'list', '--bogus']],
      [2, ['jobs', 'list', '--since', '2026-02-30']],
      [2, ['jobs', 'delete', '--status', 'failed', '--yes']],
      [2, ['jobs', 'show', 'no-such-job']],
    ];
    for (const [code, args] of cases) {
      const viaApp = await runApp(cli, args);
      const viaNode = await cli.run(args);
      expect(viaApp.code, args.join(' ')).toBe(code);
      expect(viaApp, args.join(' ')).toEqual(viaNode);
    }
    const deleted = await runApp(cli, ['jobs', 'delete', '--server', 'Sim', '--status', 'failed', '--yes']);
    expect(deleted.code).toBe(0);
    expect(sim.jobs().filter((j) => j.status === 'esriJobFailed')).toEqual([]);
  });

  it('exit 3 when a server cannot be signed in to, as gpjobs.cjs', async () => {
    const sim = await simulator({ seed: 92, jobs: 10 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Sim', ['--no-verify'], 'wrong');
    const viaApp = await runApp(cli, ['jobs', 'list']);
    expect(viaApp.code).toBe(3);
    expect(viaApp).toEqual(await cli.run(['jobs', 'list']));
  });
});
