/**
 * Running the real `gpjobs` executable (`dist/cli/gpjobs.cjs`, bundled by the global setup) as a child
 * process, each test with its own config directory and keychain service (entries removed afterwards),
 * against in-process ArcGIS Server simulators.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { SimJob, Simulator } from '../../arcgis-sim/index';
import type { JobRow } from '../../../electron/cli/output';
import { testService } from '../keychain/keychain-service';
import { tempDir } from '../profiles/temp-dir';

/** The executable package.json's `bin` names. */
export const CLI = path.resolve(import.meta.dirname, '../../../dist/cli/gpjobs.cjs');

/** How a run of gpjobs ended. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Extra input and environment of one run. */
export interface RunOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
}

/** A sandbox: its own config dir and keychain service; `run` spawns gpjobs in it. */
export interface CliSandbox {
  configDir: string;
  keychainService: string;
  env: Record<string, string | undefined>;
  run(args: readonly string[], options?: RunOptions): Promise<CliResult>;
}

/** Creates a sandbox for the current test (cleaned up when it finishes). */
export async function sandbox(): Promise<CliSandbox> {
  const configDir = await tempDir('cli');
  const keychainService = testService();
  const env: Record<string, string | undefined> = {
    ...process.env,
    GPJOBS_CONFIG_DIR: configDir,
    GPJOBS_KEYCHAIN_SERVICE: keychainService,
    GPJOBS_MANAGED_CONFIG: path.join(configDir, 'no-managed-profiles.json'),
    GPJOBS_PASSWORD: undefined,
    COLUMNS: undefined,
  };
  return {
    configDir,
    keychainService,
    env,
    run: (args, options = {}) => runCli(args, { ...env, ...options.env }, options.stdin),
  };
}

/** Spawns `node dist/cli/gpjobs.cjs ...args` and collects its output. */
export async function runCli(
  args: readonly string[],
  env: Record<string, string | undefined>,
  stdin = '',
): Promise<CliResult> {
  return runNode([CLI, ...args], env, stdin);
}

/** Spawns Node with `nodeArgs` (a script and its arguments) and collects its output and exit code. */
export async function runNode(
  nodeArgs: readonly string[],
  env: Record<string, string | undefined>,
  stdin = '',
): Promise<CliResult> {
  const clean = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined),
  ) as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, nodeArgs, { env: clean, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(stdin);
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

export { simulator } from '../test-sim';

/** `gpjobs servers add` for a simulator, password on stdin; fails the test if it does not work. */
export async function addSim(
  cli: CliSandbox,
  sim: Simulator,
  name = 'Sim',
  extra: readonly string[] = [],
  password = sim.password,
): Promise<CliResult> {
  const args = ['servers', 'add', '--name', name, '--url', sim.url, '--username', sim.username];
  const added = await cli.run([...args, '--ca-file', sim.caFile, '--password-stdin', ...extra], {
    stdin: `${password}\n`,
  });
  if (added.code !== 0) throw new Error(`servers add failed (${added.code}): ${added.stderr}`);
  return added;
}

/** No Secret Service reachable: what a headless server without gnome-keyring looks like. */
export const NO_KEYCHAIN = {
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
  DISPLAY: undefined,
  WAYLAND_DISPLAY: undefined,
};

/** A profile named Sim without a keychain entry, made by importing a profiles file; fails the test if it does not work. */
export async function importProfile(
  cli: CliSandbox,
  url: string,
  username: string,
  caPem: string,
): Promise<void> {
  const file = JSON.stringify({
    version: 1,
    profiles: [{ name: 'Sim', serverUrl: url, username, caCertPem: caPem }],
  });
  const imported = await cli.run(['servers', 'import', '-'], { stdin: file, env: NO_KEYCHAIN });
  if (imported.code !== 0) throw new Error(`servers import failed (${imported.code}): ${imported.stderr}`);
}

/** A sandbox with each simulator added as a server under its key (`{ Sim: sim }` for the usual one). */
export async function sandboxWith(servers: Readonly<Record<string, Simulator>>): Promise<CliSandbox> {
  const cli = await sandbox();
  for (const [name, sim] of Object.entries(servers)) await addSim(cli, sim, name);
  return cli;
}

/** A JSON job object of `--format json`: the CLI's own row (tests check its keys against the README's list). */
export type JsonJob = JobRow;

/** Parses stdout as the JSON array of jobs. */
export function jsonJobs(result: CliResult): JsonJob[] {
  if (result.code !== 0 && result.code !== 1)
    throw new Error(`gpjobs failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as JsonJob[];
}

/** `service\u0000jobId` keys, sorted, for comparing job sets. */
export function keys(jobs: ReadonlyArray<Pick<SimJob, 'service' | 'jobId'>>): string[] {
  return jobs.map((j) => `${j.service}\u0000${j.jobId}`).sort();
}

/** The simulator's jobs as GP Job Admin lists them: every job of an asynchronous GP service. */
export function simJobs(sim: Simulator): SimJob[] {
  return sim.jobs();
}

/** `gpjobs jobs delete` of the Failed jobs on the server named Sim, without asking, results as JSON. */
export const DELETE_FAILED_JSON = [
  ...['jobs', 'delete', '--server', 'Sim', '--status', 'failed'],
  ...['--yes', '--format', 'json'],
] as const;
