/**
 * The lines that schedule a policy: a crontab entry (Linux, macOS) and a Task Scheduler command (Windows),
 * both running `gpjobs policies run NAME --yes` at 02:00 every night. Built in one place so the app's
 * Policies panel and `gpjobs policies show` print the same, correctly quoted lines.
 */

/** A crontab line and a `schtasks` command for one policy. */
export interface ScheduleLines {
  cron: string;
  taskScheduler: string;
}

/** `value` quoted for a POSIX shell when it needs it. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The scheduling lines of policy `name` (at 02:00 daily; edit the time to taste). */
export function scheduleLines(name: string): ScheduleLines {
  // In a crontab, % ends the command unless escaped.
  const cronName = shellQuote(name).replace(/%/g, '\\%');
  // schtasks /TR takes one string; inner quotes are escaped with a backslash, and cmd.exe metacharacters
  // in a name are kept literal by the quotes.
  const winName = `\\"${name.replace(/"/g, '')}\\"`;
  const task = `GP Job Admin - ${name.replace(/["\\/:*?<>|]/g, '-')}`;
  return {
    cron: `0 2 * * * gpjobs policies run ${cronName} --yes >> "$HOME/gpjobs-clean.log" 2>&1`,
    taskScheduler:
      `schtasks /Create /SC DAILY /ST 02:00 /TN "${task}" ` + `/TR "gpjobs policies run ${winName} --yes"`,
  };
}
