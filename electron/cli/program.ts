/**
 * The `gpjobs` command tree (commander) and the one function that runs it: parses the arguments, runs
 * the command, and turns every way of ending into an exit code. Usage errors (unknown command or flag,
 * bad value, missing argument) print the message, the failing command's usage line and where its help is
 * on stderr (not the whole help, which scrolled the error away) and give exit code 2.
 */
import { Command, CommanderError, Option } from 'commander';
import { registerCompletion } from './commands/completion';
import { registerJobs } from './commands/jobs';
import { registerPolicies } from './commands/policies';
import { registerRuns } from './commands/runs';
import { registerServers } from './commands/servers';
import { registerUi } from './commands/ui';
import { KEYCHAIN_ENV, PASSWORD_ENV } from './context';
import { PASSWORD_POLICY } from './credentials';
import { CREDENTIALS_FILE_ENV } from './credentials-file';
import type { ExitCode } from './exit-codes';
import { EXIT_CODES_HELP, EXIT_OK, EXIT_USAGE } from './exit-codes';
import type { CliIo, OutStream } from './io';
import { out, outputWidth } from './io';

/** The version `gpjobs --version` prints: the app's (a unit test keeps it equal to package.json's). */
export const VERSION = '0.1.0';

/** `text` re-flowed into lines of at most `width` characters (paragraphs kept). */
export function wrap(text: string, width = 80): string {
  return text
    .split('\n\n')
    .map((para) => {
      const lines: string[] = [];
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const last = lines.length - 1;
        if (last >= 0 && lines[last]!.length + 1 + word.length <= width) lines[last] += ` ${word}`;
        else lines.push(word);
      }
      return lines.join('\n');
    })
    .join('\n\n');
}

const TOP_HELP = `
${wrap(PASSWORD_POLICY)}

${EXIT_CODES_HELP}
"gpjobs help COMMAND": its options. "gpjobs help auth": passwords, environment.
-V, --version: the version.`;

/** `gpjobs help auth`: where passwords come from, and the environment variables. */
export const AUTH_HELP = `Passwords:
${wrap(PASSWORD_POLICY)}

Set or change a saved password:  gpjobs servers edit NAME --password-stdin  (or --password-prompt)
A password is never an argument: other users could see it in the process list.

Environment:
  ${PASSWORD_ENV}          a password for unattended runs (see above)
  GPJOBS_CONFIG_DIR        configuration directory (default: the desktop app's)
  GPJOBS_MANAGED_CONFIG    managed profiles file provisioned by IT
  ${CREDENTIALS_FILE_ENV}  credentials file (default: <config dir>/credentials, see above)
  ${KEYCHAIN_ENV}  keychain service name (default: gp-job-admin, as the desktop app)
`;

/** Help is wrapped to the terminal, else to COLUMNS, else to 80 columns. */
function helpWidth(io: CliIo, stream: OutStream): number {
  const width = outputWidth(io, stream);
  return Number.isFinite(width) ? width : 80;
}

/** Builds the command tree; `done` receives the exit code of the command that ran. */
export function buildProgram(io: CliIo, done: (code: ExitCode) => void): Command {
  const program = new Command('gpjobs')
    .description('List, cancel and delete ArcGIS Server GP jobs across servers (GP Job Admin).')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => helpWidth(io, io.stdout),
      getErrHelpWidth: () => helpWidth(io, io.stderr),
    })
    .addHelpText('after', TOP_HELP);
  registerServers(program, io, done);
  registerJobs(program, io, done);
  registerRuns(program, io, done);
  registerPolicies(program, io, done);
  registerUi(program, io, done);
  registerCompletion(program, io, done);
  // The top help fits one screen: -h and -V are named in its last line instead of an Options list, and
  // "help COMMAND" there instead of a help command line (rewriteHelp handles it). Set after the commands
  // are registered, so each command's own help still lists -h.
  program.options.find((o) => o.long === '--version')?.hideHelp();
  program.addHelpOption(new Option('-h, --help', 'display help').hideHelp());
  program.helpCommand(false);
  for (const command of allCommands(program)) command.showHelpAfterError(usageHint(command));
  return program;
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** `gpjobs jobs list`: the command's name with its parents'. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * What a usage error prints after its message: the command's one usage line (a group's names its
 * commands) and the command that shows all of it.
 */
export function usageHint(command: Command): string {
  const name = commandPath(command);
  if (command.commands.length === 0) {
    return `Usage: ${command.createHelp().commandUsage(command)}\nRun '${name} --help' for all options.`;
  }
  const names = command.commands.map((c) => c.name()).join('|');
  return `Usage: ${name} ${names} ...\nRun '${name} --help' for its commands.`;
}

/** `help a b` is `a b --help`, so help works for sub-subcommands too (`gpjobs help jobs delete`). */
export function rewriteHelp(args: readonly string[]): string[] {
  if (args[0] === 'help') return [...args.slice(1), '--help'];
  return [...args];
}

/** Runs `gpjobs` with `args` (without node and script); resolves the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCode> {
  if (args.length === 2 && args[0] === 'help' && args[1] === 'auth') {
    out(io, AUTH_HELP);
    return EXIT_OK;
  }
  let code: ExitCode = EXIT_OK;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(rewriteHelp(args), { from: 'user' });
    return code;
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
    if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    return EXIT_USAGE;
  }
}
