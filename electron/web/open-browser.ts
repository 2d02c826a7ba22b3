/**
 * Opening a page in the user's default browser from `gpjobs ui`. The address with the launch key is never
 * put on a command line (other users can list processes' arguments): the browser is pointed at a private
 * redirect file (mode 0600 in a 0700 directory) that forwards to it, as Jupyter does; the file goes away
 * with the server.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Result } from '../core';
import { err, ok } from '../core';

/** The platform's "open with the default application" command for a target. */
export function openerCommand(
  target: string,
  platform: NodeJS.Platform = process.platform,
): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [target] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', target] };
  return { command: 'xdg-open', args: [target] };
}

/** Whether a graphical session is there to open a browser in (always on macOS and Windows). */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Runs the platform opener on `target`; an error value when it is missing or fails. */
export function openWithSystem(target: string): Promise<Result<null>> {
  if (!hasDisplay()) {
    return Promise.resolve(
      err({
        kind: 'config',
        message: 'No graphical session here (DISPLAY is not set) to open a browser in.',
      }),
    );
  }
  const { command, args } = openerCommand(target);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.once('error', (e) =>
      resolve(err({ kind: 'config', message: `Could not run ${command}: ${e.message}` })),
    );
    child.once('exit', (code) =>
      resolve(
        code === 0 ? ok(null) : err({ kind: 'config', message: `${command} exited with code ${code}.` }),
      ),
    );
    child.unref();
  });
}

/** A private HTML file that forwards the browser to `url`. */
export interface RedirectFile {
  file: string;
  remove(): void;
}

/** Writes the redirect file for `url` (readable by this user only). */
export function writeRedirectFile(url: string): RedirectFile {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpjobs-ui-'));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, 'open.html');
  const href = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const html =
    '<!doctype html><meta charset="utf-8"><title>GP Job Admin</title>' +
    `<meta http-equiv="refresh" content="0;url=${href}"><p><a href="${href}">Open GP Job Admin</a></p>\n`;
  fs.writeFileSync(file, html, { mode: 0o600 });
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens `url` (which carries a secret) in the default browser through a redirect file. */
export async function openSecretUrl(url: string): Promise<{ opened: Result<null>; redirect: RedirectFile }> {
  const redirect = writeRedirectFile(url);
  return { opened: await openWithSystem(redirect.file), redirect };
}
