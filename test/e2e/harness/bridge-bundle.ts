/** Bundles the page-side bridge (with the preload's `buildApi`) into one init script for Chromium. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page-bridge.ts');

/** The bridge as an IIFE script, ready for `page.addInitScript`. */
export async function bundlePageBridge(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output for the page bridge');
  return output.text;
}
