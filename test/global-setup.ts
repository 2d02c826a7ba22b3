/**
 * Vitest global setup: bundles the `gpjobs` command line once before any test runs, so the CLI tests run the
 * real executable (`dist/cli/gpjobs.cjs`, the file package.json's `bin` names) rather than the sources.
 * The build is serialised with `flock` when available, since several test runs may share one checkout.
 * It also makes the simulators' TLS material once for the run (test/arcgis-sim/tls.ts), removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { withTlsPool } from './tls-pool';

const root = path.resolve(import.meta.dirname, '..');

/** Builds main, preload and the CLI with esbuild (about a second) and makes the TLS pool; returns its teardown. */
export default async function setup(): Promise<() => Promise<void>> {
  bundleEntries('inherit');
  return withTlsPool();
}

/**
 * Runs build/bundle.mjs in the checkout, under `flock` when available (runs sharing the checkout take
 * turns); bundle-atomic.test.ts runs it the same way.
 */
export function bundleEntries(stdio: 'inherit' | 'ignore' = 'ignore'): void {
  const bundle = [process.execPath, 'build/bundle.mjs'];
  const [cmd, args] = hasFlock()
    ? ['flock', ['/tmp/gpjobs-bundle.lock', ...bundle]]
    : [bundle[0]!, bundle.slice(1)];
  execFileSync(cmd as string, args as string[], { cwd: root, stdio });
}

function hasFlock(): boolean {
  try {
    execFileSync('flock', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
