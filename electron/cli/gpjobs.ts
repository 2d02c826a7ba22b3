/**
 * The `gpjobs` executable: runs the command line over electron/core and exits with its code once stdout
 * and stderr are flushed (so piped JSON is never cut short).
 */
import { processIo } from './io';
import { runCli } from './program';

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** A reader that went away (`gpjobs ... | head`) is not an error: stop quietly. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

async function main(): Promise<void> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  let code: number;
  try {
    code = await runCli(process.argv.slice(2), processIo());
  } catch (e) {
    process.stderr.write(`gpjobs: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    code = 70;
  }
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

void main();
