/**
 * What the benchmark's stand-alone measuring scripts (client-cost.ts, engine-cost.ts) share: a number from
 * `--name N` on the command line, the load average to print with every figure, the listed jobs handed
 * out round by round, a transport that answers at once, and how a script runs and fails.
 */
import os from 'node:os';
import type { FetchLike } from '../../electron/core/arcgis';
import { shareOf } from './sim-fleet';

/** The positive number after `--name`, or `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The 1, 5 and 15 minute load averages, as printed next to a figure. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** The 1, 5 and 15 minute load averages as numbers of two decimals, as each script's JSON line holds them. */
export function loadAverageFigures(): number[] {
  return os.loadavg().map((l) => Number(l.toFixed(2)));
}

/** Runs a script's `main`; a failure prints its stack to stderr and sets exit code 1 (no figures printed). */
export function runScript(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}

/**
 * Hands out each server's listed jobs in turn: every call takes the next `n` jobs over all servers, each
 * server its share (`shareOf`), never the same job twice.
 */
export function jobCursor<T>(listed: ReadonlyArray<readonly T[]>): (n: number) => T[][] {
  const cursors = listed.map(() => 0);
  return (n) =>
    listed.map((all, i) => {
      const from = cursors[i]!;
      cursors[i] = from + shareOf(n, listed.length, i);
      return all.slice(from, cursors[i]);
    });
}

/**
 * A client transport whose `sendForm` answers every call at once, with no socket: a token for a sign-in,
 * `{"status":"success"}` for anything else. What the client's own JavaScript costs is measured over it.
 */
export function answeringFetch(): FetchLike {
  const answer = { status: 200, statusText: 'OK', contentType: 'application/json', location: null };
  const stub: FetchLike = () => Promise.reject(new Error('stub'));
  stub.sendForm = (_url, body) =>
    Promise.resolve({
      ...answer,
      text: body.includes('username=')
        ? JSON.stringify({ token: 'stub', expires: Date.now() + 3_600_000 })
        : '{"status":"success"}',
    });
  return stub;
}
