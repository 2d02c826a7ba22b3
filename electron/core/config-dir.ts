/**
 * Where GP Job Admin keeps its per-user configuration and where IT may provision managed profiles.
 *
 * The desktop app and the `gpjobs` command line must agree on one directory, so it is computed here in pure
 * Node rather than from Electron's `app.getPath('userData')` (which would be `.../GP Job Admin`, named after
 * the product and unknown to the CLI). The directory is `gp-job-admin` under the OS user config directory:
 *
 * - Linux and other Unixes: `$XDG_CONFIG_HOME/gp-job-admin`, else `~/.config/gp-job-admin`
 * - macOS: `~/Library/Application Support/gp-job-admin`
 * - Windows: `%APPDATA%\gp-job-admin`
 *
 * `GPJOBS_CONFIG_DIR` overrides it (tests, portable installs, several isolated setups).
 */
import os from 'node:os';
import path from 'node:path';

/** The per-user directory name, shared by the app and the CLI. */
export const CONFIG_DIR_NAME = 'gp-job-admin';

/** The user profiles file inside the config directory. */
export const PROFILES_FILE_NAME = 'profiles.json';

type Env = Record<string, string | undefined>;

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** First non-empty value among environment names (Windows names are case-insensitive, plain objects are not). */
function envValue(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

function homeDir(env: Env, platform: NodeJS.Platform): string {
  const fromEnv = platform === 'win32' ? envValue(env, 'USERPROFILE') : envValue(env, 'HOME');
  return fromEnv ?? os.homedir();
}

/** The path an environment variable names (resolved against the working directory), when it is set. */
function pathFromEnv(env: Env, platform: NodeJS.Platform, name: string): string | undefined {
  const value = envValue(env, name);
  return value ? pathFor(platform).resolve(value) : undefined;
}

/** The directory holding `profiles.json` and other per-user settings: `GPJOBS_CONFIG_DIR`, else the OS's. */
export function resolveConfigDir(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return pathFromEnv(env, platform, 'GPJOBS_CONFIG_DIR') ?? userConfigDir(env, platform);
}

function userConfigDir(env: Env, platform: NodeJS.Platform): string {
  const p = pathFor(platform);
  if (platform === 'win32') {
    const appData =
      envValue(env, 'APPDATA', 'AppData') ?? p.join(homeDir(env, platform), 'AppData', 'Roaming');
    return p.join(appData, CONFIG_DIR_NAME);
  }
  if (platform === 'darwin') {
    return p.join(homeDir(env, platform), 'Library', 'Application Support', CONFIG_DIR_NAME);
  }
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = envValue(env, 'XDG_CONFIG_HOME');
  const base = xdg && p.isAbsolute(xdg) ? xdg : p.join(homeDir(env, platform), '.config');
  return p.join(base, CONFIG_DIR_NAME);
}

/** The user profiles file: `<config dir>/profiles.json`. */
export function resolveProfilesPath(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return pathFor(platform).join(resolveConfigDir(env, platform), PROFILES_FILE_NAME);
}

/** The machine-wide managed profiles file IT may provision: `GPJOBS_MANAGED_CONFIG`, else a per-OS default. */
export function resolveManagedProfilesPath(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return pathFromEnv(env, platform, 'GPJOBS_MANAGED_CONFIG') ?? machineProfilesPath(env, platform);
}

function machineProfilesPath(env: Env, platform: NodeJS.Platform): string {
  const p = pathFor(platform);
  if (platform === 'win32') {
    const programData = envValue(env, 'ProgramData', 'PROGRAMDATA', 'ALLUSERSPROFILE') ?? 'C:\\ProgramData';
    return p.join(programData, 'GP Job Admin', PROFILES_FILE_NAME);
  }
  if (platform === 'darwin')
    return p.join('/Library', 'Application Support', 'GP Job Admin', PROFILES_FILE_NAME);
  return p.join('/etc', CONFIG_DIR_NAME, PROFILES_FILE_NAME);
}
