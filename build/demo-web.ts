/**
 * The demo's workspace where the desktop window cannot run: `gpjobs ui`'s server in this process over the
 * demo profiles, opened in Chromium as an app window when it is installed and there is a display (closing
 * it ends the demo), else in the default browser, else the address is printed for the administrator.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dispatch } from '../electron/main/dispatch';
import { hasDisplay, openSecretUrl, writeRedirectFile } from '../electron/web/open-browser';
import { startWebUi, type WebUi } from '../electron/web/web-ui';
import { CHROMIUM_PATH } from './chromium.mjs';

/** The running demo workspace. */
export interface DemoWorkspace {
  ui: WebUi;
  /** Resolves when the app window the demo opened was closed (never, when it opened none). */
  closed: Promise<void>;
  stop(): Promise<void>;
}

/** Starts the web workspace; without a keychain, gives it the demo password for this session only. */
export async function startDemoWorkspace(
  env: Record<string, string | undefined>,
  rendererDir: string,
  session: { profileIds: string[]; password: string } | null,
): Promise<DemoWorkspace> {
  const started = await startWebUi({ env, rendererDir });
  if (!started.ok) throw new Error(started.error.message);
  const ui = started.value;
  for (const profileId of session?.profileIds ?? []) {
    const set = await dispatch(
      'credentials.set',
      { profileId, password: session!.password, sessionOnly: true },
      ui.core.handlers,
    );
    if (!set.ok) throw new Error(`demo: could not give the workspace the password: ${set.error.message}`);
  }
  return { ui, closed: new Promise<void>(() => undefined), stop: () => ui.stop() };
}

/** Opens the workspace: Chromium's app window, the default browser, or neither (says which). */
export async function openDemoWorkspace(
  demo: DemoWorkspace,
  log: (line: string) => void,
): Promise<DemoWorkspace> {
  const url = demo.ui.server.url;
  if (!hasDisplay()) {
    log(`No display here: open the workspace in a browser on this machine:\n\n  ${url}\n`);
    log(
      `From your workstation: ssh -L ${demo.ui.server.port}:127.0.0.1:${demo.ui.server.port} <this host>, then open the same address.`,
    );
    return demo;
  }
  if (fs.existsSync(CHROMIUM_PATH)) {
    const redirect = writeRedirectFile(url);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gpjobs-demo-chromium-'));
    const args = [
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      `--app=${pathToFileURL(redirect.file).href}`,
    ];
    const chromium = spawn(CHROMIUM_PATH, args, { stdio: 'ignore' });
    const closed = new Promise<void>((resolve) => chromium.once('exit', () => resolve()));
    log(`Opened the workspace in Chromium (${url}); close its window to stop the demo.`);
    return {
      ...demo,
      closed,
      stop: async () => {
        if (chromium.exitCode === null) chromium.kill();
        redirect.remove();
        fs.rmSync(profile, { recursive: true, force: true });
        await demo.stop();
      },
    };
  }
  const { opened, redirect } = await openSecretUrl(url);
  log(
    opened.ok
      ? `Opened the workspace in your browser (${url}).`
      : `Open the workspace in your browser:\n\n  ${url}\n`,
  );
  return { ...demo, stop: async () => (redirect.remove(), demo.stop()) };
}

/**
 * The self-test's look at the workspace, as a browser gets it: the key exchanged for the cookie, the page
 * served, then the demo profiles and a server's jobs through the web API. Returns a line per check.
 */
export async function checkDemoWorkspace(
  url: string,
  productionJobs: number,
): Promise<{ ok: boolean; lines: string[] }> {
  const { origin } = new URL(url);
  const signIn = await fetch(url, { redirect: 'manual' });
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  const page = await fetch(`${origin}/`, { headers: { Cookie: cookie } });
  const call = async (channel: string, payload?: unknown) => {
    const answer = await fetch(`${origin}/api/invoke`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, payload }),
    });
    return (await answer.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  };
  const listed = await call('profiles.list');
  const profiles =
    (listed.value as { profiles?: Array<{ id: string; name: string }> } | undefined)?.profiles ?? [];
  const production = profiles.find((p) => p.name === 'Production');
  const jobs = production ? await call('jobs.list', { profileId: production.id }) : null;
  const jobCount = (jobs?.value as { jobs?: unknown[] } | undefined)?.jobs?.length ?? 0;
  const lines = [
    `key exchanged for a session cookie -> ${signIn.status} ${cookie ? 'with cookie' : 'no cookie'}`,
    `workspace page -> ${page.status}`,
    `profiles.list -> ${profiles.map((p) => p.name).join(', ') || listed.error?.message}`,
    `jobs.list Production -> ${jobCount} jobs${jobs && !jobs.ok ? ` (${jobs.error?.message})` : ''}`,
  ];
  const ok =
    signIn.status === 303 &&
    cookie !== '' &&
    page.status === 200 &&
    profiles.length === 3 &&
    jobCount === productionJobs;
  return { ok, lines };
}
