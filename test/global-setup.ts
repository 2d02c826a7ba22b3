/**
 * Vitest global setup: bundles the `gpjobs` command line once before any test runs, so the CLI tests run the
 * real executable (`dist/cli/gpjobs.cjs`, the file package.json's `bin` names) rather than the sources.
 * The build is serialised with `flock` when available, since several test runs may share one checkout.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Builds main, preload and the CLI with esbuild (about a second). */
export default function setup(): void {
  const bundle = [process.execPath, 'build/bundle.mjs'];
  const [cmd, args] = hasFlock()
    ? ['flock', ['/tmp/gpjobs-bundle.lock', ...bundle]]
    : [bundle[0]!, bundle.slice(1)];
  execFileSync(cmd as string, args as string[], { cwd: root, stdio: 'inherit' });
}

function hasFlock(): boolean {
  try {
    execFileSync('flock', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
