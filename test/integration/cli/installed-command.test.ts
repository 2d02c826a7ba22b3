import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../profiles/temp-dir';

// How installing the app puts `gpjobs` on the PATH: the packaging configuration names the wrappers, and
// the POSIX wrapper itself is run (through a symlink, as the macOS instructions make one) against a
// stand-in app executable in the packaged layout, passing arguments and the exit code through.

const BUILD = path.resolve(import.meta.dirname, '../../../build');
const config = async () =>
  JSON.parse(await fs.readFile(path.join(BUILD, 'electron-builder.json'), 'utf8')) as {
    productName: string;
    extraResources: Array<{ from: string; to: string }>;
    linux: { executableName: string };
    deb: { fpm: string[] };
    win: { extraFiles: Array<{ from: string; to: string }> };
    nsis: { include: string };
  };

describe('the installed gpjobs command', () => {
  it('deb installs /usr/bin/gpjobs, Windows gpjobs.cmd beside the app with the folder put on PATH', async () => {
    const c = await config();
    expect(c.deb.fpm).toContain('build/cli/gpjobs=/usr/bin/gpjobs');
    expect(c.extraResources).toContainEqual({ from: 'build/cli/gpjobs', to: 'bin/gpjobs' });
    const wrapper = await fs.readFile(path.join(BUILD, 'cli', 'gpjobs'), 'utf8');
    expect(wrapper).toContain(`"/opt/${c.productName}/${c.linux.executableName}"`);
    expect(wrapper).toContain('--gpjobs-cli "$@"');
    expect(c.win.extraFiles).toContainEqual({ from: 'build/cli/gpjobs.cmd', to: 'gpjobs.cmd' });
    const cmd = await fs.readFile(path.join(BUILD, 'cli', 'gpjobs.cmd'), 'utf8');
    expect(cmd).toContain(`"%~dp0${c.productName}.exe" --gpjobs-cli %*\r\n`);
    expect(cmd).toContain('exit /b %ERRORLEVEL%');
    const nsis = await fs.readFile(path.join(BUILD, '..', c.nsis.include), 'utf8');
    for (const part of [
      '!macro customInstall',
      '!macro customUnInstall',
      'WriteRegExpandStr HKLM',
      'WriteRegExpandStr HKCU',
      'WM_SETTINGCHANGE',
    ])
      expect(nsis).toContain(part);
  });

  it('the wrapper runs the app executable with --gpjobs-cli and its arguments, and passes its exit code on', async () => {
    const dir = await tempDir('installed');
    const app = path.join(dir, 'GP Job Admin');
    await fs.mkdir(path.join(app, 'resources', 'bin'), { recursive: true });
    await fs.copyFile(path.join(BUILD, 'cli', 'gpjobs'), path.join(app, 'resources', 'bin', 'gpjobs'));
    await fs.chmod(path.join(app, 'resources', 'bin', 'gpjobs'), 0o755);
    await fs.writeFile(path.join(app, 'gp-job-admin'), '#!/bin/sh\nprintf "%s|" "$@"\nexit 4\n', {
      mode: 0o755,
    });
    const link = path.join(dir, 'gpjobs');
    await fs.symlink(path.join(app, 'resources', 'bin', 'gpjobs'), link);
    const child = spawn(link, ['jobs', 'list', '--server', 'Prod GIS'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const [code] = (await once(child, 'close')) as [number];
    expect(stdout).toBe('--gpjobs-cli|jobs|list|--server|Prod GIS|');
    expect(code).toBe(4);
  });
});
