/**
 * The lines that schedule a policy: a crontab entry (Linux, macOS) and a Task Scheduler command (Windows),
 * both running `gpjobs policies run NAME --yes` at 02:00 every night. Built in one place so the app's
 * Policies panel and `gpjobs policies show` print the same, correctly quoted lines. Both name the command
 * by its full path: cron runs with a bare PATH (`/usr/bin:/bin`, without macOS's `/usr/local/bin`), and a
 * scheduled task's PATH may not hold the install folder.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A crontab line and a `schtasks` command for one policy. */
export interface ScheduleLines {
  cron: string;
  taskScheduler: string;
}

/** Where the scheduled lines find `gpjobs`. */
export interface GpjobsPaths {
  /** The POSIX command (`/usr/bin/gpjobs`). */
  posix: string;
  /** Windows' `gpjobs.cmd`, in the install folder. */
  windows: string;
}

/** A per-machine Windows install's `gpjobs.cmd` (the installer's default folder). */
export const DEFAULT_GPJOBS_CMD = 'C:\\Program Files\\GP Job Admin\\gpjobs.cmd';

/**
 * Where `gpjobs` is installed, as far as this process can tell: on Windows the `gpjobs.cmd` next to the
 * app's executable (per-machine or per-user install alike), else the per-machine default; the `.deb`'s
 * `/usr/bin/gpjobs` on Linux and the link the README makes in `/usr/local/bin` on macOS.
 */
export function installedGpjobs(
  execPath = process.execPath,
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = fs.existsSync,
): GpjobsPaths {
  const nextToApp = path.win32.join(path.win32.dirname(execPath), 'gpjobs.cmd');
  return {
    posix: platform === 'darwin' ? '/usr/local/bin/gpjobs' : '/usr/bin/gpjobs',
    windows: platform === 'win32' && exists(nextToApp) ? nextToApp : DEFAULT_GPJOBS_CMD,
  };
}

/** `value` quoted for a POSIX shell when it needs it. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Why the Task Scheduler line cannot carry policy name `name`, or null when it can. Two `%` signs let
 * cmd.exe read the text between them as a variable, both when the line is pasted and each night when the
 * task runs (`%TEMP%` would become a folder); a double quote would end the quoted name. No escape keeps
 * them literal in both places, so such names are refused when a policy is saved.
 */
export function unschedulableName(name: string): string | null {
  if (!name.includes('"') && name.split('%').length <= 2) return null;
  return (
    `A policy name cannot contain a double quote (") or two % signs: the Windows Task Scheduler line ` +
    `that runs "${name}" nightly would change it (cmd.exe reads %TEXT% as a variable). Choose another name.`
  );
}

/** cmd.exe's command separators and redirections, and its escape character. */
const CMD_SPECIAL = /[\^&|<>]/g;

/** installedGpjobs() for this process, found once: it does not change while the process runs. */
let installed: GpjobsPaths | undefined;

/**
 * The scheduling lines of policy `name` (at 02:00 daily; edit the time to taste). The Task Scheduler line
 * is for cmd.exe: it runs the task as the current account (`/RU`, whose Credential Manager holds the
 * saved passwords) whether or not it is logged on (`/RP *` asks for its password once).
 */
export function scheduleLines(
  name: string,
  gpjobs: GpjobsPaths = (installed ??= installedGpjobs()),
): ScheduleLines {
  // In a crontab, % ends the command unless escaped.
  const cronName = shellQuote(name).replace(/%/g, '\\%');
  // schtasks /TR takes one string, its inner quotes escaped with a backslash. cmd.exe does not know that
  // escape: it toggles quoting at every ", so the name stands outside its quotes, where & | < > ^ are
  // escaped with ^ (cmd removes the carets; the task's own command line quotes the name). Names with a
  // " or two % are refused at save (see unschedulableName); a stored one is scheduled as well as it can.
  // The install path stands outside cmd's quotes too (a per-user install is under C:\Users\NAME, and a
  // user name may hold an &), so it is escaped the same way.
  const winGpjobs = gpjobs.windows.replace(CMD_SPECIAL, '^$&');
  const winName = `\\"${name.replace(/"/g, '').replace(CMD_SPECIAL, '^$&')}\\"`;
  // The task's name is a label: characters Task Scheduler or cmd.exe would not keep become '-'.
  const task = `GP Job Admin - ${name.replace(/["\\/:*?<>|%^&]/g, '-')}`;
  return {
    cron: `0 2 * * * ${shellQuote(gpjobs.posix)} policies run ${cronName} --yes >> "$HOME/gpjobs-clean.log" 2>&1`,
    taskScheduler:
      `schtasks /Create /SC DAILY /ST 02:00 /TN "${task}" /RU "%USERDOMAIN%\\%USERNAME%" /RP * ` +
      `/TR "\\"${winGpjobs}\\" policies run ${winName} --yes"`,
  };
}
