/**
 * `npm run demo`: three simulated ArcGIS Servers (development, a federated staging site, and a
 * production-flagged one) seeded with thousands of jobs, a demo profile set in a temporary config
 * directory, then the desktop app on it. Without the Electron binary it opens the same workspace in a
 * browser (`gpjobs ui`, see demo-web.ts) and prints the equivalent `gpjobs` commands, serving until Ctrl+C.
 * `--self-test` checks the web workspace, runs those commands and exits.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, type Simulator } from '../test/arcgis-sim/index';
import { JobAdminService } from '../electron/core/service/job-admin-service';
import { checkDemoWorkspace, openDemoWorkspace, startDemoWorkspace, type DemoWorkspace } from './demo-web';
import { findElectronBinary } from './electron-binary.mjs';
import { CREDENTIALS_FILE_NAME } from '../electron/cli/credentials-file';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const PASSWORD = 'demo-password';
const KEYCHAIN_SERVICE = 'gp-job-admin-demo';
const CLI = path.join(ROOT, 'dist', 'cli', 'gpjobs.cjs');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

interface DemoServer {
  name: string;
  sim: Simulator;
  production: boolean;
  federated: boolean;
  color: string;
}

async function startServers(): Promise<DemoServer[]> {
  const common = { username: 'siteadmin', password: PASSWORD, latencyMs: 15, capacity: 16 };
  const [dev, staging, prod] = await Promise.all([
    startSimulator({ ...common, seed: 11, jobs: 2500, services: 5 }),
    startSimulator({ ...common, seed: 12, jobs: 3500, services: 8, federated: true }),
    startSimulator({ ...common, seed: 13, jobs: 6000, services: 10 }),
  ]);
  return [
    { name: 'Development', sim: dev!, production: false, federated: false, color: '#2e9d57' },
    { name: 'Staging (federated)', sim: staging!, production: false, federated: true, color: '#d08a1a' },
    { name: 'Production', sim: prod!, production: true, federated: false, color: '#d83020' },
  ];
}

/** The demo's profile ids and whether their passwords went to the keychain. */
interface DemoProfiles {
  ids: string[];
  inKeychain: boolean;
}

/**
 * Writes the demo profiles; stores the password in the keychain when there is one, else in the config
 * directory's credentials file (owner-only), where gpjobs looks next: GPJOBS_PASSWORD would serve only a
 * command on one server, and the demo's commands list all three.
 */
async function writeProfiles(
  configDir: string,
  credentials: string,
  servers: DemoServer[],
): Promise<DemoProfiles> {
  const service = new JobAdminService({
    configDir,
    managedProfilesPath: null,
    keychainService: KEYCHAIN_SERVICE,
  });
  let keychain = true;
  const ids: string[] = [];
  try {
    for (const s of servers) {
      const saved = await service.saveProfile({
        name: s.name,
        serverUrl: s.sim.url,
        authMode: s.federated ? 'portal' : 'server',
        portalUrl: s.federated ? s.sim.portalUrl : null,
        username: s.sim.username,
        caCertPem: s.sim.caPem,
        production: s.production,
        color: s.color,
      });
      if (!saved.ok) throw new Error(`demo: could not write the profile ${s.name}: ${saved.error.message}`);
      ids.push(saved.value.id);
      if (keychain && !(await service.vault.set(saved.value.id, PASSWORD)).ok) keychain = false;
    }
  } finally {
    await service.dispose();
  }
  if (!keychain) {
    const lines = servers.map((s) => `${s.sim.url} ${s.sim.username} ${PASSWORD}\n`).join('');
    fs.writeFileSync(credentials, lines, { mode: 0o600 });
  }
  return { ids, inKeychain: keychain };
}

/** Removes the demo's keychain entries and its config directory. */
async function forgetProfiles(configDir: string, profiles: DemoProfiles): Promise<void> {
  if (profiles.inKeychain) {
    const service = new JobAdminService({
      configDir,
      managedProfilesPath: null,
      keychainService: KEYCHAIN_SERVICE,
    });
    for (const id of profiles.ids) await service.vault.clear(id);
    await service.dispose();
  }
  fs.rmSync(configDir, { recursive: true, force: true });
}

