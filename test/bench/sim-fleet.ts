/**
 * Simulated ArcGIS Servers for the benchmark, in child processes (so the servers' work never shares an
 * event loop with the code being measured): one site per process, or several (`sitesPerProcess`, the
 * CLI's `--sites`) so that twenty sites fit two cores. Each child prints one JSON line per site and serves
 * until SIGTERM.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(REPO, 'test', 'arcgis-sim', 'cli.ts');

/** How each simulator of a fleet is started. */
export interface FleetSpec {
  servers: number;
  /** Jobs in total, spread as evenly as possible over the servers. */
  jobs: number;
  services: number;
  latencyMs: number;
  capacity: number;
  /** Seed of the first server; the others use the next ones. */
  seed?: number;
  /** Sites hosted by each child process (default 1). */
  sitesPerProcess?: number;
  /**
   * Job deletes each child answers on a throwaway site of its own before its sites start (the CLI's
   * `--warm-up`), so the simulators serve the measured runs with their JIT warm (default 0).
   */
  warmUp?: number;
  /** The simulator CLI's source to bundle and run (default this checkout's test/arcgis-sim/cli.ts). */
  cli?: string;
  /** Node options for each child, e.g. `--cpu-prof` (NODE_OPTIONS refuses it). */
  nodeArgs?: string[];
}

/** One running simulator (site) as its CLI printed it, with the CA's PEM text; `child` may host others. */
export interface SimProcess {
  url: string;
  username: string;
  password: string;
  caPem: string;
  jobs: number;
  child: ChildProcess;
}

/** A set of simulators; `close` stops every child and waits for them to exit. */
export interface SimFleet {
  sims: SimProcess[];
  close(): Promise<void>;
}

/** The share of `total` that server `i` of `n` holds. */
export function shareOf(total: number, n: number, i: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}

/** esbuild's settings for a script the benchmark runs in a process of its own with plain Node. */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
} as const satisfies BuildOptions;

const bundled = new Map<string, Promise<string>>();

/**
 * The simulator's CLI bundled once per benchmark process with esbuild (it imports only Node's own modules),
 * run by plain Node. From source through tsx, every named function or closure the simulator creates per
 * request went through tsx's `__name` wrapper (`keepNames`), CPU taken from the two cores the app is
 * measured on; tsx's loader also slowed each process's start.
 */
function simEntry(cli = CLI): Promise<string> {
  const known = bundled.get(cli);
  if (known) return known;
  const entry = (async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gpjobs-bench-sim-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const outfile = path.join(dir, 'arcgis-sim.mjs');
    await build({
      entryPoints: [cli],
      outfile,
      ...NODE_BUNDLE,
    });
    return outfile;
  })();
  bundled.set(cli, entry);
  return entry;
}

/** Simulator processes still running, killed at once (no waiting) if this process exits first. */
const live = new Set<ChildProcess>();
let hooked = false;

/**
 * Kills `child`'s process group when this process exits before it: an interrupted run (Ctrl-C, a part's
 * child stopped by its parent) otherwise left its simulators running, each holding its jobs, since they
 * run detached in their own process group.
 */
function killedOnExit(child: ChildProcess): void {
  if (!hooked)
    process.once('exit', () => {
      for (const c of live)
        try {
          process.kill(-c.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
    });
  hooked = true;
  live.add(child);
  child.once('exit', () => live.delete(child));
}

async function startProcess(
  args: string[],
  jobs: readonly number[],
  spec: Pick<FleetSpec, 'cli' | 'nodeArgs'>,
): Promise<SimProcess[]> {
  // Plain Node on the bundled CLI, in its own process group so a stray grandchild dies too.
  const node = [...(spec.nodeArgs ?? []), await simEntry(spec.cli), ...args];
  const child = spawn(process.execPath, node, {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killedOnExit(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const reader = createInterface({ input: child.stdout! });
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    reader.on('line', (line) => {
      lines.push(line);
      if (lines.length === jobs.length) resolve();
    });
    child.once('exit', (code) => reject(new Error(`simulator exited early (${code}): ${stderr.trim()}`)));
  });
  return lines.map((line, i) => {
    const printed = JSON.parse(line) as { url: string; username: string; password: string; caFile: string };
    return {
      url: printed.url,
      username: printed.username,
      password: printed.password,
      caPem: readFileSync(printed.caFile, 'utf8'),
      jobs: jobs[i]!,
      child,
    };
  });
}

async function stopOne(sim: SimProcess): Promise<void> {
  if (sim.child.exitCode !== null || sim.child.signalCode !== null) return;
  const exited = once(sim.child, 'exit');
  try {
    process.kill(-sim.child.pid!, 'SIGTERM');
  } catch {
    return; // already gone
  }
  await exited;
}

/** The distinct child processes of some sites. */
export function childrenOf(sims: readonly SimProcess[]): SimProcess[] {
  const seen = new Set<ChildProcess>();
  return sims.filter((s) => !seen.has(s.child) && seen.add(s.child));
}

/**
 * Starts `spec.servers` simulators in parallel child processes, `sitesPerProcess` per child. Every site of
 * one child holds the same number of jobs (`jobs` / `servers`), seeds counting up across the fleet.
 */
export async function startFleet(spec: FleetSpec): Promise<SimFleet> {
  const seed = spec.seed ?? 1;
  const per = Math.max(1, spec.sitesPerProcess ?? 1);
  const processes = Math.ceil(spec.servers / per);
  const started = await Promise.allSettled(
    Array.from({ length: processes }, (_, p) => {
      const sites = Math.min(per, spec.servers - p * per);
      const jobs = Array.from({ length: sites }, (_, i) => shareOf(spec.jobs, spec.servers, p * per + i));
      // The CLI seeds every site of a process alike: hand the process an even share when the total allows.
      if (new Set(jobs).size > 1)
        throw new Error(`fleet: ${spec.jobs} jobs do not split evenly over ${spec.servers}`);
      const args = ['--port', '0', '--jobs', String(jobs[0]), '--seed', String(seed + p * per)];
      args.push('--services', String(spec.services), '--latency-ms', String(spec.latencyMs));
      args.push('--capacity', String(spec.capacity), '--max-recorded', '1000', '--sites', String(sites));
      args.push('--warm-up', String(spec.warmUp ?? 0));
      return startProcess(args, jobs, spec);
    }),
  );
  const sims = started.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
  const close = async () => {
    await Promise.all(childrenOf(sims).map(stopOne));
  };
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await close();
    throw (failed as PromiseRejectedResult).reason;
  }
  return { sims, close };
}

/** Reads a simulator's control API (`/__sim/...`), trusting its CA. */
export async function simControl<T>(sim: SimProcess, op: string): Promise<T> {
  const { Agent, fetch } = await import('undici');
  const dispatcher = new Agent({ connect: { ca: sim.caPem } });
  try {
    const origin = new URL(sim.url).origin;
    const r = await fetch(`${origin}/__sim/${op}`, { dispatcher });
    return (await r.json()) as T;
  } finally {
    await dispatcher.close();
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc; null where /proc is not there. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the command name.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
