/**
 * Running `gpjobs` as a whole process, the one way both executables do it: `dist/cli/gpjobs.cjs` under
 * Node, and the desktop app's own executable in its command-line mode (`--gpjobs-cli`, used by the
 * installed `gpjobs` command, so it needs no Node.js and works with Electron's RunAsNode fuse off). Exits
 * with the command's code once stdout and stderr are flushed, so piped JSON is never cut short.
 */
import { processIo } from './io';
import { runCli } from './program';

/** The switch that puts the app's executable in command-line mode; the arguments after it are gpjobs's. */
export const CLI_SWITCH = '--gpjobs-cli';

/** The gpjobs arguments of an app executable's command line, or null when it was not started as gpjobs. */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_SWITCH);
  return at < 0 ? null : argv.slice(at + 1);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** A reader that went away (`gpjobs ... | head`) is not an error: stop quietly. */
function quietOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => void): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    else throw e;
  });
}

/** Runs gpjobs with `args` in this process and ends it through `exit` with the command's exit code. */
export async function runCliProcess(args: readonly string[], exit: (code: number) => void): Promise<void> {
  quietOnClosedPipe(process.stdout, exit);
  quietOnClosedPipe(process.stderr, exit);
  let code: number;
  try {
    code = await runCli(args, processIo());
  } catch (e) {
    process.stderr.write(`gpjobs: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    code = 70;
  }
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  exit(code);
}