function cliCommands(): string[][] {
  return [
    ['servers', 'list'],
    ['servers', 'test', 'Production'],
    ['jobs', 'list', '--status', 'failed', '--older-than', '7d'],
    ['jobs', 'list', '--server', 'Staging (federated)', '--status', 'executing', '--format', 'json'],
    ['jobs', 'delete', '--server', 'Development', '--status', 'failed', '--dry-run'],
    ['jobs', 'cancel', '--server', 'Development', '--status', 'submitted', '--yes'],
    ['runs', 'list'],
  ];
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: stdout + stderr });
    });
  });
}

function quote(arg: string): string {
  return /^[\w./:=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

async function main(): Promise<void> {
  const selfTest = process.argv.includes('--self-test');
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpjobs-demo-'));
  const env = {
    ...process.env,
    GPJOBS_CONFIG_DIR: configDir,
    GPJOBS_MANAGED_CONFIG: path.join(configDir, 'no-managed-profiles.json'),
    GPJOBS_KEYCHAIN_SERVICE: KEYCHAIN_SERVICE,
    GPJOBS_PASSWORD: undefined,
    GPJOBS_CREDENTIALS_FILE: undefined,
  };
  const servers = await startServers();
  const credentials = path.join(configDir, CREDENTIALS_FILE_NAME);
  const profiles = await writeProfiles(configDir, credentials, servers);
  const inKeychain = profiles.inKeychain;
  let workspace: DemoWorkspace | null = null;
  const stop = async (code: number) => {
    await workspace?.stop();
    await Promise.all(servers.map((s) => s.sim.close()));
    await forgetProfiles(configDir, profiles);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  console.log('GP Job Admin demo: three simulated ArcGIS Servers are running.');
  for (const s of servers) {
    const tags = [s.production && 'production', s.federated && 'federated'].filter(Boolean).join(', ');
    console.log(
      `  ${s.name.padEnd(20)} ${s.sim.url}  ${s.sim.jobs().length} jobs${tags ? ` (${tags})` : ''}`,
    );
  }
  console.log(
    `Profiles: ${configDir}  (user siteadmin, password ${PASSWORD}` +
      `${inKeychain ? `, stored in the keychain as "${KEYCHAIN_SERVICE}"` : `; no keychain here: gpjobs reads ${credentials}`})`,
  );

  const binary = selfTest ? null : findElectronBinary();
  if (binary) {
    console.log('Opening the desktop app on the demo servers; close it to stop the demo.');
    const app = spawn(binary, [ROOT], { stdio: 'inherit', env });
    app.on('exit', (code) => void stop(code ?? 0));
    return;
  }

  // No desktop window here: the same workspace in a browser (gpjobs ui), over the same profiles.
  const session = inKeychain ? null : { profileIds: profiles.ids, password: PASSWORD };
  workspace = await startDemoWorkspace(env, RENDERER_DIR, session);
  if (!selfTest) {
    console.log(
      '\nThe desktop window cannot open here (no Electron binary): the workspace opens in a browser.',
    );
    workspace = await openDemoWorkspace(workspace, (line) => console.log(line));
    void workspace.closed.then(() => stop(0));
  }
  console.log('\nThe same work from the command line (in another terminal):\n');
  console.log(
    `  export GPJOBS_CONFIG_DIR=${configDir} GPJOBS_MANAGED_CONFIG=${env.GPJOBS_MANAGED_CONFIG} ` +
      `GPJOBS_KEYCHAIN_SERVICE=${KEYCHAIN_SERVICE}`,
  );
  for (const args of cliCommands()) console.log(`  node dist/cli/gpjobs.cjs ${args.map(quote).join(' ')}`);

  if (!selfTest) {
    console.log('\nThe workspace and the simulators serve until you press Ctrl+C.');
    return;
  }
  const production = servers.find((s) => s.production)!.sim.jobs().length;
  const web = await checkDemoWorkspace(workspace.ui.server.url, production);
  console.log(`\n$ web workspace (gpjobs ui)  -> ${web.ok ? 'ok' : 'FAILED'}\n${web.lines.join('\n')}`);
  let failed = web.ok ? 0 : 1;
  // Asynchronously: the simulators run in this process and must keep answering while a command runs.
  for (const args of cliCommands()) {
    const r = await runCli(args, env);
    if (r.code !== 0) failed++;
    console.log(`\n$ gpjobs ${args.map(quote).join(' ')}  -> exit ${r.code}`);
    console.log(r.output.trim().split('\n').slice(0, 8).join('\n'));
  }
  console.log(
    `\ndemo self-test: ${failed === 0 ? 'every command succeeded' : `${failed} command(s) failed`}`,
  );
  await stop(failed === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`demo: ${(error as Error).message}`);
  process.exit(1);
});
