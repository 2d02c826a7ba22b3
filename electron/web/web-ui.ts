/**
 * The workspace served to a browser: the core the desktop app builds (same configuration, keychain and
 * handlers) behind the web server. Used by `gpjobs ui` and `npm run demo`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveConfigDir, resolveManagedProfilesPath, err, ok } from '../core';
import type { Result } from '../core';
import type { AppCore } from '../main/app-core';
import { createAppCore } from '../main/app-core';
import { openWithSystem } from './open-browser';
import type { WebServer } from './server';
import { startWebServer } from './server';

/** What the web workspace is started with. */
export interface WebUiOptions {
  env: Record<string, string | undefined>;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
}

/** A running web workspace. */
export interface WebUi {
  server: WebServer;
  core: AppCore;
  /** Stops serving, then ends any run as the desktop app does on quit (requests in flight finish). */
  stop(): Promise<void>;
}

/** Starts the core and its server; an error value when the renderer is not built or the port is taken. */
export async function startWebUi(options: WebUiOptions): Promise<Result<WebUi>> {
  if (!fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
    return err({
      kind: 'config',
      message: `The built workspace is missing from ${options.rendererDir}: run \`npm run build\` first.`,
    });
  }
  const keychainService = options.env.GPJOBS_KEYCHAIN_SERVICE?.trim();
  const core = createAppCore({
    configDir: resolveConfigDir(options.env),
    managedProfilesPath: resolveManagedProfilesPath(options.env),
    ...(keychainService ? { keychainService } : {}),
    openExternal: async (url) => {
      // A job's REST page, already checked against the configured servers: no secret in this address.
      const opened = await openWithSystem(url);
      if (!opened.ok) throw new Error(`${opened.error.message} Open ${url} yourself.`);
    },
  });
  let server: WebServer;
  try {
    server = await startWebServer({
      handlers: core.handlers,
      onEvent: core.onEvent,
      rendererDir: options.rendererDir,
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
  } catch (e) {
    await core.dispose();
    return err({ kind: 'config', message: (e as Error).message });
  }
  return ok({
    server,
    core,
    stop: async () => {
      await server.close();
      await core.dispose();
    },
  });
}

/** The built renderer next to a bundle in dist/ (dist/cli/gpjobs.cjs, dist/main/main.cjs). */
export function bundledRendererDir(bundleDir: string): string {
  return path.join(bundleDir, '..', 'renderer');
}
