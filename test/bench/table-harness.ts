/**
 * Chromium and the renderer the table benchmark measures (table-bench.ts): the renderer built from the
 * working tree into a temporary directory, or one given, served through the e2e harness.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { loadE2eHarness } from './e2e-harness';
import type { E2eHarness } from './e2e-harness';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../build/chromium.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Chromium and the built renderer; shared by both sizes (each window gets its own server). */
export interface TableHarness {
  e2e: E2eHarness;
  browser: Browser;
  /** The renderer served. */
  dir: string;
  rendererDir: string;
  close(): Promise<void>;
}

/**
 * Builds the renderer from the working tree into a new temporary directory and returns it (the caller
 * removes it), so the benchmark measures the current code and never races another build writing dist/.
 * `readable` builds it unminified (for profiles).
 */
export async function buildRenderer(log: (line: string) => void, readable = false): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gpjobs-bench-renderer-'));
  log('table: building the renderer (vite)');
  const { build } = await import('vite');
  await build({
    configFile: path.join(REPO, 'vite.config.ts'),
    logLevel: 'warn',
    // Readable (unminified) for CPU profiles, so they name the app's functions.
    build: { outDir: dir, emptyOutDir: true, sourcemap: false, minify: !readable },
  });
  return dir;
}

/** Chromium over the renderer at `rendererDir`, or over one built from the working tree (`buildRenderer`). */
export async function openTableHarness(
  log: (line: string) => void,
  rendererDir?: string,
  readable = false,
): Promise<TableHarness> {
  const built = rendererDir ? null : await buildRenderer(log, readable);
  const dir = rendererDir ?? built!;
  const e2e = await loadE2eHarness();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  return {
    e2e,
    browser,
    dir,
    rendererDir: rendererDir ?? 'built from the working tree',
    close: async () => {
      await browser.close();
      if (built) rmSync(built, { recursive: true, force: true });
    },
  };
}
